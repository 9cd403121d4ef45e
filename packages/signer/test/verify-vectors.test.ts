import { expect } from "chai";
import { SigV4VerificationError } from "../src/sigv4-verification-error.js";
import { verify } from "../src/verify.js";
import { loadVectors, type Vector } from "./vector-loader.js";

/** Runs verify on AWS's own signed request of a vector, at the vector's instant, knowing the vector's key. */
function verifySigned(vector: Vector, mode: "header" | "query") {
  const message = vector.signedRequest(mode);
  return verify(
    { method: message.method, url: message.path, headers: message.headers, body: message.body },
    {
      lookup: async (id) => (id === vector.credentials.accessKeyId ? vector.credentials : undefined),
      now: vector.date,
      region: vector.region,
      service: vector.service,
      normalizePath: vector.normalize,
    },
  );
}

describe("verify on AWS's signed requests (aws-c-auth v4 vectors)", () => {
  for (const vector of loadVectors()) {
    for (const mode of ["header", "query"] as const) {
      if (vector.omitSessionToken) {
        it(`refuses ${vector.name} (${mode}) because its session token was added after signing`, async () => {
          const error = await verifySigned(vector, mode).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(error).to.be.instanceOf(SigV4VerificationError);
          expect((error as SigV4VerificationError).code).to.be.oneOf([
            "STEPCORD_SIGV4_UNSIGNED_REQUIRED_HEADER",
            "STEPCORD_SIGV4_INVALID_TOKEN",
            "STEPCORD_SIGV4_SIGNATURE_MISMATCH", // query mode: the token was appended to the query after signing
          ]);
        });
      } else {
        it(`accepts ${vector.name} (${mode} signing)`, async () => {
          const result = await verifySigned(vector, mode);
          expect(result).to.include({ accessKeyId: "AKIDEXAMPLE", mode });
        });
      }
    }
  }
});
