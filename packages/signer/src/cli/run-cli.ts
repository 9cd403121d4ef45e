import { readFile } from "node:fs/promises";
import { STATUS_CODES } from "node:http";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Dispatcher } from "undici";
import { defaultCredentials } from "../credentials.js";
import { signedRequest } from "../signed-request.js";
import type { CredentialsProvider } from "../types.js";
import { CliUsageError } from "./cli-error.js";
import { readStackOutput } from "./pulumi-output.js";

/** Where the CLI writes; process.stdout and process.stderr fit. */
export interface CliStream {
  write(chunk: string | Uint8Array): unknown;
}

export interface CliContext {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: NodeJS.ProcessEnv;
  /** Defaults to defaultCredentials() (the AWS SDK's Node provider chain). */
  readonly credentials?: CredentialsProvider | undefined;
  /** The Pulumi command to run; defaults to $PULUMI_COMMAND or `pulumi`. */
  readonly pulumi?: string | undefined;
  readonly dispatcher?: Dispatcher | undefined;
}

/** Exit codes: 0 success (2xx), 1 other failure, 2 usage, 7 network error, 22 HTTP status outside 2xx (as curl -f). */
export const EXIT = { ok: 0, failure: 1, usage: 2, network: 7, http: 22 } as const;

export const USAGE = `usage: sigv4 [-X METHOD] [-H 'Name: value']... [-d DATA | -d @file] [--region R] [--service S] [-i] URL
       sigv4 --stack STACK [--output eventsEndpoint] [options] [PATH]

Sends one SigV4-signed request with credentials from the AWS SDK's default chain and prints the response body
(a JSON or text body ends with a newline).
  -X, --request METHOD   HTTP method (default GET, or POST with -d)
  -H, --header 'K: V'    add a header (repeatable)
  -d, --data DATA        request body; @file reads the body from a file
      --region R         signing region (default: from an *.amazonaws.com host)
      --service S        signing service (default: from the host, e.g. execute-api)
  -i, --include          print the status line and response headers first
      --stack STACK      take the URL from \`pulumi stack output --json --stack STACK\`
      --output NAME      the stack output holding the URL (default eventsEndpoint); PATH is resolved against it
  -h, --help             show this help
Exit status: 0 on 2xx, 22 on another HTTP status, 7 on a network error, 2 on bad usage, 1 otherwise.`;

/** The whole sigv4 CLI, testable: parses argv, sends the request, writes the response; resolves to the exit code. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  try {
    return await execute(argv, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.stderr.write(`sigv4: ${message}\n`);
    if (error instanceof CliUsageError) context.stderr.write(`${USAGE}\n`);
    return typeof (error as { exitCode?: unknown }).exitCode === "number"
      ? (error as { exitCode: number }).exitCode
      : EXIT.failure;
  }
}

async function execute(argv: readonly string[], context: CliContext): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    context.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 1)
    throw new CliUsageError(`Expected one URL, got ${positionals.length}: ${positionals.join(" ")}.`);
  const url = await targetUrl(values.stack, values.output ?? "eventsEndpoint", positionals[0], context);
  const headers = parseHeaders(values.header ?? []);
  const body = values.data === undefined ? undefined : await readData(values.data, context.env);
  const method = (values.request ?? (body === undefined ? "GET" : "POST")).toUpperCase();
  let response: Dispatcher.ResponseData;
  try {
    response = await signedRequest(url, {
      method: method as Dispatcher.HttpMethod,
      headers,
      body,
      credentials: context.credentials ?? defaultCredentials(),
      region: values.region,
      service: values.service,
      dispatcher: context.dispatcher,
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("STEPCORD_")) throw error;
    context.stderr.write(
      `sigv4: request to ${url} failed: ${error instanceof Error ? error.message : String(error)}${typeof code === "string" ? ` (${code})` : ""}\n`,
    );
    return EXIT.network;
  }
  if (values.include) context.stdout.write(formatHead(response));
  const printed = Buffer.from(await response.body.arrayBuffer());
  context.stdout.write(printed);
  // JSON and text end with a newline, so the shell's prompt starts on its own line; other bodies stay byte for byte.
  if (printed.length > 0 && printed.at(-1) !== 0x0a && isTextContentType(response.headers["content-type"]))
    context.stdout.write("\n");
  return response.statusCode >= 200 && response.statusCode < 300 ? EXIT.ok : EXIT.http;
}

/** `-d @file` reads a file, relative to where the user ran pnpm (INIT_CWD) when run as a package script. */
async function readData(data: string, env: NodeJS.ProcessEnv): Promise<string | Buffer> {
  if (!data.startsWith("@")) return data;
  return readFile(resolve(env.INIT_CWD ?? process.cwd(), data.slice(1)));
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      request: { type: "string", short: "X" },
      header: { type: "string", short: "H", multiple: true },
      data: { type: "string", short: "d" },
      region: { type: "string" },
      service: { type: "string" },
      include: { type: "boolean", short: "i" },
      stack: { type: "string" },
      output: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function targetUrl(
  stack: string | undefined,
  output: string,
  positional: string | undefined,
  context: CliContext,
): Promise<string> {
  if (stack === undefined) {
    if (positional === undefined)
      throw new CliUsageError("Missing URL: pass it, or --stack STACK to read it from Pulumi.");
    if (!/^https?:\/\//i.test(positional)) throw new CliUsageError(`"${positional}" is not an http(s) URL.`);
    return positional;
  }
  const base = await readStackOutput(
    context.pulumi ?? context.env.PULUMI_COMMAND ?? "pulumi",
    stack,
    output,
    context.env,
  );
  if (positional === undefined) return base;
  return `${base.replace(/\/+$/, "")}/${positional.replace(/^\/+/, "")}`;
}

function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new CliUsageError(`Header "${line}" is not 'Name: value'.`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** text/*, and JSON or XML of any flavour: application/json, application/problem+json, AWS's application/x-amz-json-1.0. */
export function isTextContentType(contentType: string | string[] | undefined): boolean {
  const type = (Array.isArray(contentType) ? contentType[0] : contentType) ?? "";
  return /^(text\/|application\/[\w.+-]*(json|xml))/i.test(type.trim());
}

function formatHead(response: Dispatcher.ResponseData): string {
  const lines = [`HTTP/1.1 ${response.statusCode} ${STATUS_CODES[response.statusCode] ?? ""}`.trimEnd()];
  for (const [name, value] of Object.entries(response.headers)) {
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== undefined) lines.push(`${name}: ${item}`);
  }
  return `${lines.join("\r\n")}\r\n\r\n`;
}
