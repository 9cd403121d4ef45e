import { expect } from "chai";
import pino from "pino";
import { parseConfig } from "../../src/config/config.js";
import { resolveConnection } from "../../src/config/connection.js";
import { directoryOf, webhookUrl, writeServersFile } from "../support/two-servers.js";
import { TEST_CREDENTIALS } from "../support/verifying-server.js";

const GUILD_1 = "111111111111111111";
const GUILD_2 = "222222222222222222";
const silent = pino({ level: "silent" });
const stackWith = (servers: unknown) => async () =>
  JSON.stringify({ eventsEndpoint: "https://x.execute-api.eu-west-1.amazonaws.com/events", servers });

describe("resolveConnection's server directory", () => {
  it("takes the stack's servers output when the endpoint comes from the stack", async () => {
    const config = parseConfig({ DISCORD_TOKEN: "t", STEPCORD_STACK: "dev" });
    const { servers } = await resolveConnection(config, {
      stackCommand: stackWith(directoryOf({ [GUILD_1]: { webhookUrl: webhookUrl(1) } })),
      credentials: TEST_CREDENTIALS,
      logger: silent,
    });
    expect(servers?.destinations.map((d) => d.guildId)).to.deep.equal([GUILD_1]);
  });

  it("takes STEPCORD_SERVERS_FILE over the stack's output", async () => {
    const file = await writeServersFile(directoryOf({ [GUILD_2]: { webhookUrl: webhookUrl(2) } }));
    const config = parseConfig({ DISCORD_TOKEN: "t", STEPCORD_STACK: "dev", STEPCORD_SERVERS_FILE: file });
    const { servers } = await resolveConnection(config, {
      stackCommand: stackWith(directoryOf({ [GUILD_1]: { webhookUrl: webhookUrl(1) } })),
      credentials: TEST_CREDENTIALS,
      logger: silent,
    });
    expect(servers?.destinations.map((d) => d.guildId)).to.deep.equal([GUILD_2]);
  });

  it("has none for a stack without a servers output, as before issue 14", async () => {
    const config = parseConfig({ DISCORD_TOKEN: "t", STEPCORD_STACK: "dev" });
    const { servers } = await resolveConnection(config, {
      stackCommand: stackWith(undefined),
      credentials: TEST_CREDENTIALS,
      logger: silent,
    });
    expect(servers).to.equal(undefined);
  });
});
