import { memberPermissionsSplit, SettingsAnswer, type SettingsCall } from "@stepcord/definitions";
import { expect } from "chai";
import {
  Authorizer,
  LOCAL_LEDGER_TABLE_ARN,
  LOCAL_SETTINGS_TABLE_ARN,
  type LocalStack,
  startLocalStack,
} from "../src/index.js";
import { postSigned } from "./support/post.js";

const GUILD = "111111111111111111";
let nextId = 1400000000000000000n;
function call(request: SettingsCall["request"], memberPermissions = "32"): SettingsCall {
  nextId += 1n;
  return {
    version: 1,
    interactionId: nextId.toString(),
    guildId: GUILD,
    userId: "222222222222222222",
    memberPermissions,
    ...memberPermissionsSplit(memberPermissions),
    request,
  };
}

describe("POST /settings on the local events API", () => {
  let stack: LocalStack;
  before(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
  });
  after(() => stack.close());

  /** What the bot reads: StartSyncExecution's answer, whose `output` is the workflow's SettingsAnswer. */
  async function send(body: unknown) {
    const response = await postSigned(stack.settingsEndpoint, body, stack.identities.bot, stack);
    const sync = JSON.parse(response.body) as { status: string; output?: string; error?: string };
    return {
      status: response.status,
      sync,
      answer: sync.output === undefined ? undefined : SettingsAnswer.parse(JSON.parse(sync.output)),
    };
  }

  it("applies a signed change through StartSyncExecution of the settings machine, not the notifier", async () => {
    const { status, sync, answer } = await send(call({ kind: "min-members", minMembers: 3 }));
    expect(status).to.equal(200);
    expect(sync.status).to.equal("SUCCEEDED");
    expect(answer).to.deep.include({ outcome: "applied" });
    expect(answer).to.have.nested.property("settings.minMembers", 3);
    expect(stack.settingsRunner.executions()).to.have.length.greaterThan(0);
    expect(stack.runner.executions()).to.have.length(0);
  });

  it("answers the same interaction sent again replayed, at the same version", async () => {
    const once = call({ kind: "quiet", from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" });
    const first = await send(once);
    const again = await send(once);
    expect(again.answer).to.deep.include({ outcome: "replayed" });
    expect(again.answer).to.have.nested.property(
      "settings.version",
      (first.answer as { settings: { version: number } }).settings.version,
    );
  });

  it("refuses a member without Manage Server and changes nothing", async () => {
    const before = await send(call({ kind: "status" }));
    const refused = await send(call({ kind: "min-members", minMembers: 9 }, "2048"));
    expect(refused.answer).to.deep.include({ outcome: "refused", reason: "not-allowed" });
    const after = await send(call({ kind: "status" }));
    expect(after.answer).to.deep.equal(before.answer);
  });

  it("reads back with status what the changes wrote", async () => {
    const status = await send(call({ kind: "status" }));
    expect(status.answer).to.deep.include({ outcome: "status" });
    expect(status.answer).to.have.nested.property("settings.minMembers", 3);
    expect(status.answer).to.have.deep.nested.property("settings.quietHours", {
      from: "23:00",
      to: "07:00",
      timeZone: "Asia/Tokyo",
    });
  });

  it("applies an administrator's change (permissions 2251799813685247) on the engine strict about 32-bit MathAdd", async () => {
    const { sync, answer } = await send(call({ kind: "min-members", minMembers: 4 }, "2251799813685247"));
    expect(sync.status).to.equal("SUCCEEDED");
    expect(answer).to.have.nested.property("settings.minMembers", 4);
  });

  it("refuses an unsigned call with 403 and runs nothing", async () => {
    const { request } = await import("undici");
    const runs = stack.settingsRunner.executions().length;
    const response = await request(stack.settingsEndpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(call({ kind: "status" })),
    });
    expect(response.statusCode).to.equal(403);
    await response.body.text();
    expect(stack.settingsRunner.executions()).to.have.length(runs);
  });

  it("refuses the operator, whose policy does not grant POST /settings", async () => {
    const response = await postSigned(
      stack.settingsEndpoint,
      call({ kind: "status" }),
      stack.identities.operator,
      stack,
    );
    expect(response.status).to.equal(403);
  });

  it("lets the settings role reach its table only, and the notifier's role nothing of it", () => {
    const authorizer = new Authorizer();
    const { settingsRole, workflowRole } = stack.identities;
    expect(authorizer.allows(settingsRole, "dynamodb:UpdateItem", LOCAL_SETTINGS_TABLE_ARN)).to.equal(true);
    expect(authorizer.allows(settingsRole, "dynamodb:GetItem", LOCAL_LEDGER_TABLE_ARN)).to.equal(false);
    expect(authorizer.allows(workflowRole, "dynamodb:GetItem", LOCAL_SETTINGS_TABLE_ARN)).to.equal(false);
  });

  it("lists the settings endpoint and table in envLines", () => {
    expect(stack.envLines()).to.include(`SETTINGS_ENDPOINT=${stack.settingsEndpoint}`);
    expect(stack.envLines()).to.include("STEPCORD_SETTINGS_TABLE=stepcord-settings");
    expect(stack.settingsEndpoint).to.match(/^http:\/\/127\.0\.0\.1:\d+\/settings$/);
  });
});
