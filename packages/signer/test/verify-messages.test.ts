import { expect } from "chai";
import { sign } from "../src/sign.js";
import { INVALID_TOKEN_MESSAGE, SigV4VerificationError } from "../src/sigv4-verification-error.js";
import { type VerifyOptions, verify } from "../src/verify.js";

const NOW = new Date("2026-09-10T11:12:13Z");
const credentials = { accessKeyId: "ASIAMESSAGES", secretAccessKey: "messages/secret", sessionToken: "good" };
const URL_TO_SIGN = "https://abc123.execute-api.us-east-1.amazonaws.com/prod/events";

async function refusal(
  request: { method: string; url: string; headers: Record<string, string> },
  options: Partial<VerifyOptions> = {},
): Promise<SigV4VerificationError> {
  const error = await verify(request, {
    lookup: async (id) => (id === credentials.accessKeyId ? credentials : undefined),
    now: NOW,
    ...options,
  }).catch((e: unknown) => e);
  expect(error).to.be.instanceOf(SigV4VerificationError);
  return error as SigV4VerificationError;
}

function signedWith(signer: typeof credentials) {
  const signed = sign({ request: { method: "GET", url: URL_TO_SIGN }, credentials: signer, now: NOW });
  return { method: "GET", url: "/prod/events", headers: signed.headers };
}

describe("verify's messages", () => {
  it("answers an unknown key and a foreign session token with AWS's one text, period included", async () => {
    const unknown = await refusal(signedWith({ ...credentials, accessKeyId: "ASIAUNKNOWN" }));
    const foreign = await refusal(signedWith({ ...credentials, sessionToken: "foreign" }));
    expect(unknown.message).to.equal("The security token included in the request is invalid.");
    expect(foreign.message).to.equal(unknown.message);
    expect(INVALID_TOKEN_MESSAGE).to.equal(unknown.message);
    expect([unknown.code, foreign.code]).to.deep.equal([
      "STEPCORD_SIGV4_UNKNOWN_ACCESS_KEY",
      "STEPCORD_SIGV4_INVALID_TOKEN",
    ]);
  });

  it("answers an unsigned request like a REST API by default: Missing Authentication Token", async () => {
    const error = await refusal({ method: "GET", url: "/prod/events", headers: { host: "abc" } });
    expect(error).to.include({
      status: 403,
      message: "Missing Authentication Token",
      awsErrorType: "MissingAuthenticationTokenException",
      code: "STEPCORD_SIGV4_MISSING_AUTHENTICATION",
    });
  });

  it("answers an unsigned request like an HTTP API with apiType HTTP: 403 Forbidden", async () => {
    const error = await refusal(
      { method: "GET", url: "/prod/events", headers: { host: "abc" } },
      { apiType: "HTTP" },
    );
    expect(error).to.include({
      status: 403,
      message: "Forbidden",
      awsErrorType: "ForbiddenException",
      code: "STEPCORD_SIGV4_MISSING_AUTHENTICATION",
    });
  });

  it("keeps AWS's signature texts for an HTTP API once a signature is present", async () => {
    const error = await refusal(signedWith({ ...credentials, accessKeyId: "ASIAUNKNOWN" }), {
      apiType: "HTTP",
    });
    expect(error.message).to.equal(INVALID_TOKEN_MESSAGE);
  });
});
