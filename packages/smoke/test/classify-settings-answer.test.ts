import { expect } from "chai";
import { classifySettingsAnswer, type SettingsGuild } from "../src/index.js";

const guild: SettingsGuild = { guildId: "000000000000000000", from: "placeholder" };
const sync = (body: Record<string, unknown>) => ({ status: 200, body: JSON.stringify(body) });
const settings = {
  guildId: guild.guildId,
  version: 0,
  updatedAt: null,
  updatedBy: null,
  pausedUntil: null,
  ignoredChannels: [],
};

describe("classifySettingsAnswer", () => {
  it("passes StartSyncExecution's SUCCEEDED answer whose output is the status outcome", () => {
    const verdict = classifySettingsAnswer(
      sync({ status: "SUCCEEDED", output: JSON.stringify({ outcome: "status", settings }) }),
      guild,
    );
    expect(verdict.result).to.equal("pass");
    expect(verdict.summary).to.include("placeholder server 000000000000000000");
  });

  it("fails a SUCCEEDED answer with any other outcome, naming the contract mismatch", () => {
    const output = JSON.stringify({ outcome: "refused", reason: "invalid", message: "bad call" });
    const verdict = classifySettingsAnswer(sync({ status: "SUCCEEDED", output }), guild);
    expect(verdict.result).to.equal("fail");
    expect(verdict.summary).to.include('outcome "refused"');
    expect(verdict.fix).to.include("same commit");
  });

  it("fails a FAILED execution naming the settings role's DynamoDB grant and the table", () => {
    const verdict = classifySettingsAnswer(
      sync({ status: "FAILED", error: "Stepcord.SettingsUnavailable", cause: "AccessDeniedException" }),
      guild,
    );
    expect(verdict.summary).to.include("FAILED with Stepcord.SettingsUnavailable");
    expect(verdict.fix).to.include("settingsTablePolicy").and.include("settingsTable");
  });

  it("fails a 403 naming the bot's invoke policy lacking POST /settings and redeploying infra", () => {
    const verdict = classifySettingsAnswer({ status: 403, body: '{"message":"Forbidden"}' }, guild);
    expect(verdict.fix).to.include("lacks POST /settings").and.include("pulumi up");
  });

  it("fails a 403 on the operator's signature naming the invoker policy to attach", () => {
    const verdict = classifySettingsAnswer(
      { status: 403, body: '{"message":"Forbidden"}' },
      guild,
      "operator",
    );
    expect(verdict.fix).to.include("invokerPolicyArn");
  });

  it("fails a 404 naming a stale settingsEndpoint", () => {
    const verdict = classifySettingsAnswer({ status: 404, body: '{"message":"Not Found"}' }, guild);
    expect(verdict.fix).to.include("settingsEndpoint");
  });
});
