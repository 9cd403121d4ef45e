import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { unsupportedNodeMessage } from "../src/node/supported-node.js";

describe("unsupportedNodeMessage", () => {
  it("refuses Node 20, naming the version needed, the one recommended and the one found", () => {
    expect(unsupportedNodeMessage("20.20.2")).to.include(
      "stepcord needs Node 22 or newer (24 LTS recommended); you have v20.20.2.",
    );
  });

  it("names the command that installs Node 24", () => {
    expect(unsupportedNodeMessage("18.0.0")).to.include("bash .ci/env");
  });

  it("accepts Node 22 and 24", () => {
    expect(unsupportedNodeMessage("22.0.0")).to.equal(undefined);
    expect(unsupportedNodeMessage("24.21.0")).to.equal(undefined);
  });

  it("refuses a version it cannot read instead of guessing", () => {
    expect(unsupportedNodeMessage("unknown")).to.include("you have vunknown");
  });
});

// A real old Node, where the machine has one (Debian's node 20 at /usr/bin/node on the development machines). CI
// machines are not promised one, so elsewhere this skips and says why.
const OLD_NODE = "/usr/bin/node";

describe("the sigv4 bin on an old Node", () => {
  it("exits 1 with the version message instead of crashing inside undici", async function () {
    const version = existsSync(OLD_NODE)
      ? await new Promise<string>((resolve) =>
          execFile(OLD_NODE, ["--version"], (_e, out) => resolve(out.trim())),
        )
      : "";
    if (!/^v(1\d|2[01])\./.test(version)) {
      console.log(`    (skipped: no Node older than 22 at ${OLD_NODE}; found "${version || "nothing"}")`);
      this.skip();
    }
    const bin = fileURLToPath(new URL("../bin/sigv4.mjs", import.meta.url));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(OLD_NODE, [bin, "--help"], (error, _stdout, stderr) =>
        resolve({ code: error === null ? 0 : (error.code as number), stderr }),
      );
    });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include(
      `stepcord needs Node 22 or newer (24 LTS recommended); you have ${version}.`,
    );
    expect(result.stderr).not.to.include("reading 'bind'");
  });
});
