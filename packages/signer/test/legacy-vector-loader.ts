import { readFileSync } from "node:fs";
import { type HttpMessage, parseHttpMessage, rawOnRequestLine } from "./vector-loader.js";

/**
 * The original SigV4 suite (2015; `../shared/sigv4-test-suite/legacy-2015`, as mhart/aws4 vendors it), stored byte
 * for byte as one JSON document (`cases[name][ext]`, ext = req/creq/sts/authz/sreq) so tests run from a fresh clone.
 * Every case signs in header mode with one key pair, region `us-east-1`, service `service`, at its `X-Amz-Date`.
 */
const GOLDEN = new URL("./fixtures/sigv4-legacy-2015-vectors.golden.json", import.meta.url);

/** The session token the suite's post-sts-token/readme.txt gives for its two token cases. */
export const LEGACY_SESSION_TOKEN =
  "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

interface LegacyDocument {
  inputs: { accessKeyId: string; secretAccessKey: string; region: string; service: string };
  cases: Record<string, Record<string, string>>;
}

let document: LegacyDocument | undefined;
const load = () => {
  document ??= JSON.parse(readFileSync(GOLDEN, "utf8")) as LegacyDocument;
  return document;
};

export interface LegacyVector {
  readonly name: string;
  readonly request: { method: string; url: string; headers: Record<string, string>; body: string };
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly region: string;
  readonly service: string;
  readonly date: Date;
  /** See rawOnRequestLine: `sign` reproduces a raw request-line path with `uriEscapePath: false`. */
  readonly uriEscapePath: boolean;
  /** The suite's expected canonical request, string to sign and Authorization header. */
  readonly creq: string;
  readonly sts: string;
  readonly authz: string;
  /** The suite's signed request, as the verifier receives it. */
  readonly signed: HttpMessage;
}

/** The legacy `.req` format: each indented continuation line is one more value, joined with a comma. */
export function parseLegacyMessage(raw: string): HttpMessage {
  return parseHttpMessage(raw.replace(/\r\n/g, "\n"), ",");
}

/** `20150830T123600Z` → a Date. */
function amzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`The legacy suite has an X-Amz-Date this loader cannot read: ${value}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

export function loadLegacyVectors(): LegacyVector[] {
  const { inputs, cases } = load();
  return Object.keys(cases)
    .sort()
    .map((name) => {
      const files = cases[name] ?? {};
      const file = (ext: string) => {
        const text = files[ext];
        if (text === undefined) throw new Error(`The vendored legacy suite has no ${name}.${ext}.`);
        return text;
      };
      const message = parseLegacyMessage(file("req"));
      const { "x-amz-security-token": token, ...headers } = message.headers;
      return {
        name,
        request: {
          method: message.method,
          url: `https://${headers.host}${message.path}`,
          headers,
          body: message.body,
        },
        credentials: {
          accessKeyId: inputs.accessKeyId,
          secretAccessKey: inputs.secretAccessKey,
          ...(token === undefined ? {} : { sessionToken: token }),
        },
        region: inputs.region,
        service: inputs.service,
        date: amzDate(message.headers["x-amz-date"] ?? ""),
        uriEscapePath: !rawOnRequestLine(message.path),
        creq: file("creq"),
        sts: file("sts"),
        authz: file("authz"),
        signed: parseLegacyMessage(file("sreq")),
      };
    });
}

/** How many case folders the vendored document holds, counted independently of the loader. */
export function legacyCaseCount(): number {
  return Object.keys(load().cases).length;
}
