import { expect } from "chai";
import {
  destinationFor,
  destinationRoute,
  destinationTable,
  EVERY_SERVER_DESTINATION_ID,
  minutesOfDay,
  parseDiscordWebhookUrl,
  ServerRules,
  serverDirectory,
  serversConfigSchema,
  WEBHOOK_ROUTE,
} from "../src/index.js";

const TOKEN_A = "a".repeat(68);
const TOKEN_B = "b".repeat(68);
const TOKEN_C = "c".repeat(68);
const GUILD_1 = "111111111111111111";
const GUILD_2 = "222222222222222222";
const VOICE = "333333333333333333";
const THREAD = "444444444444444444";
const hook = (id: string, token: string) => `https://discord.com/api/webhooks/${id}/${token}`;
const HOOK_A = hook("100000000000000001", TOKEN_A);
const HOOK_B = hook("100000000000000002", TOKEN_B);
const HOOK_C = hook("100000000000000003", TOKEN_C);

function problems(raw: unknown): string[] {
  const parsed = serversConfigSchema().safeParse(raw);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("serversConfigSchema", () => {
  it("accepts two servers, a thread and a per-channel override, and splits each URL into id and token", () => {
    const servers = serversConfigSchema().parse({
      [GUILD_1]: { webhookUrl: HOOK_A, channels: { [VOICE]: { threadId: THREAD } } },
      [GUILD_2]: {
        webhookUrl: HOOK_B,
        rules: { quietHours: { from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" } },
      },
    });
    expect(servers[GUILD_1]?.webhookUrl.id).to.equal("100000000000000001");
    expect(servers[GUILD_2]?.rules?.quietHours).to.deep.equal({
      from: "23:00",
      to: "07:00",
      timeZone: "Asia/Tokyo",
    });
  });

  it("lists every problem at once: a guild id that is no snowflake, an unknown key, a URL that is no webhook", () => {
    const found = problems({
      "my-server": { webhookUrl: HOOK_A },
      [GUILD_1]: { webhookUrl: "https://example.com/hook", colour: "red" },
    });
    expect(found.some((p) => p.startsWith("my-server") && p.includes("is not a server id"))).to.equal(true);
    expect(found.some((p) => p.includes("colour"))).to.equal(true);
    expect(
      found.some((p) => p.startsWith(`${GUILD_1}.webhookUrl`) && p.includes("not discord.com")),
    ).to.equal(true);
  });

  it("refuses the same webhook for two servers, naming the webhook id and never its token", () => {
    const found = problems({ [GUILD_1]: { webhookUrl: HOOK_A }, [GUILD_2]: { webhookUrl: HOOK_A } });
    expect(found).to.have.length(1);
    expect(found[0]).to.include("100000000000000001").and.include(`${GUILD_1}.webhookUrl`);
    expect(found.join("\n")).not.to.include(TOKEN_A);
  });

  it("refuses a channel override that repeats its server's webhook, and an empty override", () => {
    const found = problems({
      [GUILD_1]: { webhookUrl: HOOK_A, channels: { [VOICE]: { webhookUrl: HOOK_A }, [THREAD]: {} } },
    });
    expect(found.some((p) => p.includes("repeats the server's own webhook"))).to.equal(true);
    expect(found.some((p) => p.includes("needs a webhookUrl or a threadId"))).to.equal(true);
  });

  it("never echoes a token when a URL is wrong", () => {
    const found = problems({ [GUILD_1]: { webhookUrl: `http://discord.com/api/webhooks/1/${TOKEN_A}` } });
    expect(found).to.have.length(1);
    expect(found[0]).not.to.include(TOKEN_A);
  });
});

describe("ServerRules", () => {
  it("refuses a time zone the runtime does not know, and a clock time past 23:59", () => {
    const parsed = ServerRules.safeParse({
      quietHours: { from: "24:00", to: "07:00", timeZone: "Mars/Olympus" },
    });
    expect(parsed.success).to.equal(false);
    const paths = parsed.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths).to.include.members(["quietHours.from", "quietHours.timeZone"]);
  });

  it("parses its own output unchanged, so the bot can read it back from stack outputs", () => {
    const once = ServerRules.parse({
      quietHours: { from: "22:30", to: "06:00" },
      events: ["join", "stream"],
    });
    expect(ServerRules.parse(once)).to.deep.equal(once);
    expect(once.quietHours).to.deep.equal({ from: "22:30", to: "06:00", timeZone: "UTC" });
  });

  it("refuses firstJoinerOnly with a member threshold above one", () => {
    expect(ServerRules.safeParse({ firstJoinerOnly: true, minMembers: 3 }).success).to.equal(false);
  });

  it("turns HH:MM into minutes after midnight", () => {
    expect(minutesOfDay("07:30")).to.equal(450);
  });
});

describe("destinationTable", () => {
  const servers = serversConfigSchema().parse({
    [GUILD_1]: { webhookUrl: HOOK_A, threadId: THREAD, channels: { [VOICE]: { webhookUrl: HOOK_C } } },
    [GUILD_2]: { webhookUrl: HOOK_B },
  });
  const fallback = parseDiscordWebhookUrl(hook("100000000000000009", TOKEN_A));

  it("gives a channel override, its server and the every-server webhook each a destination, most specific first", () => {
    const table = destinationTable(servers, fallback);
    expect(table.map((d) => d.id)).to.deep.equal([
      `g${GUILD_1}-c${VOICE}`,
      `g${GUILD_1}`,
      `g${GUILD_2}`,
      "default",
    ]);
    expect(destinationFor(table, GUILD_1, VOICE)?.webhook.id).to.equal("100000000000000003");
    expect(destinationFor(table, GUILD_1, "999999999999999999")?.threadId).to.equal(THREAD);
    expect(destinationFor(table, "555555555555555555", VOICE)?.id).to.equal(EVERY_SERVER_DESTINATION_ID);
  });

  it("has no destination for an unlisted server when there is no every-server webhook", () => {
    expect(destinationFor(destinationTable(servers, undefined), "555555555555555555", VOICE)).to.equal(
      undefined,
    );
  });

  it("keeps ids stable when a server is added, so adding one replaces nothing", () => {
    const raw = {
      [GUILD_1]: { webhookUrl: HOOK_A, threadId: THREAD, channels: { [VOICE]: { webhookUrl: HOOK_C } } },
      [GUILD_2]: { webhookUrl: HOOK_B },
    };
    const before = destinationTable(serversConfigSchema().parse(raw), fallback).map((d) => d.id);
    const more = serversConfigSchema().parse({
      ...raw,
      "666666666666666666": { webhookUrl: hook("100000000000000008", TOKEN_B) },
    });
    const after = destinationTable(more, fallback).map((d) => d.id);
    expect(after.filter((id) => !before.includes(id))).to.deep.equal(["g666666666666666666"]);
  });
});

describe("serverDirectory", () => {
  it("tells the bot each destination and rule set without any token or URL", () => {
    const servers = serversConfigSchema().parse({
      [GUILD_1]: { webhookUrl: HOOK_A, rules: { minMembers: 2 } },
    });
    const directory = serverDirectory(servers, destinationTable(servers, undefined));
    const text = JSON.stringify(directory);
    expect(text).not.to.include(TOKEN_A);
    expect(text).not.to.include("https://");
    expect(directory.everyServer).to.equal(false);
    expect(directory.rules[GUILD_1]).to.deep.equal({ minMembers: 2 });
    expect(directory.destinations[0]?.rateLimitKey).to.equal("100000000000000001");
  });
});

describe("destinationRoute", () => {
  it("gives each destination its own POST route under /destinations", () => {
    expect(destinationRoute("g111111111111111111-c333333333333333333")).to.deep.equal({
      method: "POST",
      path: "/destinations/g111111111111111111-c333333333333333333",
    });
  });

  it("keeps the every-server destination on today's POST /, so an upgraded stack's route and grant stay as they are", () => {
    expect(destinationRoute(EVERY_SERVER_DESTINATION_ID)).to.deep.equal(WEBHOOK_ROUTE);
  });

  it("refuses an id that would change the path's shape", () => {
    expect(() => destinationRoute("../default")).to.throw(RangeError, "letters, digits or dashes");
  });
});
