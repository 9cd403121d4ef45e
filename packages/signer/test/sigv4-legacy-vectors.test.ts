import { expect } from "chai";
import { canonicalRequest, sign, stringToSign } from "../src/sign.js";
import { SigV4VerificationError } from "../src/sigv4-verification-error.js";
import { verify } from "../src/verify.js";
import {
  LEGACY_SESSION_TOKEN,
  type LegacyVector,
  legacyCaseCount,
  loadLegacyVectors,
} from "./legacy-vector-loader.js";

function options(vector: LegacyVector) {
  return {
    request: vector.request,
    credentials: vector.credentials,
    region: vector.region,
    service: vector.service,
    now: vector.date,
    signBody: false,
    uriEscapePath: vector.uriEscapePath,
  };
}

function verifySigned(vector: LegacyVector) {
  const { method, path, headers, body } = vector.signed;
  return verify(
    { method, url: path, headers, body },
    {
      // The token cases' key pair is a temporary one, issued with the readme's session token.
      lookup: async (id) =>
        id !== vector.credentials.accessKeyId
          ? undefined
          : vector.name.startsWith("post-sts-token/")
            ? { ...vector.credentials, sessionToken: LEGACY_SESSION_TOKEN }
            : vector.credentials,
      now: vector.date,
      region: vector.region,
      service: vector.service,
    },
  );
}

describe("AWS SigV4 test suite (legacy 2015 vectors)", () => {
  const vectors = loadLegacyVectors();

  it("runs every case folder of the vendored suite (31), none dropped by the loader", () => {
    expect(vectors).to.have.length(legacyCaseCount());
    expect(vectors).to.have.length(31);
  });

  it("reads repeated headers and indented continuation lines as one comma-joined value, as the suite's canonical form does", () => {
    const multiline = vectors.find((v) => v.name === "get-header-value-multiline");
    const duplicate = vectors.find((v) => v.name === "get-header-key-duplicate");
    expect(multiline?.request.headers["my-header1"]).to.equal("value1,value2,value3");
    expect(duplicate?.request.headers["my-header1"]).to.equal("value2,value2,value1");
  });

  for (const vector of vectors) {
    describe(vector.name, () => {
      it("produces the expected canonical request", () => {
        expect(canonicalRequest(options(vector))).to.equal(vector.creq);
      });
      it("produces the expected string to sign", () => {
        expect(stringToSign(options(vector))).to.equal(vector.sts);
      });
      it("produces the expected Authorization header", () => {
        expect(sign(options(vector)).headers.authorization).to.equal(vector.authz);
      });
      if (vector.name === "post-sts-token/post-sts-header-after") {
        it("the verifier refuses it: its session token was added after signing", async () => {
          const error = await verifySigned(vector).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).to.be.instanceOf(SigV4VerificationError);
        });
      } else {
        it("the verifier accepts the suite's signed request at its timestamp", async () => {
          expect(await verifySigned(vector)).to.include({ accessKeyId: "AKIDEXAMPLE", mode: "header" });
        });
      }
    });
  }
});
