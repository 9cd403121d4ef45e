import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { Agent } from "undici";
import { type CliContext, isTextContentType, runCli } from "../src/cli/run-cli.js";
import { staticCredentials } from "../src/credentials.js";
import { CredentialsError } from "../src/credentials-error.js";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "./support/verifying-server.js";

const SCOPE = ["--region", "us-east-1", "--service", "execute-api"];

function collector() {
  const chunks: Buffer[] = [];
  return {
    write: (chunk: string | Uint8Array) => chunks.push(Buffer.from(chunk)),
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

describe("sigv4 CLI", () => {
  let server: VerifyingServer;
  let agent: Agent;
  let dir: string;
  let stdout: ReturnType<typeof collector>;
  let stderr: ReturnType<typeof collector>;
  let context: CliContext;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "sigv4-cli-"));
    // A fake `pulumi`: prints the stack outputs as JSON and records its arguments.
    await writeFile(
      join(dir, "pulumi"),
      `#!/usr/bin/env node\nrequire("node:fs").writeFileSync(${JSON.stringify(join(dir, "args.json"))}, JSON.stringify(process.argv.slice(2)));\nif (process.env.FAKE_PULUMI_FAIL) { console.error("error: no stack named 'nope' found"); process.exit(255); }\nconsole.log(JSON.stringify({ eventsEndpoint: process.env.FAKE_URL, other: 1 }));\n`,
    );
    await chmod(join(dir, "pulumi"), 0o755);
    await writeFile(join(dir, "body.json"), '{"from":"file"}');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    server = await startVerifyingServer();
    agent = new Agent();
    stdout = collector();
    stderr = collector();
    context = {
      stdout,
      stderr,
      env: { ...process.env, FAKE_URL: `${server.url}/prod` },
      credentials: staticCredentials(TEST_CREDENTIALS),
      pulumi: join(dir, "pulumi"),
      dispatcher: agent,
    };
  });
  afterEach(async () => {
    await agent.close();
    await server.close();
  });

  it("prints the body of a signed GET and exits 0", async () => {
    const code = await runCli([...SCOPE, `${server.url}/prod/x?a=1`], context);
    expect(code).to.equal(0);
    expect(JSON.parse(stdout.text())).to.deep.equal({ principal: { user: "tester" }, body: "" });
  });

  it("ends a JSON body with a newline, so the shell prompt starts on its own line", async () => {
    await runCli([...SCOPE, `${server.url}/prod/x`], context);
    expect(stdout.text()).to.match(/\}\n$/);
  });

  it("counts AWS's JSON protocol (application/x-amz-json-1.0) as text, and an octet stream not", () => {
    expect(isTextContentType("application/x-amz-json-1.0")).to.equal(true);
    expect(isTextContentType("application/json; charset=utf-8")).to.equal(true);
    expect(isTextContentType("application/octet-stream")).to.equal(false);
  });

  it("sends -d data as a POST with the given headers", async () => {
    const code = await runCli(
      [...SCOPE, "-H", "Content-Type: application/json", "-d", '{"n":1}', `${server.url}/prod/x`],
      context,
    );
    expect(code).to.equal(0);
    expect(server.seen[0]).to.include({ method: "POST", body: '{"n":1}' });
    expect(server.seen[0]?.headers["content-type"]).to.equal("application/json");
  });

  it("reads the body from a file with -d @file and honours -X", async () => {
    const code = await runCli(
      [...SCOPE, "-X", "PUT", "-d", `@${join(dir, "body.json")}`, `${server.url}/prod/x`],
      context,
    );
    expect(code).to.equal(0);
    expect(server.seen[0]).to.include({ method: "PUT", body: '{"from":"file"}' });
  });

  it("reads -d @file relative to INIT_CWD when run as a pnpm script", async () => {
    const code = await runCli([...SCOPE, "-d", "@body.json", `${server.url}/prod/x`], {
      ...context,
      env: { ...context.env, INIT_CWD: dir },
    });
    expect(code).to.equal(0);
    expect(server.seen[0]).to.include({ method: "POST", body: '{"from":"file"}' });
  });

  it("prints the status line and headers first with -i", async () => {
    await runCli([...SCOPE, "-i", `${server.url}/prod/x`], context);
    expect(stdout.text())
      .to.match(/^HTTP\/1\.1 200 OK\r\n/)
      .and.match(/\r\ncontent-type: application\/json\r\n/i)
      .and.match(/\r\n\r\n\{"principal"/);
  });

  it("exits 22 and still prints the body when the server answers 403", async () => {
    const code = await runCli([...SCOPE, `${server.url}/prod/x`], {
      ...context,
      credentials: staticCredentials({ ...TEST_CREDENTIALS, secretAccessKey: "wrong" }),
    });
    expect(code).to.equal(22);
    expect(stdout.text()).to.match(/The request signature we calculated does not match/);
  });

  it("exits 1 and says how to configure credentials when none are found", async () => {
    const missing = async () => Promise.reject(new CredentialsError("no providers", undefined));
    const code = await runCli([...SCOPE, `${server.url}/prod/x`], { ...context, credentials: missing });
    expect(code).to.equal(1);
    expect(stderr.text()).to.match(
      /^sigv4: Could not load AWS credentials from the default chain: no providers\. Set AWS_ACCESS_KEY_ID/,
    );
    expect(server.seen).to.have.length(0);
  });

  it("exits 7 on a network error", async () => {
    const url = `${server.url}/prod/x`;
    await server.close();
    server = await startVerifyingServer();
    const code = await runCli([...SCOPE, url], context);
    expect(code).to.equal(7);
    expect(stderr.text()).to.match(/^sigv4: request to http:\/\/127\.0\.0\.1:\d+\/prod\/x failed: /);
  });

  it("takes the URL from pulumi stack output and resolves a path against it", async () => {
    const code = await runCli([...SCOPE, "--stack", "dev", "/events?x=1"], context);
    expect(code).to.equal(0);
    expect(server.seen[0]?.url).to.equal("/prod/events?x=1");
    const { readFile } = await import("node:fs/promises");
    expect(JSON.parse(await readFile(join(dir, "args.json"), "utf8"))).to.deep.equal([
      "stack",
      "output",
      "--json",
      "--stack",
      "dev",
    ]);
  });

  it("says which outputs exist when --output names a missing one", async () => {
    const code = await runCli([...SCOPE, "--stack", "dev", "--output", "nope"], context);
    expect(code).to.equal(1);
    expect(stderr.text()).to.include(
      'Stack dev has no string output "nope" (outputs: eventsEndpoint, other). Pass --output NAME or the URL.',
    );
  });

  it("reports pulumi's own error when the stack command fails", async () => {
    const code = await runCli([...SCOPE, "--stack", "nope"], {
      ...context,
      env: { ...context.env, FAKE_PULUMI_FAIL: "1" },
    });
    expect(code).to.equal(1);
    expect(stderr.text()).to.include("error: no stack named 'nope' found");
  });

  it("tells how to install the Pulumi CLI when it is missing", async () => {
    const code = await runCli(["--stack", "dev"], { ...context, pulumi: join(dir, "no-such-pulumi") });
    expect(code).to.equal(1);
    expect(stderr.text()).to.include(
      "install the Pulumi CLI (https://www.pulumi.com/docs/install/) or pass the URL",
    );
  });

  it("refuses a localhost URL without --region and --service, naming the fix", async () => {
    const code = await runCli([`${server.url}/prod/x`], context);
    expect(code).to.equal(1);
    expect(stderr.text()).to.include("Pass region and service explicitly");
    expect(server.seen).to.have.length(0);
  });

  it("exits 2 with the usage on an unknown option or a malformed header", async () => {
    expect(await runCli(["--bogus", "https://x"], context)).to.equal(2);
    expect(await runCli(["-H", "no-colon", "https://x"], context)).to.equal(2);
    expect(stderr.text()).to.include("usage: sigv4");
  });
});
