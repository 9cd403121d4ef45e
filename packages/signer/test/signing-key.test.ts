import { expect } from "chai";
import { signingKey } from "../src/signing-key.js";

describe("signingKey", () => {
  // AWS's worked example in "Examples of how to derive a signing key for Signature Version 4".
  it("derives the key AWS's documentation shows for its example secret, day, region and service", () => {
    const key = signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
    expect(key.export().toString("hex")).to.equal(
      "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
    );
  });

  it("gives another key for another day, region, service or secret", () => {
    const base = signingKey("secret", "20260101", "eu-west-1", "execute-api").export().toString("hex");
    for (const other of [
      signingKey("secret", "20260102", "eu-west-1", "execute-api"),
      signingKey("secret", "20260101", "us-east-1", "execute-api"),
      signingKey("secret", "20260101", "eu-west-1", "states"),
      signingKey("secret2", "20260101", "eu-west-1", "execute-api"),
    ])
      expect(other.export().toString("hex")).to.not.equal(base);
  });

  it("returns the same key object for the same inputs, so the derivation runs once a day", () => {
    expect(signingKey("s", "20260101", "eu-west-1", "execute-api")).to.equal(
      signingKey("s", "20260101", "eu-west-1", "execute-api"),
    );
  });
});
