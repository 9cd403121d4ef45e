import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { expect } from "chai";
import { canonicalRequest, presign, sign, stringToSign } from "../src/sign.js";
import { SigningInputError } from "../src/signing-input-error.js";
import { SigningScopeError } from "../src/signing-scope-error.js";
import { verify } from "../src/verify.js";

const credentials = { accessKeyId: "AKIDSIGN", secretAccessKey: "sign/secret" };
const NOW = new Date("2026-03-04T05:06:07Z");
const API = "https://abc123.execute-api.eu-central-1.amazonaws.com";
const lookup = async () => ({ secretAccessKey: credentials.secretAccessKey });

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe("sign", () => {
  it("never mutates the caller's request or credentials", () => {
    const options = deepFreeze({
      request: {
        method: "POST",
        url: `${API}/prod/x`,
        headers: { "Content-Type": "application/json" },
        body: "{}",
      },
      credentials,
      now: NOW,
    });
    const signed = sign(options);
    expect(options.request.headers).to.deep.equal({ "Content-Type": "application/json" });
    expect(signed.headers).to.not.equal(options.request.headers);
  });

  it("re-signs the same request with a new date and signature when the clock moves", () => {
    const request = { method: "GET", url: `${API}/prod/x` };
    const first = sign({ request, credentials, now: NOW });
    const second = sign({ request, credentials, now: new Date(NOW.getTime() + 1000) });
    expect(second.headers["x-amz-date"]).to.equal("20260304T050608Z");
    expect(second.signature).to.not.equal(first.signature);
  });

  it("keeps the caller's content-type and adds neither a form content-type nor a content-length", () => {
    const json = sign({
      request: {
        method: "POST",
        url: `${API}/prod/x`,
        headers: { "content-type": "application/json" },
        body: "{}",
      },
      credentials,
      now: NOW,
    });
    expect(json.headers["content-type"]).to.equal("application/json");
    const bare = sign({
      request: { method: "POST", url: `${API}/prod/x`, body: "{}" },
      credentials,
      now: NOW,
    });
    expect(bare.headers).to.not.have.any.keys("content-type", "content-length");
  });

  it("returns the URL that the signature covers, which verify accepts", async () => {
    const signed = sign({
      request: { method: "GET", url: `${API}/prod/a b/?b=2&a=1&flag&c=x+y` },
      credentials,
      now: NOW,
    });
    expect(signed.url).to.equal(`${API}/prod/a%20b/?b=2&a=1&flag=&c=x%20y`);
    const result = await verify(
      { method: "GET", url: signed.url, headers: signed.headers },
      { lookup, now: NOW },
    );
    expect(result.accessKeyId).to.equal("AKIDSIGN");
  });

  it("replaces a caller's authorization, x-amz-date and token headers", () => {
    const signed = sign({
      request: {
        method: "GET",
        url: `${API}/p`,
        headers: {
          Authorization: "Bearer x",
          "X-Amz-Date": "19990101T000000Z",
          "X-Amz-Security-Token": "old",
        },
      },
      credentials,
      now: NOW,
    });
    expect(signed.headers["x-amz-date"]).to.equal("20260304T050607Z");
    expect(signed.headers.authorization).to.match(
      /^AWS4-HMAC-SHA256 Credential=AKIDSIGN\/20260304\/eu-central-1\/execute-api\/aws4_request, /,
    );
    expect(signed.headers).to.not.have.property("x-amz-security-token");
  });

  it("uses an explicit region and service over the host's", () => {
    const signed = sign({
      request: { method: "GET", url: "https://api.stepcord.example/x" },
      credentials,
      now: NOW,
      region: "ap-south-1",
      service: "execute-api",
    });
    expect(signed.headers.authorization).to.include("/20260304/ap-south-1/execute-api/aws4_request");
  });

  it("refuses a custom domain without an explicit region", () => {
    expect(() =>
      sign({
        request: { method: "GET", url: "https://api.stepcord.example/x" },
        credentials,
        service: "execute-api",
      }),
    ).to.throw(SigningScopeError);
  });

  it("accepts string, Buffer and Uint8Array bodies with the same signature", () => {
    const signatures = ["héllo", Buffer.from("héllo"), new Uint8Array(Buffer.from("héllo"))].map(
      (body) => sign({ request: { method: "PUT", url: `${API}/p`, body }, credentials, now: NOW }).signature,
    );
    expect(new Set(signatures).size).to.equal(1);
  });

  it("refuses a stream body and says to buffer it first", () => {
    expect(() =>
      sign({ request: { method: "PUT", url: `${API}/p`, body: Readable.from(["x"]) }, credentials }),
    )
      .to.throw(SigningInputError, /Read the stream into a Buffer first/)
      .with.property("code", "STEPCORD_SIGNING_INPUT");
  });

  it("refuses credentials without a secret instead of signing with undefined", () => {
    expect(() =>
      sign({
        request: { method: "GET", url: `${API}/p` },
        credentials: { accessKeyId: "AK", secretAccessKey: "" },
      }),
    )
      .to.throw(SigningInputError, /no secretAccessKey/)
      .with.property("field", "credentials");
  });

  it("refuses a relative URL and says to pass an absolute one", () => {
    expect(() => sign({ request: { method: "GET", url: "/prod/x" }, credentials })).to.throw(
      SigningInputError,
      /not an absolute URL/,
    );
  });

  it("exposes the canonical request and the string to sign that hashes it", () => {
    const options = { request: { method: "GET", url: `${API}/prod/x?a=1` }, credentials, now: NOW };
    const canonical = canonicalRequest(options);
    expect(canonical.split("\n").slice(0, 3)).to.deep.equal(["GET", "/prod/x", "a=1"]);
    const hash = createHash("sha256").update(canonical).digest("hex");
    expect(stringToSign(options)).to.equal(
      `AWS4-HMAC-SHA256\n20260304T050607Z\n20260304/eu-central-1/execute-api/aws4_request\n${hash}`,
    );
  });

  it("signs x-amz-content-sha256 only when asked", () => {
    const plain = sign({ request: { method: "POST", url: `${API}/p`, body: "x" }, credentials, now: NOW });
    expect(plain.headers).to.not.have.property("x-amz-content-sha256");
    const withHash = sign({
      request: { method: "POST", url: `${API}/p`, body: "x" },
      credentials,
      now: NOW,
      signBody: true,
    });
    expect(withHash.headers["x-amz-content-sha256"]).to.equal(createHash("sha256").update("x").digest("hex"));
    expect(withHash.headers.authorization).to.include("x-amz-content-sha256");
  });
});

describe("presign", () => {
  it("always sets X-Amz-Expires, which aws4 omits for non-S3 services", async () => {
    const url = new URL(
      presign({
        request: { method: "GET", url: `${API}/prod/x` },
        credentials,
        now: NOW,
        expiresSeconds: 120,
      }).url,
    );
    expect(url.searchParams.get("X-Amz-Expires")).to.equal("120");
    expect(url.searchParams.get("X-Amz-Credential")).to.equal(
      "AKIDSIGN/20260304/eu-central-1/execute-api/aws4_request",
    );
    const result = await verify(
      { method: "GET", url: url.href, headers: { host: url.host } },
      { lookup, now: NOW },
    );
    expect(result.mode).to.equal("query");
  });

  it("replaces X-Amz-* parameters already in the URL", () => {
    const url = new URL(
      presign({
        request: { method: "GET", url: `${API}/x?X-Amz-Expires=5&X-Amz-Signature=old` },
        credentials,
        now: NOW,
        expiresSeconds: 30,
      }).url,
    );
    expect(url.searchParams.getAll("X-Amz-Expires")).to.deep.equal(["30"]);
    expect(url.searchParams.getAll("X-Amz-Signature")).to.have.length(1);
    expect(url.searchParams.get("X-Amz-Signature")).to.not.equal("old");
  });

  it("refuses an expiry longer than a week", () => {
    expect(() =>
      presign({ request: { method: "GET", url: `${API}/x` }, credentials, expiresSeconds: 604801 }),
    ).to.throw(SigningInputError, /604800/);
  });
});
