import { expect } from "chai";
import { presign, sign } from "../src/sign.js";
import { SigV4VerificationError } from "../src/sigv4-verification-error.js";
import { type RequestToVerify, type VerifyOptions, verify } from "../src/verify.js";

const NOW = new Date("2026-01-02T03:04:05Z");
const URL_ = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/events?x=1";
const KEY = { accessKeyId: "AKIDREJECT", secretAccessKey: "reject/secret" };
const TOKEN_KEY = { accessKeyId: "ASIAREJECT", secretAccessKey: "token/secret", sessionToken: "the-token" };
const lookup: VerifyOptions["lookup"] = async (id) =>
  id === KEY.accessKeyId
    ? { secretAccessKey: KEY.secretAccessKey }
    : id === TOKEN_KEY.accessKeyId
      ? { secretAccessKey: TOKEN_KEY.secretAccessKey, sessionToken: TOKEN_KEY.sessionToken }
      : undefined;
const options: VerifyOptions = { lookup, now: NOW, region: "eu-west-1", service: "execute-api" };

function signed(
  over: {
    credentials?: typeof KEY | typeof TOKEN_KEY;
    now?: Date;
    body?: string;
    signBody?: boolean;
    region?: string;
    service?: string;
  } = {},
): RequestToVerify & { headers: Record<string, string> } {
  const body = over.body ?? '{"a":1}';
  const result = sign({
    request: { method: "POST", url: URL_, headers: { "content-type": "application/json" }, body },
    credentials: over.credentials ?? KEY,
    now: over.now ?? NOW,
    signBody: over.signBody,
    region: over.region,
    service: over.service,
  });
  return { method: "POST", url: result.url, headers: { ...result.headers }, body };
}

function withAuth(transform: (authorization: string) => string) {
  const request = signed();
  return {
    ...request,
    headers: { ...request.headers, authorization: transform(request.headers.authorization ?? "") },
  };
}

function presigned(
  over: { expiresSeconds?: number; now?: Date; drop?: string; setExpires?: string } = {},
): RequestToVerify {
  const result = presign({
    request: { method: "GET", url: URL_ },
    credentials: KEY,
    now: over.now ?? NOW,
    expiresSeconds: over.expiresSeconds ?? 60,
  });
  const url = new URL(result.url);
  if (over.drop) url.searchParams.delete(over.drop);
  if (over.setExpires) url.searchParams.set("X-Amz-Expires", over.setExpires);
  return { method: "GET", url: `${url.pathname}${url.search}`, headers: result.headers };
}

const cases: Array<{
  it: string;
  request: () => RequestToVerify;
  code: string;
  type: string;
  message: string | RegExp;
}> = [
  {
    it: "refuses a request with no signature at all",
    request: () => ({ method: "GET", url: "/prod/events", headers: { host: "h" } }),
    code: "STEPCORD_SIGV4_MISSING_AUTHENTICATION",
    type: "MissingAuthenticationTokenException",
    message: "Missing Authentication Token",
  },
  {
    it: "refuses an Authorization header without Signature and SignedHeaders",
    request: () => withAuth((a) => a.replace(/, SignedHeaders=.*$/, "")),
    code: "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
    type: "IncompleteSignatureException",
    message:
      /^Authorization header requires 'Signature' parameter\. Authorization header requires 'SignedHeaders' parameter\. Authorization=AWS4-HMAC-SHA256 Credential=/,
  },
  {
    it: "refuses an Authorization pair without an equal sign",
    request: () => withAuth((a) => a.replace("Credential=", "Credential ")),
    code: "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
    type: "IncompleteSignatureException",
    message: /not a valid key=value pair \(missing equal-sign\) in Authorization header/,
  },
  {
    it: "refuses an algorithm other than AWS4-HMAC-SHA256",
    request: () => withAuth((a) => a.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512")),
    code: "STEPCORD_SIGV4_UNSUPPORTED_ALGORITHM",
    type: "IncompleteSignatureException",
    message: /Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'/,
  },
  {
    it: "refuses a credential without five parts",
    request: () => withAuth((a) => a.replace("/aws4_request", "")),
    code: "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
    type: "IncompleteSignatureException",
    message: /Credential must have exactly 5 slash-delimited elements/,
  },
  {
    it: "refuses a malformed X-Amz-Date",
    request: () => {
      const r = signed();
      return { ...r, headers: { ...r.headers, "x-amz-date": "2026-01-02" } };
    },
    code: "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
    type: "IncompleteSignatureException",
    message:
      "Date must be in ISO-8601 'basic format'. Got '2026-01-02'. See http://en.wikipedia.org/wiki/ISO_8601",
  },
  {
    it: "refuses a credential scope dated another day",
    request: () => withAuth((a) => a.replace("/20260102/", "/20260101/")),
    code: "STEPCORD_SIGV4_CREDENTIAL_SCOPE",
    type: "InvalidSignatureException",
    message:
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260101' != '20260102', from '20260102T030405Z'.",
  },
  {
    it: "refuses a credential scoped to another region",
    request: () => signed({ region: "us-east-1" }),
    code: "STEPCORD_SIGV4_CREDENTIAL_SCOPE",
    type: "InvalidSignatureException",
    message: "Credential should be scoped to a valid region, not 'us-east-1'. ",
  },
  {
    it: "refuses a credential scoped to another service",
    request: () => signed({ service: "lambda" }),
    code: "STEPCORD_SIGV4_CREDENTIAL_SCOPE",
    type: "InvalidSignatureException",
    message: "Credential should be scoped to correct service: 'execute-api'. ",
  },
  {
    it: "refuses a credential scope without the aws4_request terminator",
    request: () => withAuth((a) => a.replace("/aws4_request", "/aws5_request")),
    code: "STEPCORD_SIGV4_CREDENTIAL_SCOPE",
    type: "InvalidSignatureException",
    message: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ",
  },
  {
    it: "refuses a signature that does not cover host",
    request: () =>
      withAuth((a) => a.replace("SignedHeaders=content-type;host;", "SignedHeaders=content-type;")),
    code: "STEPCORD_SIGV4_UNSIGNED_REQUIRED_HEADER",
    type: "IncompleteSignatureException",
    message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
  },
  {
    it: "refuses a signature that does not cover x-amz-date",
    request: () => withAuth((a) => a.replace(";x-amz-date", "")),
    code: "STEPCORD_SIGV4_UNSIGNED_REQUIRED_HEADER",
    type: "IncompleteSignatureException",
    message: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
  },
  {
    it: "refuses a session token that the signature does not cover",
    request: () => {
      const r = signed();
      return { ...r, headers: { ...r.headers, "x-amz-security-token": "t" } };
    },
    code: "STEPCORD_SIGV4_UNSIGNED_REQUIRED_HEADER",
    type: "IncompleteSignatureException",
    message: "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.",
  },
  {
    it: "refuses a signature older than five minutes",
    request: () => signed({ now: new Date("2026-01-02T02:50:00Z") }),
    code: "STEPCORD_SIGV4_SIGNATURE_EXPIRED",
    type: "InvalidSignatureException",
    message:
      "Signature expired: 20260102T025000Z is now earlier than 20260102T025905Z (20260102T030405Z - 5 min.)",
  },
  {
    it: "refuses a signature dated more than five minutes ahead",
    request: () => signed({ now: new Date("2026-01-02T03:20:00Z") }),
    code: "STEPCORD_SIGV4_SIGNATURE_NOT_YET_CURRENT",
    type: "InvalidSignatureException",
    message:
      "Signature not yet current: 20260102T032000Z is still later than 20260102T030905Z (20260102T030405Z + 5 min.)",
  },
  {
    it: "refuses an unknown access key",
    request: () => signed({ credentials: { accessKeyId: "AKIDUNKNOWN", secretAccessKey: "x" } }),
    code: "STEPCORD_SIGV4_UNKNOWN_ACCESS_KEY",
    type: "UnrecognizedClientException",
    message: "The security token included in the request is invalid.",
  },
  {
    it: "refuses a session token that does not belong to the key",
    request: () => signed({ credentials: { ...TOKEN_KEY, sessionToken: "other-token" } }),
    code: "STEPCORD_SIGV4_INVALID_TOKEN",
    type: "UnrecognizedClientException",
    message: "The security token included in the request is invalid.",
  },
  {
    it: "refuses temporary credentials used without their session token",
    request: () =>
      signed({
        credentials: { accessKeyId: TOKEN_KEY.accessKeyId, secretAccessKey: TOKEN_KEY.secretAccessKey },
      }),
    code: "STEPCORD_SIGV4_INVALID_TOKEN",
    type: "UnrecognizedClientException",
    message: "The security token included in the request is invalid.",
  },
  {
    it: "refuses an x-amz-content-sha256 that is not the body's hash",
    request: () => ({ ...signed({ signBody: true }), body: '{"a":2}' }),
    code: "STEPCORD_SIGV4_CONTENT_SHA256_MISMATCH",
    type: "InvalidSignatureException",
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  },
  {
    it: "refuses a signature made with another secret",
    request: () => signed({ credentials: { ...KEY, secretAccessKey: "wrong" } }),
    code: "STEPCORD_SIGV4_SIGNATURE_MISMATCH",
    type: "InvalidSignatureException",
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
  {
    it: "refuses a presigned URL used after X-Amz-Expires",
    request: () => presigned({ now: new Date("2026-01-02T03:02:00Z"), expiresSeconds: 60 }),
    code: "STEPCORD_SIGV4_REQUEST_EXPIRED",
    type: "InvalidSignatureException",
    message: "Request has expired: signed at 20260102T030200Z for 60 seconds, now 20260102T030405Z.",
  },
  {
    it: "refuses a presigned URL without X-Amz-Credential",
    request: () => presigned({ drop: "X-Amz-Credential" }),
    code: "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
    type: "IncompleteSignatureException",
    message:
      "AWS query-string parameters must include 'X-Amz-Credential'. Re-examine the query-string parameters.",
  },
  {
    it: "refuses a presigned URL valid for more than a week",
    request: () => presigned({ setExpires: "604801" }),
    code: "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
    type: "IncompleteSignatureException",
    message: /X-Amz-Expires must be a whole number of seconds from 1 to 604800/,
  },
  {
    it: "refuses a presigned URL dated more than five minutes ahead",
    request: () => presigned({ now: new Date("2026-01-02T04:00:00Z") }),
    code: "STEPCORD_SIGV4_SIGNATURE_NOT_YET_CURRENT",
    type: "InvalidSignatureException",
    message: /^Signature not yet current: 20260102T040000Z/,
  },
  {
    it: "refuses a body changed after signing (the payload hash is part of the signature)",
    request: () => ({ ...signed(), body: '{"a":2}' }),
    code: "STEPCORD_SIGV4_SIGNATURE_MISMATCH",
    type: "InvalidSignatureException",
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
  {
    it: "refuses a path changed after signing",
    request: () => {
      const r = signed();
      return { ...r, url: String(r.url).replace("/prod/events", "/prod/admin") };
    },
    code: "STEPCORD_SIGV4_SIGNATURE_MISMATCH",
    type: "InvalidSignatureException",
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
  {
    it: "refuses a query parameter changed after signing",
    request: () => {
      const r = signed();
      return { ...r, url: String(r.url).replace("x=1", "x=2") };
    },
    code: "STEPCORD_SIGV4_SIGNATURE_MISMATCH",
    type: "InvalidSignatureException",
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
  {
    it: "refuses a query parameter added after signing",
    request: () => {
      const r = signed();
      return { ...r, url: `${String(r.url)}&admin=true` };
    },
    code: "STEPCORD_SIGV4_SIGNATURE_MISMATCH",
    type: "InvalidSignatureException",
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
  {
    it: "refuses a method changed after signing",
    request: () => ({ ...signed(), method: "PUT" }),
    code: "STEPCORD_SIGV4_SIGNATURE_MISMATCH",
    type: "InvalidSignatureException",
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
  {
    it: "refuses a signed header whose value changed after signing",
    request: () => {
      const r = signed();
      return { ...r, headers: { ...r.headers, "content-type": "text/plain" } };
    },
    code: "STEPCORD_SIGV4_SIGNATURE_MISMATCH",
    type: "InvalidSignatureException",
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
  {
    it: "refuses a signed header sent twice, the second copy added after signing (as in raw headers)",
    request: () => {
      const r = signed();
      const raw = Object.entries(r.headers).flat();
      return { ...r, headers: [...raw, "content-type", "text/plain"] };
    },
    code: "STEPCORD_SIGV4_SIGNATURE_MISMATCH",
    type: "InvalidSignatureException",
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
  {
    it: "refuses a signature with one hex digit changed",
    request: () =>
      withAuth((a) => a.replace(/Signature=(.)/, (_m, c: string) => `Signature=${c === "0" ? "1" : "0"}`)),
    code: "STEPCORD_SIGV4_SIGNATURE_MISMATCH",
    type: "InvalidSignatureException",
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
  {
    it: "refuses a presigned URL without X-Amz-Signature",
    request: () => presigned({ drop: "X-Amz-Signature" }),
    code: "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
    type: "IncompleteSignatureException",
    message: /'X-Amz-Signature'/,
  },
  {
    it: "refuses a presigned URL without X-Amz-Date",
    request: () => presigned({ drop: "X-Amz-Date" }),
    code: "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
    type: "IncompleteSignatureException",
    message: /'X-Amz-Date'/,
  },
  {
    it: "refuses a presigned URL whose X-Amz-Expires was raised after signing",
    request: () => presigned({ setExpires: "3600" }),
    code: "STEPCORD_SIGV4_SIGNATURE_MISMATCH",
    type: "InvalidSignatureException",
    message:
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  },
];

/** The issue asks for at least 30 distinct rejections; this keeps the table from shrinking unnoticed. */
const MIN_REJECTION_CASES = 30;

describe("verify rejections", () => {
  it(`covers at least ${MIN_REJECTION_CASES} distinct rejections, each with AWS's status and message`, () => {
    expect(cases.length).to.be.at.least(MIN_REJECTION_CASES);
    expect(new Set(cases.map((row) => row.it)).size).to.equal(cases.length);
  });

  it("accepts the untampered requests the table starts from", async () => {
    expect((await verify(signed(), options)).accessKeyId).to.equal(KEY.accessKeyId);
    expect((await verify(signed({ credentials: TOKEN_KEY }), options)).accessKeyId).to.equal(
      TOKEN_KEY.accessKeyId,
    );
    expect((await verify(signed({ signBody: true }), options)).mode).to.equal("header");
    expect((await verify(presigned(), options)).mode).to.equal("query");
  });

  for (const row of cases) {
    it(row.it, async () => {
      const error = await verify(row.request(), options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, "verify should have thrown").to.be.instanceOf(SigV4VerificationError);
      const failure = error as SigV4VerificationError;
      expect(failure.code).to.equal(row.code);
      expect(failure.awsErrorType).to.equal(row.type);
      expect(failure.status).to.equal(403);
      if (typeof row.message === "string") expect(failure.message).to.equal(row.message);
      else expect(failure.message).to.match(row.message);
    });
  }

  it("never puts the secret or the session token in an error", async () => {
    const errors = await Promise.all(
      cases.map((row) => verify(row.request(), options).catch((e: unknown) => e as Error)),
    );
    for (const error of errors) {
      const text = `${(error as Error).message} ${JSON.stringify((error as SigV4VerificationError).detail ?? {})}`;
      expect(text)
        .to.not.include(KEY.secretAccessKey)
        .and.not.include(TOKEN_KEY.secretAccessKey)
        .and.not.include(TOKEN_KEY.sessionToken);
    }
  });
});
