import { expect } from "chai";
import { aws4Path, wirePath } from "../src/canonical-path.js";
import { canonicalRequest, presign, sign } from "../src/sign.js";
import { SigV4VerificationError } from "../src/sigv4-verification-error.js";
import { verify } from "../src/verify.js";

const credentials = { accessKeyId: "AKIDPATH", secretAccessKey: "path-secret" };
const NOW = new Date("2026-03-04T05:06:07Z");
const scope = { region: "us-east-1", service: "execute-api", now: NOW } as const;
const HOST = "https://api.example.test";

function canonicalUri(url: string, options: { normalizePath?: boolean; uriEscapePath?: boolean } = {}) {
  return canonicalRequest({ request: { method: "GET", url }, credentials, ...scope, ...options }).split(
    "\n",
  )[1];
}

async function verifySigned(
  signed: { method: string; url: string; headers: Record<string, string> },
  options: { normalizePath?: boolean; uriEscapePath?: boolean } = {},
) {
  return verify(
    { method: signed.method, url: signed.url, headers: signed.headers },
    {
      lookup: async (id) => (id === credentials.accessKeyId ? credentials : undefined),
      ...scope,
      ...options,
    },
  );
}

describe("path handling (normalizePath, uriEscapePath)", () => {
  it("encodes the wire path again by default, as AWS does for every service but S3", () => {
    expect(canonicalUri(`${HOST}/a b/%C3%A9`)).to.equal("/a%2520b/%25C3%25A9");
  });

  it("encodes each segment once with uriEscapePath: false", () => {
    expect(canonicalUri(`${HOST}/a b/%C3%A9`, { uriEscapePath: false })).to.equal("/a%20b/%C3%A9");
  });

  it("removes dot segments and repeated slashes by default", () => {
    expect(canonicalUri(`${HOST}/a//b/./c/../d`)).to.equal("/a/b/d");
  });

  it("signs and sends the path as written in the URL string with normalizePath: false", () => {
    const signed = sign({
      request: { method: "GET", url: `${HOST}/a//b/./c/../d?x=1` },
      credentials,
      ...scope,
      normalizePath: false,
    });
    expect(signed.url).to.equal(`${HOST}/a//b/./c/../d?x=1`);
    expect(canonicalUri(`${HOST}/a//b/./c/../d`, { normalizePath: false })).to.equal("/a//b/./c/../d");
  });

  it("presigns the unnormalised path with normalizePath: false", () => {
    const url = presign({
      request: { method: "GET", url: `${HOST}/a/../b` },
      credentials,
      ...scope,
      normalizePath: false,
      expiresSeconds: 60,
    }).url;
    expect(url.startsWith(`${HOST}/a/../b?X-Amz-`)).to.equal(true);
  });

  it("verify accepts an unnormalised signature only when told normalizePath: false, like the signer", async () => {
    const signed = sign({
      request: { method: "GET", url: `${HOST}/a//b/../c` },
      credentials,
      ...scope,
      normalizePath: false,
    });
    expect(await verifySigned(signed, { normalizePath: false })).to.include({ mode: "header" });
    const error = await verifySigned(signed).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SigV4VerificationError);
    expect((error as SigV4VerificationError).code).to.equal("STEPCORD_SIGV4_SIGNATURE_MISMATCH");
  });

  it("verify accepts a single-encoded signature only when told uriEscapePath: false", async () => {
    const signed = sign({
      request: { method: "GET", url: `${HOST}/a%20b` },
      credentials,
      ...scope,
      uriEscapePath: false,
    });
    expect(await verifySigned(signed, { uriEscapePath: false })).to.include({ mode: "header" });
    const error = await verifySigned(signed).catch((e: unknown) => e);
    expect((error as SigV4VerificationError).code).to.equal("STEPCORD_SIGV4_SIGNATURE_MISMATCH");
  });

  it("hands aws4 a raw request-line path (GET /ሴ) in canonical form, so it is encoded once, as AWS does", async () => {
    expect(aws4Path("/ሴ", "", {})).to.deep.include({ path: "/%E1%88%B4", doNotEncodePath: true });
  });

  it("sends existing escapes unchanged and encodes only characters that cannot go raw", () => {
    expect(wirePath("/%41|b^ é")).to.equal("/%41%7Cb%5E%20%C3%A9");
    const signed = sign({ request: { method: "GET", url: `${HOST}/%41|b` }, credentials, ...scope });
    expect(new URL(signed.url).pathname).to.equal("/%41%7Cb");
  });
});
