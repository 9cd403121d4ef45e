import { SigV4VerificationError } from "../../src/sigv4-verification-error.js";

/** The code a verification was refused with, or undefined when it was accepted. */
export async function rejection(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (error instanceof SigV4VerificationError ? error.code : String(error)),
  );
}
