import type { Reply } from "./http-io.js";

/**
 * Discord's API versions as its docs list them (discord/discord-api-docs, developers/reference.mdx, "API
 * Versioning"): v10 and v9 available, v8 to v6 deprecated, v5 to v3 discontinued ("Trying to use these versions will
 * fail and return 400 Bad Request"), and a route without `/v{n}` goes to the default version, v6.
 */
export const DEFAULT_API_VERSION = 6;
const SERVED_VERSIONS: ReadonlySet<number> = new Set([6, 7, 8, 9, 10]);
const DISCONTINUED_VERSIONS: ReadonlySet<number> = new Set([3, 4, 5]);

/**
 * v8 made `Retry-After` and `retry_after` seconds "instead of milliseconds" (discord/discord-api-docs,
 * developers/change-log.mdx, "API and Gateway V8", September 24, 2020), so v6 and v7 still answer milliseconds.
 */
const FIRST_VERSION_IN_SECONDS = 8;

export type VersionCheck =
  | { served: true; version: number }
  | { served: false; reason: "discontinued" | "unknown"; version: number };

/** The version a route's `v{n}` segment names; `undefined` (no segment) is the default version. */
export function apiVersion(segment: string | undefined): VersionCheck {
  const version = segment === undefined ? DEFAULT_API_VERSION : Number(segment);
  if (SERVED_VERSIONS.has(version)) return { served: true, version };
  return { served: false, reason: DISCONTINUED_VERSIONS.has(version) ? "discontinued" : "unknown", version };
}

/**
 * Rewrites a 429 built in v8+ units (seconds, fractional) into the version's own: on v6 and v7 the body's
 * `retry_after` and the `Retry-After` header are whole milliseconds. Other replies pass through unchanged.
 */
export function inVersionUnits(reply: Reply, version: number): Reply {
  if (reply.status !== 429 || version >= FIRST_VERSION_IN_SECONDS) return reply;
  const body = reply.body as { retry_after?: unknown } | undefined;
  if (typeof body?.retry_after !== "number") return reply;
  const retryAfterMs = Math.ceil(body.retry_after * 1000);
  const headers = { ...reply.headers };
  if (headers["retry-after"] !== undefined) headers["retry-after"] = String(retryAfterMs);
  return { ...reply, headers, body: { ...body, retry_after: retryAfterMs } };
}
