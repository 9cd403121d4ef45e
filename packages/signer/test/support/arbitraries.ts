import fc from "fast-check";

const SEGMENT_CHARS = [..."abcXYZ019-_.~ !*'()é✓@:$,;="];
// `& = + % #` are query syntax when raw; urlOf percent-encodes them, so they reach the signer as data.
const QUERY_CHARS = [..."abcXYZ019-_.~ !*'()é✓/?:@$,;&=+%#"];
const HEADER_CHARS = [..."abcXYZ019-_.~!*'()/:;,=+ "];

/** Every method the random requests use. */
export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

export interface RandomRequest {
  readonly method: string;
  readonly path: string;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
}

const segment = fc
  .string({ unit: fc.constantFrom(...SEGMENT_CHARS), minLength: 1, maxLength: 8 })
  .filter((s) => s !== "." && s !== "..");
const queryText = (minLength: number) =>
  fc.string({ unit: fc.constantFrom(...QUERY_CHARS), minLength, maxLength: 8 });
const headerValue = fc
  .string({ unit: fc.constantFrom(...HEADER_CHARS), minLength: 1, maxLength: 16 })
  .filter((value) => value.trim() !== "");

export const randomRequest: fc.Arbitrary<RandomRequest> = fc.record({
  method: fc.constantFrom(...METHODS),
  path: fc
    .array(segment, { maxLength: 4 })
    .map((segments) => `/${segments.map(encodeURIComponent).join("/")}`),
  query: fc.array(fc.tuple(queryText(1), queryText(0)), { maxLength: 4 }),
  headers: fc.dictionary(
    fc.stringMatching(/^[a-z]{1,8}$/).map((name) => `x-test-${name}`),
    headerValue,
    { maxKeys: 3 },
  ),
  body: fc.option(fc.oneof(fc.string({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 })), {
    nil: undefined,
  }),
});

/** Builds the absolute URL of a random request on an API Gateway host. */
export function urlOf(request: RandomRequest, host = "abc123.execute-api.us-west-2.amazonaws.com"): string {
  const search = new URLSearchParams(request.query.map(([k, v]): [string, string] => [k, v])).toString();
  return `https://${host}${request.path}${search ? `?${search}` : ""}`;
}

/** `sign`/`presign` options for a random request, with the given credentials and instant. */
export function signOptionsFor(
  request: RandomRequest,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  now: Date,
) {
  return {
    request: { method: request.method, url: urlOf(request), headers: request.headers, body: request.body },
    credentials,
    now,
  };
}

/** The path and query of an absolute URL, as a server receives them. */
export function pathAndQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
