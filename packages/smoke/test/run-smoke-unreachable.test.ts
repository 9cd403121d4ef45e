import { createServer } from "node:net";
import { expect } from "chai";
import { runSmoke } from "../src/run-smoke.js";
import { HOPS } from "../src/verdict.js";

/** A loopback port nothing listens on: bound once by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("runSmoke against an events endpoint nothing answers on", () => {
  const secret = "smoke-unreachable-secret-key";

  it("fails the events API hop with the fix instead of throwing the connection error", async () => {
    const port = await closedPort();
    const report = await runSmoke({
      target: {
        eventsEndpoint: `http://127.0.0.1:${port}/events`,
        region: "us-east-1",
        stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:stepcord-notifier",
        botCredentials: { accessKeyId: "AKIASMOKEUNREACHABLE", secretAccessKey: secret },
        settingsEndpoint: `http://127.0.0.1:${port}/settings`,
        settingsGuild: { guildId: "000000000000000000", from: "placeholder" },
      },
      operatorCredentials: { accessKeyId: "AKIAOPERATOR", secretAccessKey: "operator-secret" },
      reader: {
        region: "us-east-1",
        stepFunctionsEndpoint: "http://127.0.0.1:1",
        logsEndpoint: "http://127.0.0.1:1",
      },
    });
    expect(report.ok).to.equal(false);
    expect(report.verdicts).to.have.length(1);
    expect(report.verdicts[0]).to.include({ hop: HOPS.eventsApi, ok: false });
    expect(report.verdicts[0]?.summary).to.include("ECONNREFUSED");
    expect(report.verdicts[0]?.fix).to.include("eventsEndpoint");
    expect(report.settings).to.include({ result: "fail" });
    expect(report.settings.summary).to.include("settings endpoint").and.include("ECONNREFUSED");
    expect(report.lines.join("\n")).to.not.include(secret);
  });
});
