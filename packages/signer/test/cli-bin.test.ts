import { execFile } from "node:child_process";
import { mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "./support/verifying-server.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const REPO_DIR = join(PACKAGE_DIR, "../..");
const BIN = join(PACKAGE_DIR, "bin/sigv4.mjs");
const SCOPE = ["--region", "us-east-1", "--service", "execute-api"];

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(file: string, args: readonly string[], cwd: string): Promise<Run> {
  // Only the test key: no profile, token or instance metadata may leak in from the machine running the tests.
  const { AWS_PROFILE: _profile, AWS_SESSION_TOKEN: _token, ...inherited } = process.env;
  const env = {
    ...inherited,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: "true",
  };
  return new Promise((resolve) => {
    const child = execFile(file, [...args], { cwd, env }, (_error, out, err) =>
      resolve({ code: child.exitCode, stdout: String(out), stderr: String(err) }),
    );
  });
}

describe("the sigv4 bin", () => {
  let server: VerifyingServer;
  let outside: string;

  before(async () => {
    server = await startVerifyingServer();
    // A directory with no node_modules above it: tsx must be found from the package, not from here.
    outside = await realpath(await mkdtemp(join(tmpdir(), "sigv4-bin-")));
  });
  after(async () => {
    await server.close();
    await rm(outside, { recursive: true, force: true });
  });

  it("is the package's declared bin", async () => {
    const manifest = JSON.parse(await readFile(join(PACKAGE_DIR, "package.json"), "utf8"));
    expect(manifest.bin).to.deep.equal({ sigv4: "./bin/sigv4.mjs" });
    expect(manifest.dependencies).to.have.property("tsx");
  });

  it("signs a request that the verifying server accepts when run from a directory outside the repository", async () => {
    const result = await run(BIN, [...SCOPE, `${server.url}/prod/bin`], outside);
    expect(result.stderr).to.equal("");
    expect(result.code).to.equal(0);
    expect(JSON.parse(result.stdout)).to.deep.include({ principal: { user: "tester" } });
  });

  it("prints the usage with --help from a directory outside the repository", async () => {
    const result = await run(BIN, ["--help"], outside);
    expect(result.code).to.equal(0);
    expect(result.stdout).to.match(/^usage: sigv4 /);
  });

  it("runs as `pnpm --filter @stepcord/signer exec sigv4`", async () => {
    const result = await run(
      "pnpm",
      ["--filter", "@stepcord/signer", "exec", "sigv4", ...SCOPE, `${server.url}/prod/exec`],
      REPO_DIR,
    );
    expect(result.stderr).to.equal("");
    expect(result.code).to.equal(0);
    expect(JSON.parse(result.stdout)).to.deep.include({ principal: { user: "tester" } });
  });
});
