import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import pino from "pino";
import { chooseCredentials } from "../../src/config/bot-credentials.js";
import { start } from "../../src/index.js";
import { BEN, botTestGuild, GUILD_ID, LOUNGE, until } from "../support/bot-fixture.js";
import { startVerifyingServer, TEST_CREDENTIALS } from "../support/verifying-server.js";

const STACK_KEYS = { accessKeyId: "AKIDSTACKBOTKEY", secretAccessKey: "stack-secret" };
/** Every variable the AWS default chain reads besides the two files below. */
const AWS_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];

/**
 * The default chain reads process.env and the shared files: each test gets its own empty config and credentials
 * files, no AWS variables, and instance metadata disabled, so nothing reaches the network or this machine's setup.
 */
describe("chooseCredentials against the real AWS default chain", () => {
  let saved: NodeJS.ProcessEnv;
  let credentialsFile: string;

  beforeEach(async () => {
    saved = { ...process.env };
    for (const name of AWS_VARIABLES) delete process.env[name];
    const dir = await mkdtemp(join(tmpdir(), "stepcord-aws-"));
    credentialsFile = join(dir, "credentials");
    await writeFile(join(dir, "config"), "");
    await writeFile(credentialsFile, "");
    process.env.AWS_CONFIG_FILE = join(dir, "config");
    process.env.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
    process.env.AWS_EC2_METADATA_DISABLED = "true";
  });

  afterEach(() => {
    process.env = saved;
  });

  it("uses a profile the default chain finds rather than the stack's bot keys", async () => {
    await writeFile(
      credentialsFile,
      "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = p\n",
    );
    const { credentials, source } = await chooseCredentials({ environment: {}, stack: STACK_KEYS });
    expect(source).to.equal("default-chain");
    expect((await credentials()).accessKeyId).to.equal("AKIDPROFILE");
  });

  it("falls back to the stack's bot keys when the default chain finds no credentials", async () => {
    const { credentials, source } = await chooseCredentials({ environment: {}, stack: STACK_KEYS });
    expect(source).to.equal("stack");
    expect(await credentials()).to.deep.equal(STACK_KEYS);
  });

  it("prefers keys in the bot's environment, session token included, over a profile and the stack", async () => {
    await writeFile(
      credentialsFile,
      "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = p\n",
    );
    const environment = { accessKeyId: "AKIDENV", secretAccessKey: "e", sessionToken: "tok" };
    const { credentials, source } = await chooseCredentials({ environment, stack: STACK_KEYS });
    expect(source).to.equal("environment");
    expect(await credentials()).to.deep.equal(environment);
  });

  it("uses the default chain without trying it at start when the stack gave no keys", async () => {
    const { source } = await chooseCredentials({ environment: {}, stack: {} });
    expect(source).to.equal("default-chain");
  });

  it("start() signs with the stack's bot keys when the chain finds none", async () => {
    const fake = await startFakeDiscord({ guilds: [botTestGuild()] });
    const server = await startVerifyingServer();
    const bot = await start({
      env: {
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.restUrl,
        STEPCORD_STACK: "dev",
        AWS_REGION: "eu-west-1",
        STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-bot-")),
        BATCH_WINDOW_MS: "0",
      },
      stackCommand: async () =>
        JSON.stringify({
          eventsEndpoint: server.url,
          botAccessKeyId: TEST_CREDENTIALS.accessKeyId,
          botSecretAccessKey: TEST_CREDENTIALS.secretAccessKey,
        }),
      logger: pino({ level: "silent" }),
    });
    try {
      await until(() => bot.health().ready);
      fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
      await until(() => server.received.length === 1);
      expect(server.failures).to.equal(0);
    } finally {
      await bot.stop();
      await fake.close();
      await server.close();
    }
  });
});
