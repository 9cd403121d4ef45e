import { expect } from "chai";
import { formatReport, HOP_ORDER, HOPS } from "../src/index.js";

describe("formatReport", () => {
  it("prints a line per hop and passes them all when the last hop passed", () => {
    const lines = formatReport(
      [{ hop: HOPS.discord, ok: true, summary: "the execution succeeded (test)" }],
      [],
    );
    expect(lines.slice(1, -1)).to.deep.equal([
      ...HOP_ORDER.slice(0, -1).map((hop) => `PASS ${hop}`),
      `PASS ${HOPS.discord}: the execution succeeded (test)`,
    ]);
    expect(lines.at(-1)).to.equal("smoke check passed");
  });

  it("passes the hops before a failure, fails its hop with the fix and leaves the rest not reached", () => {
    const lines = formatReport(
      [
        { hop: HOPS.startExecution, ok: true, summary: "started" },
        { hop: HOPS.webhookRoute, ok: false, summary: "404", fix: "fix the Path" },
      ],
      [],
    );
    expect(lines.slice(1)).to.deep.equal([
      `PASS ${HOPS.eventsApi}`,
      `PASS ${HOPS.startExecution}: started`,
      `PASS ${HOPS.workflow}`,
      `FAIL ${HOPS.webhookRoute}: 404`,
      "     fix: fix the Path",
      `  -- ${HOPS.webhookAuth}: not reached`,
      `  -- ${HOPS.discord}: not reached`,
      "smoke check FAILED",
    ]);
  });

  it("fails when the events API passed but the execution was never read", () => {
    expect(formatReport([{ hop: HOPS.startExecution, ok: true, summary: "started" }], []).at(-1)).to.equal(
      "smoke check FAILED",
    );
  });

  it("redacts a webhook URL and the given secrets from every line", () => {
    const url = "https://discord.com/api/v10/webhooks/123456789012345678/abcDEF_token-value";
    const lines = formatReport(
      [{ hop: HOPS.discord, ok: false, summary: `posting to ${url} failed`, fix: "rotate key-secret-123" }],
      ["key-secret-123"],
    );
    expect(lines.join("\n")).to.not.include("abcDEF_token-value");
    expect(lines.join("\n")).to.not.include("key-secret-123");
  });
});
