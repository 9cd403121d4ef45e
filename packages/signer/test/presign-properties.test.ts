import { expect } from "chai";
import fc from "fast-check";
import { presign, sign } from "../src/sign.js";
import { verify } from "../src/verify.js";
import {
  METHODS,
  pathAndQuery,
  type RandomRequest,
  randomRequest,
  signOptionsFor,
  urlOf,
} from "./support/arbitraries.js";
import { rejection } from "./support/rejection.js";

const credentials = {
  accessKeyId: "AKIDPRESIGN",
  secretAccessKey: "presign/secret+key",
  sessionToken: "presign/token+=",
};
const NOW = new Date("2026-05-06T07:08:09Z");
const options = {
  lookup: async (id: string) => (id === credentials.accessKeyId ? credentials : undefined),
  now: NOW,
  region: "us-west-2",
  service: "execute-api",
};

const toSign = (request: RandomRequest) => signOptionsFor(request, credentials, NOW);

describe("properties of presigning and of the method", () => {
  it("verifies every URL it presigns, with the headers it says to send", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomRequest,
        fc.integer({ min: 1, max: 604800 }),
        async (request, expiresSeconds) => {
          const presigned = presign({ ...toSign(request), expiresSeconds });
          const result = await verify(
            {
              method: presigned.method,
              url: pathAndQuery(presigned.url),
              headers: presigned.headers,
              body: request.body,
            },
            options,
          );
          expect(result).to.include({ accessKeyId: credentials.accessKeyId, mode: "query" });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rejects a signed request sent with any other method", async () => {
    await fc.assert(
      fc.asyncProperty(randomRequest, fc.constantFrom(...METHODS), async (request, other) => {
        fc.pre(other !== request.method);
        const signed = sign(toSign(request));
        const code = await rejection(
          verify(
            { method: other, url: pathAndQuery(signed.url), headers: signed.headers, body: signed.body },
            options,
          ),
        );
        expect(code).to.equal("STEPCORD_SIGV4_SIGNATURE_MISMATCH");
      }),
      { numRuns: 200 },
    );
  });

  it("rejects a presigned URL sent with any other method", async () => {
    await fc.assert(
      fc.asyncProperty(randomRequest, fc.constantFrom(...METHODS), async (request, other) => {
        fc.pre(other !== request.method);
        const presigned = presign({ ...toSign(request), expiresSeconds: 300 });
        const code = await rejection(
          verify(
            {
              method: other,
              url: pathAndQuery(presigned.url),
              headers: presigned.headers,
              body: request.body,
            },
            options,
          ),
        );
        expect(code).to.equal("STEPCORD_SIGV4_SIGNATURE_MISMATCH");
      }),
      { numRuns: 200 },
    );
  });

  it("builds random URLs whose query keys and values carry & = + % # percent-encoded, as data", () => {
    const url = urlOf({ method: "GET", path: "/", query: [["a&b=c", "+%#"]], headers: {}, body: undefined });
    expect(new URL(url).searchParams.get("a&b=c")).to.equal("+%#");
  });
});
