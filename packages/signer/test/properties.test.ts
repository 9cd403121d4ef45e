import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { expect } from "chai";
import fc from "fast-check";
import { sign } from "../src/sign.js";
import { verify } from "../src/verify.js";
import { pathAndQuery, type RandomRequest, randomRequest, signOptionsFor } from "./support/arbitraries.js";
import { rejection } from "./support/rejection.js";

const credentials = {
  accessKeyId: "AKIDPROPERTY",
  secretAccessKey: "property/secret+key",
  sessionToken: "prop/token+=",
};
const NOW = new Date("2026-05-06T07:08:09Z");
const options = {
  lookup: async (id: string) =>
    id === credentials.accessKeyId
      ? { secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken }
      : undefined,
  now: NOW,
  region: "us-west-2",
  service: "execute-api",
};

function signedFor(request: RandomRequest) {
  return sign(signOptionsFor(request, credentials, NOW));
}

/** Replaces one character with `z` (or `y`): never a case variant, since percent-escapes are case-insensitive. */
function replaceAt(text: string, index: number): string {
  const original = text[index];
  return `${text.slice(0, index)}${original === "z" ? "y" : "z"}${text.slice(index + 1)}`;
}

describe("properties", () => {
  it("verifies every request it signs", async () => {
    await fc.assert(
      fc.asyncProperty(randomRequest, async (request) => {
        const signed = signedFor(request);
        const result = await verify(
          {
            method: signed.method,
            url: pathAndQuery(signed.url),
            headers: signed.headers,
            body: signed.body,
          },
          options,
        );
        expect(result.accessKeyId).to.equal(credentials.accessKeyId);
      }),
      { numRuns: 300 },
    );
  });

  it("rejects any single-byte change to the body", async () => {
    await fc.assert(
      fc.asyncProperty(randomRequest, fc.nat(), async (request, at) => {
        const signed = signedFor(request);
        const body = Buffer.from(signed.body ?? Buffer.alloc(0));
        const tampered =
          body.length === 0
            ? Buffer.from("x")
            : Buffer.from(body.map((byte, i) => (i === at % body.length ? byte ^ 1 : byte)));
        const code = await rejection(
          verify(
            { method: signed.method, url: pathAndQuery(signed.url), headers: signed.headers, body: tampered },
            options,
          ),
        );
        expect(code).to.equal("STEPCORD_SIGV4_SIGNATURE_MISMATCH");
      }),
      { numRuns: 200 },
    );
  });

  it("rejects any single-character change to the path or query", async () => {
    await fc.assert(
      fc.asyncProperty(randomRequest, fc.nat(), async (request, at) => {
        const signed = signedFor(request);
        const target = pathAndQuery(signed.url);
        const index = 1 + (at % (target.length - 1 || 1));
        fc.pre(target.length > 1 && target[index] !== "?" && target[index] !== "&" && target[index] !== "=");
        const code = await rejection(
          verify(
            {
              method: signed.method,
              url: replaceAt(target, index),
              headers: signed.headers,
              body: signed.body,
            },
            options,
          ),
        );
        expect(code).to.equal("STEPCORD_SIGV4_SIGNATURE_MISMATCH");
      }),
      { numRuns: 200 },
    );
  });

  it("rejects any single-character change to a signed header", async () => {
    await fc.assert(
      fc.asyncProperty(randomRequest, fc.nat(), fc.nat(), async (request, pick, at) => {
        const signed = signedFor(request);
        const names = Object.keys(signed.headers).filter(
          (name) => name.startsWith("x-test-") || name === "host" || name === "x-amz-date",
        );
        const name = names[pick % names.length] ?? "host";
        const value = signed.headers[name] ?? "";
        const index = at % value.length;
        fc.pre(value.trim().length > 0 && !(name === "x-amz-date" && !/\d/.test(value[index] ?? "")));
        const tampered = name === "x-amz-date" ? replaceDigit(value, index) : replaceAt(value, index);
        const code = await rejection(
          verify(
            {
              method: signed.method,
              url: pathAndQuery(signed.url),
              headers: { ...signed.headers, [name]: tampered },
              body: signed.body,
            },
            options,
          ),
        );
        expect(code).to.not.equal(undefined);
      }),
      { numRuns: 200 },
    );
  });

  it("produces the same Authorization as @smithy/signature-v4", async () => {
    const smithy = new SignatureV4({
      credentials,
      region: "us-west-2",
      service: "execute-api",
      sha256: Sha256,
      applyChecksum: false,
    });
    await fc.assert(
      fc.asyncProperty(randomRequest, async (request) => {
        const ours = signedFor(request);
        const url = new URL(ours.url);
        const query: Record<string, string | string[]> = {};
        for (const [key, value] of url.searchParams) {
          const prior = query[key];
          query[key] =
            prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
        }
        const theirs = await smithy.sign(
          new HttpRequest({
            method: request.method,
            protocol: "https:",
            hostname: url.hostname,
            path: url.pathname,
            query,
            headers: { ...request.headers, host: url.host },
            body: request.body,
          }),
          { signingDate: NOW },
        );
        expect(ours.headers.authorization).to.equal(theirs.headers.authorization);
      }),
      { numRuns: 300 },
    );
  });
});

function replaceDigit(value: string, index: number): string {
  const digit = value[index] === "1" ? "2" : "1";
  return `${value.slice(0, index)}${digit}${value.slice(index + 1)}`;
}
