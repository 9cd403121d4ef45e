import { createHmac, createSecretKey, type KeyObject } from "node:crypto";

/**
 * The SigV4 signing key for one secret, day, region and service, derived once and kept as a KeyObject.
 *
 * Why a KeyObject: since Node 24's KeyObject hardening (nodejs/node#63111), `createHmac` with a Buffer key first
 * asks whether the Buffer is a KeyObject and then a CryptoKey, each by a brand check that throws and is caught;
 * that costs about 11 µs, more than the rest of a signature. aws4 keeps its derived keys as Buffers, so its final
 * HMAC pays it on every request; with a KeyObject the same HMAC takes under 2 µs.
 */
export function signingKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
): KeyObject {
  // Nearly every call repeats the last one: compare four strings before building and hashing a map key.
  const last = lastUsed;
  if (
    last !== undefined &&
    last.date === date &&
    last.region === region &&
    last.service === service &&
    last.secretAccessKey === secretAccessKey
  )
    return last.key;
  const cacheKey = `${date}/${region}/${service}/${secretAccessKey}`;
  const cached = derivedKeys.get(cacheKey);
  if (cached !== undefined) {
    lastUsed = { secretAccessKey, date, region, service, key: cached };
    return cached;
  }
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  const key = createSecretKey(hmac(kService, "aws4_request"));
  // Bounded: keys change daily and a process holds a handful of credentials; a flood must not grow memory.
  if (derivedKeys.size >= MAX_DERIVED_KEYS) derivedKeys.clear();
  derivedKeys.set(cacheKey, key);
  lastUsed = { secretAccessKey, date, region, service, key };
  return key;
}

/** The hex HMAC-SHA256 of a string to sign under a derived signing key: the SigV4 signature. */
export function signatureFor(key: KeyObject, stringToSign: string): string {
  return createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
}

const MAX_DERIVED_KEYS = 64;
const derivedKeys = new Map<string, KeyObject>();
let lastUsed:
  | { secretAccessKey: string; date: string; region: string; service: string; key: KeyObject }
  | undefined;

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}
