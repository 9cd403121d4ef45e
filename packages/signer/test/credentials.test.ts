import { expect } from "chai";
import { defaultCredentials, memoizeCredentials, staticCredentials } from "../src/credentials.js";
import { CredentialsError } from "../src/credentials-error.js";
import type { Credentials } from "../src/types.js";

function counting(make: (call: number) => Credentials | Error) {
  let calls = 0;
  const provider = async () => {
    calls += 1;
    const value = make(calls);
    if (value instanceof Error) throw value;
    return value;
  };
  return { provider, calls: () => calls };
}

describe("credentials", () => {
  it("returns a frozen copy from staticCredentials", async () => {
    const source = { accessKeyId: "AK", secretAccessKey: "SK" };
    const got = await staticCredentials(source)();
    expect(got).to.deep.equal(source);
    expect(got).to.not.equal(source);
    expect(Object.isFrozen(got)).to.equal(true);
  });

  it("keeps credentials until five minutes before they expire, then refreshes", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const expiration = new Date("2026-01-01T01:00:00Z");
    const source = counting((call) => ({ accessKeyId: `AK${call}`, secretAccessKey: "SK", expiration }));
    const memo = memoizeCredentials(source.provider, { now: () => now });
    expect((await memo()).accessKeyId).to.equal("AK1");
    now = new Date("2026-01-01T00:54:59Z");
    expect((await memo()).accessKeyId).to.equal("AK1");
    now = new Date("2026-01-01T00:55:00Z");
    expect((await memo()).accessKeyId).to.equal("AK2");
    expect(source.calls()).to.equal(2);
  });

  it("shares one fetch between concurrent callers", async () => {
    const source = counting(() => ({ accessKeyId: "AK", secretAccessKey: "SK" }));
    const memo = memoizeCredentials(source.provider);
    await Promise.all([memo(), memo(), memo()]);
    expect(source.calls()).to.equal(1);
  });

  it("does not cache a failed fetch", async () => {
    const source = counting((call) =>
      call === 1 ? new Error("IMDS down") : { accessKeyId: "AK", secretAccessKey: "SK" },
    );
    const memo = memoizeCredentials(source.provider);
    const error: unknown = await memo().catch((e: unknown) => e);
    expect((error as Error).message).to.equal("IMDS down");
    expect((await memo()).accessKeyId).to.equal("AK");
  });

  it("reads the environment through the AWS SDK's default chain", async () => {
    const saved = { ...process.env };
    try {
      process.env.AWS_ACCESS_KEY_ID = "AKIDFROMENV";
      process.env.AWS_SECRET_ACCESS_KEY = "env/secret";
      process.env.AWS_SESSION_TOKEN = "env-token";
      const got = await defaultCredentials()();
      expect(got).to.include({
        accessKeyId: "AKIDFROMENV",
        secretAccessKey: "env/secret",
        sessionToken: "env-token",
      });
    } finally {
      for (const key of ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it("explains how to configure credentials when the default chain finds none", async () => {
    const names = [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_PROFILE",
      "AWS_CONFIG_FILE",
      "AWS_SHARED_CREDENTIALS_FILE",
      "AWS_EC2_METADATA_DISABLED",
      "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
      "AWS_CONTAINER_CREDENTIALS_FULL_URI",
      "AWS_WEB_IDENTITY_TOKEN_FILE",
    ];
    const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    try {
      for (const name of names) delete process.env[name];
      process.env.AWS_CONFIG_FILE = "/nonexistent/stepcord/config";
      process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/stepcord/credentials";
      process.env.AWS_EC2_METADATA_DISABLED = "true";
      const error: unknown = await defaultCredentials({ profile: "stepcord-no-such-profile" })().catch(
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(CredentialsError);
      expect((error as CredentialsError).code).to.equal("STEPCORD_CREDENTIALS");
      expect((error as Error).message).to.match(
        /^Could not load AWS credentials from the default chain \(profile "stepcord-no-such-profile"\): /,
      );
      expect((error as Error).message).to.include(
        "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE",
      );
    } finally {
      for (const name of names) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });
});
