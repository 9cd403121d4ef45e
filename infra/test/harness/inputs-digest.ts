import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so two equal input sets print alike whatever their key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** A resource's inputs as one SHA-256: equal digests, equal inputs (what the provider's diff would start from). */
export function inputsDigest(inputs: Record<string, unknown>): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(inputs)))
    .digest("hex");
}
