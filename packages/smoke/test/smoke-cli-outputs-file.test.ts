import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { runSmokeCli, SMOKE_EXIT } from "../src/cli/run-smoke-cli.js";

describe("stepcord-smoke --outputs", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "stepcord-smoke-outputs-"));
    // An outputs file that is found but lacks what the check needs, so it stops before any network call.
    await writeFile(join(dir, "outputs.json"), JSON.stringify({ region: "eu-west-1" }));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function cli(argv: string[], env: NodeJS.ProcessEnv) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSmokeCli(argv, {
      env,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  // `pnpm smoke` runs the bin in packages/smoke; pnpm passes the directory the user typed the command in as INIT_CWD.
  it("reads a relative path from the directory pnpm smoke was run in", async () => {
    const { code, err } = await cli(["--outputs", "outputs.json"], { INIT_CWD: dir });
    expect(code).to.equal(SMOKE_EXIT.failed);
    expect(err).to.include("has no eventsEndpoint, stateMachineArn outputs");
  });

  it("fails with one line naming the file, not a stack trace, when the file cannot be read", async () => {
    const { code, err } = await cli(["--outputs", "missing.json"], { INIT_CWD: dir });
    expect(code).to.equal(SMOKE_EXIT.failed);
    expect(err).to.equal(
      `FAIL --outputs missing.json: cannot read ${join(dir, "missing.json")} (ENOENT); ` +
        "write it with `pulumi stack output --json --show-secrets > <file>`, or pass --stack",
    );
  });
});
