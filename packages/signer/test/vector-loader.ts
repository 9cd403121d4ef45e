import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The vendored AWS SigV4 test suite (see its README). */
export const SUITE_DIR = "/work/shared/sigv4-test-suite/v4";

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
  readonly normalize: boolean;
  readonly signBody: boolean;
  readonly omitSessionToken: boolean;
  readonly expiresSeconds: number;
  expected(
    mode: "header" | "query",
    stage: "canonical-request" | "string-to-sign" | "signature" | "signed-request",
  ): string;
}

export function suiteAvailable(): boolean {
  return existsSync(SUITE_DIR);
}

export function loadVectors(): Vector[] {
  return readdirSync(SUITE_DIR)
    .sort()
    .map((name) => loadVector(name));
}

function loadVector(name: string): Vector {
  const dir = join(SUITE_DIR, name);
  const context = JSON.parse(readFileSync(join(dir, "context.json"), "utf8"));
  const raw = readFileSync(join(dir, "request.txt"), "utf8");
  const split = raw.indexOf("\n\n");
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split + 2);
  const lines = head.split("\n").filter((line) => line !== "");
  const [requestLine = "", ...headerLines] = lines;
  const method = requestLine.slice(0, requestLine.indexOf(" "));
  const path = requestLine.slice(method.length + 1, requestLine.lastIndexOf(" HTTP/"));
  const headers: Record<string, string> = {};
  let last = "";
  for (const line of headerLines) {
    if (/^\s/.test(line)) {
      headers[last] = `${headers[last]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    last = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1);
    headers[last] = headers[last] === undefined ? value : `${headers[last]},${value}`;
  }
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
    expected: (mode, stage) => readFileSync(join(dir, `${mode}-${stage}.txt`), "utf8").replace(/\n$/, ""),
  };
}
