/**
 * How a request path becomes the canonical URI. AWS SDKs expose the same two switches: every service but S3
 * normalises and escapes (the defaults); S3 does neither.
 */
export interface PathOptions {
  /**
   * Remove `.` and `..` segments and collapse repeated slashes before signing, as AWS does for every service but S3.
   * With `false`, `sign` takes the path from the URL string as written (a `URL` object has already resolved its dot
   * segments) and `verify` canonicalises the received path as it came.
   * @default true
   */
  readonly normalizePath?: boolean | undefined;
  /**
   * URI-encode each path segment of the wire path (already percent-encoded once) again in the canonical request:
   * `/a%20b` is signed as `/a%2520b`. AWS's rule for every service but S3 ("double encoding"). With `false`, each
   * segment is decoded and encoded once: `/a%20b` is signed as `/a%20b`.
   * @default true
   */
  readonly uriEscapePath?: boolean | undefined;
}

/** What aws4 is handed for a path: the path (with query), whether it decodes segments, and an override. */
export interface Aws4Path {
  readonly path: string;
  readonly doNotEncodePath: boolean;
  /** The canonical URI, when aws4 cannot produce it (it always normalises for services other than S3). */
  readonly canonicalUri: string | undefined;
}

// aws4's parsePath rewrites the whole path with encodeURI(decodeURI(path)) when it holds any other character.
const OUTSIDE_AWS4_SET = /[^0-9A-Za-z;,/?:@&=+$\-_.!~*'()#%]/u;
const OUTSIDE_AWS4_SET_GLOBAL = /[^0-9A-Za-z;,/?:@&=+$\-_.!~*'()#%]/gu;

/**
 * The path as it goes on the wire: characters that cannot be sent raw (space, non-ASCII, `|`, `^`, ...) are
 * percent-encoded one by one and existing escapes are kept, so aws4 never rewrites the path we send.
 */
export function wirePath(path: string): string {
  return OUTSIDE_AWS4_SET.test(path) ? path.replace(OUTSIDE_AWS4_SET_GLOBAL, encodeURIComponent) : path;
}

/**
 * Chooses what to hand aws4 so that its canonical URI is AWS's for `path` (the path as received, without query).
 *
 * aws4 switches: `doNotEncodePath` decodes each segment before encoding it (single encoding). What it cannot express,
 * handled here: (1) no normalisation — aws4 normalises for every service but S3, so it gets `/` and the canonical URI
 * is computed here; (2) raw characters in a received path (`GET /ሴ`) — aws4 would percent-encode them and then encode
 * the result again, so it gets each segment already in canonical form, with `doNotEncodePath`, which leaves that form
 * unchanged (decoding then encoding a canonical segment is the identity) while aws4 still normalises.
 */
export function aws4Path(path: string, query: string, options: PathOptions): Aws4Path {
  const uriEscapePath = options.uriEscapePath !== false;
  if (options.normalizePath === false) {
    return {
      path: `/${query}`,
      doNotEncodePath: !uriEscapePath,
      canonicalUri: canonicalSegments(path, uriEscapePath),
    };
  }
  if (OUTSIDE_AWS4_SET.test(path)) {
    return {
      path: `${canonicalSegments(path, uriEscapePath)}${query}`,
      doNotEncodePath: true,
      canonicalUri: undefined,
    };
  }
  return { path: `${path}${query}`, doNotEncodePath: !uriEscapePath, canonicalUri: undefined };
}

/** Each segment encoded as aws4 encodes one (RFC 3986 unreserved kept), decoded first without `uriEscapePath`. */
function canonicalSegments(path: string, uriEscapePath: boolean): string {
  const canonical = path
    .split("/")
    .map((segment) => encodeRfc3986Full(uriEscapePath ? segment : decodeSegment(segment)))
    .join("/");
  return canonical.startsWith("/") ? canonical : `/${canonical}`;
}

// aws4 reads `+` in a path segment as a space when it decodes one; doing the same keeps both switches consistent.
function decodeSegment(segment: string): string {
  return decodeURIComponent(segment.replace(/\+/g, " "));
}

function encodeRfc3986Full(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
