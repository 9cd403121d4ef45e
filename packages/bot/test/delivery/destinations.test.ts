import type { ServerDirectory } from "@stepcord/definitions";
import { expect } from "chai";
import pino from "pino";
import { Destinations } from "../../src/delivery/destinations.js";

const GUILD_1 = "111111111111111111";
const GUILD_2 = "222222222222222222";
const UNLISTED = "555555555555555555";
const STAGE = "333333333333333333";
const LOUNGE = "333333333333333334";

/** Two servers, the first with one voice channel sent to another webhook; no every-server webhook. */
const twoServers: ServerDirectory = {
  destinations: [
    {
      id: `g${GUILD_1}-c${STAGE}`,
      guildId: GUILD_1,
      voiceChannelId: STAGE,
      threadId: undefined,
      rateLimitKey: "w3",
    },
    {
      id: `g${GUILD_1}`,
      guildId: GUILD_1,
      voiceChannelId: undefined,
      threadId: undefined,
      rateLimitKey: "w1",
    },
    {
      id: `g${GUILD_2}`,
      guildId: GUILD_2,
      voiceChannelId: undefined,
      threadId: undefined,
      rateLimitKey: "w2",
    },
  ],
  rules: {},
  everyServer: false,
};
const event = (guildId: string, channelId: string) => ({
  guild: { id: guildId },
  channel: { id: channelId },
});

function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("Destinations", () => {
  it("sends every guild to the one webhook when the deployment has no server directory", () => {
    const destinations = new Destinations(undefined);
    expect(destinations.admits(event(UNLISTED, LOUNGE))).to.equal(true);
    expect(destinations.rateLimitKeyOf(event(GUILD_1, LOUNGE))).to.equal(
      destinations.rateLimitKeyOf(event(GUILD_2, LOUNGE)),
    );
  });

  it("admits a listed server and refuses an unlisted one when there is no every-server webhook", () => {
    const destinations = new Destinations(twoServers);
    expect(destinations.admits(event(GUILD_2, LOUNGE))).to.equal(true);
    expect(destinations.admits(event(UNLISTED, LOUNGE))).to.equal(false);
  });

  it("says once per guild that it has no destination, with the fix", () => {
    const { logger, lines } = recordingLogger();
    const destinations = new Destinations(twoServers, logger);
    for (let i = 0; i < 3; i++) destinations.admits(event(UNLISTED, LOUNGE));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({ guildId: UNLISTED, code: "NO_DESTINATION" });
    expect(lines[0]?.msg).to.include("stepcord:servers");
  });

  it("admits an unlisted guild when the stack has an every-server webhook", () => {
    const destinations = new Destinations({
      ...twoServers,
      destinations: [
        ...twoServers.destinations,
        {
          id: "default",
          guildId: undefined,
          voiceChannelId: undefined,
          threadId: undefined,
          rateLimitKey: "w9",
        },
      ],
      everyServer: true,
    });
    expect(destinations.admits(event(UNLISTED, LOUNGE))).to.equal(true);
    expect(destinations.rateLimitKeyOf(event(UNLISTED, LOUNGE))).to.equal("w9");
  });

  it("gives each server its own rate-limit key: its webhook's id", () => {
    const destinations = new Destinations(twoServers);
    expect(destinations.rateLimitKeyOf(event(GUILD_1, LOUNGE))).to.equal("w1");
    expect(destinations.rateLimitKeyOf(event(GUILD_2, LOUNGE))).to.equal("w2");
  });

  it("gives a channel override on a webhook of its own that webhook's rate-limit key, not its server's", () => {
    const destinations = new Destinations(twoServers);
    expect(destinations.rateLimitKeyOf(event(GUILD_1, STAGE))).to.equal("w3");
  });

  it("puts a channel override in its own lane, apart from the rest of its server and from other servers", () => {
    const destinations = new Destinations(twoServers);
    const lanes = [
      destinations.laneOf(event(GUILD_1, STAGE)),
      destinations.laneOf(event(GUILD_1, LOUNGE)),
      destinations.laneOf(event(GUILD_2, LOUNGE)),
    ];
    expect(new Set(lanes).size).to.equal(3);
    expect(destinations.laneOf(event(GUILD_1, LOUNGE))).to.equal(
      destinations.laneOf(event(GUILD_1, "999999999999999999")),
    );
  });

  it("keeps two guilds apart even when both go to the every-server webhook", () => {
    const destinations = new Destinations(undefined);
    expect(destinations.laneOf(event(GUILD_1, LOUNGE))).to.not.equal(
      destinations.laneOf(event(GUILD_2, LOUNGE)),
    );
  });
});
