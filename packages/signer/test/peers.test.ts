import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect } from "chai";
import { formatAmzDate } from "../src/amz-date.js";
import { sign } from "../src/sign.js";
import { verify } from "../src/verify.js";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "./support/verifying-server.js";

const run = promisify(execFile);
/** Run as `python3 -c <script>`; kept in a .py file so it is readable. */
const BOTOCORE_SCRIPT = readFileSync(
  fileURLToPath(new URL("./support/botocore-sign.py", import.meta.url)),
  "utf8",
);
const NOW = new Date("2026-07-08T09:10:11Z");
const credentials = {
  accessKeyId: "AKIDPEER",
  secretAccessKey: "peer/secret+key",
  sessionToken: "peer-token/+=",
};

/**
 * Skips a peer test when the peer is missing (the reason is printed after the suite), except in CI, where the peers
 * are installed (.github/workflows/ci.yml) and a missing one must fail the run instead of passing unnoticed.
 */
function requirePeer(context: Mocha.Context, peer: string, missing: string | undefined): void {
  if (missing === undefined) return;
  if (process.env.CI) throw new Error(`CI must have the ${peer} peer, but it is missing: ${missing}`);
  context.skip();
}

async function which(command: string, args: string[]): Promise<string | undefined> {
  try {
    await run(command, args);
    return undefined;
  } catch (error) {
    return (error as Error).message.split("\n")[0];
  }
}

async function curlWithSigv4(): Promise<string | undefined> {
  try {
    const { stdout } = await run("curl", ["--help", "all"]);
    return stdout.includes("--aws-sigv4")
      ? undefined
      : "this curl has no --aws-sigv4 (curl 7.75 or later has)";
  } catch (error) {
    return (error as Error).message.split("\n")[0];
  }
}

function scopeOf(url: URL): { region: string; service: string } {
  return {
    region: url.hostname.split(".").at(-3) ?? "",
    service: url.hostname.includes("execute-api") ? "execute-api" : "states",
  };
}

const cases = [
  {
    name: "a GET with a query",
    method: "GET",
    url: "https://abc.execute-api.eu-west-1.amazonaws.com/prod/events?b=2&a=1&a=0",
    headers: {},
    body: undefined,
  },
  {
    name: "a JSON POST",
    method: "POST",
    url: "https://abc.execute-api.eu-west-1.amazonaws.com/prod/events",
    headers: { "content-type": "application/json" },
    body: '{"type":"voice.join"}',
  },
  {
    name: "a path with encoded spaces and UTF-8",
    method: "PUT",
    url: "https://abc.execute-api.eu-west-1.amazonaws.com/prod/a%20b/%C3%A9t%C3%A9",
    headers: { "x-custom": "  two   spaces " },
    body: "x",
  },
  {
    name: "a query with reserved characters",
    method: "GET",
    url: "https://states.eu-west-1.amazonaws.com/?q=a%2Fb%3Dc&empty=&t=%7E",
    headers: {},
    body: undefined,
  },
] as const;

describe("peer implementations", () => {
  describe("botocore's SigV4Auth", () => {
    let missing: string | undefined;
    before(async () => {
      missing = await which("python3", ["-c", "import botocore.auth"]);
    });
    /** botocore's signed headers for the request we would send. */
    async function botocoreHeaders(testCase: (typeof cases)[number]): Promise<Record<string, string>> {
      const url = new URL(sign({ request: testCase, credentials, now: NOW }).url);
      const child = execFile("python3", ["-c", BOTOCORE_SCRIPT]);
      const output = new Promise<string>((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("close", (code) =>
          code === 0 ? resolve(stdout.trim()) : reject(new Error(`botocore signer failed: ${stderr}`)),
        );
      });
      child.stdin?.end(
        JSON.stringify({
          method: testCase.method,
          url: url.href,
          headers: { ...testCase.headers, host: url.host },
          body: testCase.body === undefined ? "" : Buffer.from(testCase.body).toString("base64"),
          ...credentials,
          region: scopeOf(url).region,
          service: scopeOf(url).service,
          datetime: formatAmzDate(NOW),
        }),
      );
      return JSON.parse(await output) as Record<string, string>;
    }

    for (const testCase of cases) {
      it(`computes the same Authorization for ${testCase.name}`, async function () {
        requirePeer(this, "botocore", missing);
        const ours = sign({ request: testCase, credentials, now: NOW });
        expect((await botocoreHeaders(testCase)).Authorization).to.equal(ours.headers.authorization);
      });

      it(`has verify accept botocore's signed request for ${testCase.name}`, async function () {
        requirePeer(this, "botocore", missing);
        const url = new URL(sign({ request: testCase, credentials, now: NOW }).url);
        const headers = await botocoreHeaders(testCase);
        const verified = await verify(
          { method: testCase.method, url: `${url.pathname}${url.search}`, headers, body: testCase.body },
          {
            lookup: async (id) => (id === credentials.accessKeyId ? credentials : undefined),
            now: NOW,
            ...scopeOf(url),
          },
        );
        expect(verified).to.include({ accessKeyId: credentials.accessKeyId, mode: "header" });
      });
    }
    after(() => {
      if (missing !== undefined)
        console.log(`      (botocore peer skipped: python3 with botocore is not available: ${missing})`);
    });
  });

  describe("curl --aws-sigv4", () => {
    let server: VerifyingServer;
    let missing: string | undefined;
    before(async () => {
      missing = await curlWithSigv4();
      server = await startVerifyingServer({ region: "us-east-1", service: "execute-api" });
    });
    after(async () => {
      await server.close();
      if (missing !== undefined) console.log(`      (curl peer skipped: ${missing})`);
    });

    // curl 7.88 mis-signs session tokens containing + / =, so curl is only used without a token; it also signs the
    // query in the order given instead of sorting it (botocore and @smithy agree with us), so queries here are sorted.
    for (const [name, args] of [
      ["a GET with a sorted query", ["/prod/events?a=1&b=2&c=x%20y"]],
      [
        "a JSON POST",
        ["-X", "POST", "-H", "content-type: application/json", "-d", '{"n":1}', "/prod/events"],
      ],
      ["a form POST, signing curl's own content-type", ["-d", "a=1&b=2", "/prod/form"]],
    ] as const) {
      it(`is accepted by verify for ${name}`, async function () {
        requirePeer(this, "curl --aws-sigv4", missing);
        const path = args.at(-1) ?? "/";
        const { stdout } = await run("curl", [
          "-sS",
          "--fail-with-body",
          "--aws-sigv4",
          "aws:amz:us-east-1:execute-api",
          "--user",
          `${TEST_CREDENTIALS.accessKeyId}:${TEST_CREDENTIALS.secretAccessKey}`,
          ...args.slice(0, -1),
          `${server.url}${path}`,
        ]);
        expect(JSON.parse(stdout)).to.deep.include({ principal: { user: "tester" } });
      });
    }

    it("is refused by verify when curl signs with the wrong secret", async function () {
      requirePeer(this, "curl --aws-sigv4", missing);
      const { stdout } = await run("curl", [
        "-sS",
        "--aws-sigv4",
        "aws:amz:us-east-1:execute-api",
        "--user",
        `${TEST_CREDENTIALS.accessKeyId}:wrong`,
        `${server.url}/prod/x`,
      ]);
      expect(JSON.parse(stdout).message).to.match(/^The request signature we calculated does not match/);
    });
  });
});
