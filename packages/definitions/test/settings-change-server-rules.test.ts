import { expect } from "chai";
import { parseSettingsInteraction, QuietHours, ServerRules, type SettingsRequest } from "../src/index.js";
import { stepcord, str } from "./support/interaction-payloads.js";

function change(payload: unknown): SettingsRequest {
  const result = parseSettingsInteraction(payload);
  if (result.type !== "command") throw new Error(`expected a command, got ${JSON.stringify(result)}`);
  return result.request;
}

describe("a /stepcord change fits issue 14's per-server rules", () => {
  it("quiet 23 7 Asia/Tokyo is a valid QuietHours", () => {
    const c = change(stepcord("quiet", [str("from", "23"), str("to", "7"), str("timezone", "Asia/Tokyo")]));
    if (c.kind !== "quiet") throw new Error(c.kind);
    expect(QuietHours.parse({ from: c.from, to: c.to, timeZone: c.timeZone })).to.deep.equal({
      from: "23:00",
      to: "07:00",
      timeZone: "Asia/Tokyo",
    });
  });

  it("events all, min-members 99 and an ignored channel are valid ServerRules", () => {
    const events = change(stepcord("events", [str("kinds", "all")]));
    const min = change(stepcord("min-members", [{ type: 4, name: "count", value: 99 }]));
    if (events.kind !== "events" || min.kind !== "min-members") throw new Error("unexpected kinds");
    const rules = { events: events.events, minMembers: min.minMembers, denyChannels: ["41771983423143937"] };
    expect(ServerRules.safeParse(rules).success).to.equal(true);
  });
});
