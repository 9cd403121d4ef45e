import { readFileSync } from "node:fs";

/**
 * The suite writes some paths raw on the request line (`GET /ሴ`, `GET /example space/`) and its signer encodes that
 * path once. A URL cannot carry such a path: WHATWG URL (and `sign`) percent-encode it for the wire, which is the
 * one encoding the suite's signer performs, so `sign` reproduces those cases with `uriEscapePath: false`. `verify`
 * receives the raw request line and needs no flag.
 */
export function rawOnRequestLine(path: string): boolean {
  return /[^\x21-\x7e]/u.test(path.split("?")[0] ?? "");
}

/**
 * AWS's SigV4 vectors (awslabs/aws-c-auth `tests/aws-signing-test-suite/v4`, Apache-2.0), vendored byte for byte as
 * one JSON document (`cases[name][file]`) so the tests run from a fresh clone.
 */
const GOLDEN = new URL("./fixtures/sigv4-v4-vectors.golden.json", import.meta.url);

let suite: Record<string, Record<string, string>> | undefined;

function cases(): Record<string, Record<string, string>> {
  suite ??= (JSON.parse(readFileSync(GOLDEN, "utf8")) as { cases: Record<string, Record<string, string>> })
    .cases;
  return suite;
}

export interface Vector {
  readonly name: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly region: string;
  readonly service: string;
  readonly date: Date;
  /** The path as written on the suite's request line, with its query. */
  readonly path: string;
  readonly normalize: boolean;
  readonly signBody: boolean;
  readonly omitSessionToken: boolean;
  readonly expiresSeconds: number;
  /** AWS's own signed request for this case, parsed. */
  signedRequest(mode: "header" | "query"): HttpMessage;
  expected(
    mode: "header" | "query",
    stage: "canonical-request" | "string-to-sign" | "signature" | "signed-request",
  ): string;
}

export function loadVectors(): Vector[] {
  return Object.keys(cases())
    .sort()
    .map((name) => loadVector(name));
}

function file(name: string, fileName: string): string {
  const text = cases()[name]?.[fileName];
  if (text === undefined) throw new Error(`The vendored SigV4 suite has no ${name}/${fileName}.`);
  return text;
}

/** An HTTP/1.1 message as written in the suite: request line, headers (with folded lines), blank line, body. */
export interface HttpMessage {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Parses a suite's HTTP message. A repeated header name adds a comma-joined value; an indented continuation line is
 * joined with `continuation`: a space in the v4 suite (obs-fold), a comma in the legacy one (one value per line).
 */
export function parseHttpMessage(raw: string, continuation: " " | "," = " "): HttpMessage {
  const split = raw.indexOf("\n\n");
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split + 2);
  const [requestLine = "", ...headerLines] = head.split("\n").filter((line) => line !== "");
  const method = requestLine.slice(0, requestLine.indexOf(" "));
  const path = requestLine.slice(method.length + 1, requestLine.lastIndexOf(" HTTP/"));
  const headers: Record<string, string> = {};
  let last = "";
  for (const line of headerLines) {
    if (/^\s/.test(line)) {
      headers[last] = `${headers[last]}${continuation}${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    last = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1);
    headers[last] = headers[last] === undefined ? value : `${headers[last]},${value}`;
  }
  return { method, path, headers, body };
}

function loadVector(name: string): Vector {
  const context = JSON.parse(file(name, "context.json"));
  const { method, path, headers, body } = parseHttpMessage(file(name, "request.txt"));
  const host = headers.host ?? "example.amazonaws.com";
  const credentials = {
    accessKeyId: context.credentials.access_key_id,
    secretAccessKey: context.credentials.secret_access_key,
    ...(context.credentials.token ? { sessionToken: context.credentials.token } : {}),
  };
  return {
    name,
    method,
    url: `https://${host}${path}`,
    path,
    headers,
    body,
    credentials,
    region: context.region,
    service: context.service,
    date: new Date(context.timestamp),
    normalize: context.normalize,
    signBody: context.sign_body,
    omitSessionToken: context.omit_session_token === true,
    expiresSeconds: context.expiration_in_seconds,
    expected: (mode, stage) => file(name, `${mode}-${stage}.txt`).replace(/\n$/, ""),
    signedRequest: (mode) => parseHttpMessage(file(name, `${mode}-signed-request.txt`)),
  };
}
