import { createHash } from "node:crypto";
import { SigningInputError } from "./signing-input-error.js";

/** The SHA-256 of an empty payload, hex encoded. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Buffers a body (string, Buffer or Uint8Array) once; streams and other shapes are refused. */
export function bufferBody(body: unknown): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new SigningInputError(
    "body",
    `Cannot sign a ${describe(body)} body: SigV4 hashes the whole payload before sending. ` +
      "Read the stream into a Buffer first (e.g. Buffer.concat(await Array.fromAsync(stream))) and pass that.",
  );
}

/** Hex SHA-256 of a received body, without copying a string into a Buffer first (the verifier never sends it). */
export function payloadSha256(body: unknown): string {
  if (typeof body === "string")
    return body === "" ? EMPTY_SHA256 : createHash("sha256").update(body, "utf8").digest("hex");
  return sha256Hex(bufferBody(body));
}

/** Hex SHA-256 of a buffered body. */
export function sha256Hex(body: Uint8Array | undefined): string {
  if (body === undefined || body.byteLength === 0) return EMPTY_SHA256;
  return createHash("sha256").update(body).digest("hex");
}

function describe(body: unknown): string {
  if (typeof body !== "object" || body === null) return typeof body;
  if (Symbol.asyncIterator in body || "pipe" in body) return "stream";
  return body.constructor?.name ?? "object";
}
