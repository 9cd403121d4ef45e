import { expect } from "chai";
import {
  type AcceptedMessage,
  renderChannel,
  renderMarkup,
  startFakeDiscordWebhook,
} from "../src/webhook/index.js";
import { ManualClock, postJson, send } from "./support/webhook-client.js";

const names = {
  userNames: { "300000000000000001": "Alice", "300000000000000002": "Bob" },
  channelNames: { "200000000000000001": "General", "200000000000000002": "Gaming" },
};

const message = (receivedAt: string, body: Record<string, unknown>): AcceptedMessage => ({
  id: "1",
  receivedAt,
  body,
  flags: typeof body.flags === "number" ? body.flags : 0,
  userAgent: undefined,
});

describe("fake Discord webhook: renderChannel", () => {
  it("renders a join/leave/move batch with names, HH:MM times and the silent marker", () => {
    const batch = [
      message("2026-11-22T21:04:05.000Z", {
        username: "Stepcord",
        embeds: [
          { description: "<@300000000000000001> joined <#200000000000000001>" },
          { description: "<@300000000000000002> moved from <#200000000000000001> to <#200000000000000002>" },
        ],
      }),
      message("2026-11-22T21:17:59.000Z", {
        username: "Stepcord",
        flags: 4096,
        embeds: [{ description: "<@300000000000000001> left <#200000000000000001>" }],
      }),
    ];
    expect(renderChannel(batch, names)).to.equal(
      [
        "[21:04] Stepcord",
        "  | @Alice joined #General",
        "  | @Bob moved from #General to #Gaming",
        "[21:17] Stepcord (silent)",
        "  | @Alice left #General",
      ].join("\n"),
    );
  });

  it("shows content above embeds and Discord's default webhook name when no username is sent", () => {
    const out = renderChannel(
      [
        message("2026-11-22T08:05:00.000Z", {
          content: "hi <@!300000000000000002>",
          embeds: [{ title: "T" }],
        }),
      ],
      names,
    );
    expect(out).to.equal(["[08:05] Captain Hook", "  hi @Bob", "  | T"].join("\n"));
  });

  it("falls back to Discord's placeholders for ids it cannot name", () => {
    expect(renderMarkup("<@1> in <#2> pinged <@&3>")).to.equal("@unknown-user in #unknown pinged @role");
  });

  it("renders Discord timestamp markup in UTC", () => {
    const unix = Date.UTC(2026, 10, 22, 21, 4) / 1000;
    expect(renderMarkup(`at <t:${unix}:t> on <t:${unix}:f>`)).to.equal("at 21:04 on 2026-11-22 21:04");
  });

  it("renders a relative timestamp as Discord's client does, as of the time given", () => {
    const now = Date.parse("2026-11-21T21:20:00Z");
    expect(renderMarkup("until <t:1795297800:R>", {}, now)).to.equal("until in 30 minutes");
    expect(renderMarkup("since <t:1795292400:R>", {}, now)).to.equal("since 1 hour ago");
  });

  it("renders field names and values and footer text", () => {
    const out = renderChannel(
      [
        message("2026-11-22T00:00:00.000Z", {
          embeds: [
            { fields: [{ name: "Who", value: "<@300000000000000001>" }], footer: { text: "stepcord" } },
          ],
        }),
      ],
      names,
    );
    expect(out).to.equal(["[00:00] Captain Hook", "  | Who: @Alice", "  | stepcord"].join("\n"));
  });

  it("renders nothing for an empty channel", () => {
    expect(renderChannel([])).to.equal("");
  });

  it("serves the rendered channel at GET /_fake/channel using the names given at start", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 22, 21, 4, 5));
    const hook = await startFakeDiscordWebhook({ now: clock.now, ...names });
    try {
      await postJson(hook.webhookUrl, {
        embeds: [{ description: "<@300000000000000001> joined <#200000000000000002>" }],
        flags: 4096,
      });
      const res = await send(hook.channelUrl, { method: "GET" });
      expect(res.headers.get("content-type")).to.equal("text/plain; charset=utf-8");
      expect(res.text).to.equal("[21:04] Captain Hook (silent)\n  | @Alice joined #Gaming");
    } finally {
      await hook.close();
    }
  });
});
