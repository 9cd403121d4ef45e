import { timingSafeEqual } from "node:crypto";

/** Received headers: an object (node's `req.headers`) or a flat `[name, value, ...]` list (node's `req.rawHeaders`). */
export type ReceivedHeaders =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | readonly string[];

/**
 * Lower-cases header names; arrays and repeated names are joined with `,` as SigV4 canonicalises them. Prefer
 * `rawHeaders`: node joins repeated headers in `req.headers` with `, `, which changes the canonical form.
 */
export function lowerHeaders(headers: ReceivedHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  if (isFlat(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) addHeader(out, headers[i] ?? "", headers[i + 1]);
  } else {
    for (const name in headers) if (Object.hasOwn(headers, name)) addHeader(out, name, headers[name]);
  }
  return out;
}

function addHeader(
  out: Record<string, string>,
  name: string,
  value: string | readonly string[] | undefined,
): void {
  if (value === undefined) return;
  const lower = name.toLowerCase();
  const joined = typeof value === "string" ? value : value.join(",");
  const previous = out[lower];
  out[lower] = previous === undefined ? joined : `${previous},${joined}`;
}

/** Splits a received target (absolute URL or path with query) into raw path and raw query, keeping its encoding. */
export function splitTarget(request: {
  readonly url?: string | undefined;
  readonly path?: string | undefined;
  readonly query?: string | undefined;
}): { path: string; query: string } {
  if (request.url === undefined) return { path: request.path ?? "/", query: request.query ?? "" };
  let target = request.url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (scheme) target = target.slice(scheme[0].length);
  target = target.replace(/#.*$/, "");
  const mark = target.indexOf("?");
  const path = mark === -1 ? target : target.slice(0, mark);
  return { path: path === "" ? "/" : path, query: mark === -1 ? "" : target.slice(mark + 1) };
}

/** Constant-time string comparison (crypto.timingSafeEqual). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) {
    timingSafeEqual(left, left); // keep the work similar when lengths differ
    return false;
  }
  return timingSafeEqual(left, right);
}

function isFlat(headers: ReceivedHeaders): headers is readonly string[] {
  return Array.isArray(headers);
}
