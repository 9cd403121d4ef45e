import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseDeliveryOutcome } from "@stepcord/events";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { type LocalStack, startLocalStack } from "../src/index.js";
import { postSigned } from "./support/post.js";

const WEBHOOK_PATH = `/api/v10/webhooks/1300000000000000100/${"t".repeat(68)}`;
/** The webhook API's integration timeout in this test; Discord answers each post twice as late. */
const INTEGRATION_TIMEOUT_MS = 200;

/**
 * A Discord that creates every message it is sent at once but answers only after the webhook API stopped waiting
 * (the integration timeout, answered 504): the case where a post's outcome is unclear to the workflow.
 */
async function lateDiscord(): Promise<{ url: string; created: () => number; close: () => Promise<void> }> {
  let created = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      created += 1;
      setTimeout(() => {
        if (response.destroyed) return;
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify({ id: `13000000000000002${String(created).padStart(2, "0")}`, type: 0 }));
      }, INTEGRATION_TIMEOUT_MS * 2);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    created: () => created,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("a post Discord took after the webhook API stopped waiting (EXPRESS, local stack)", () => {
  let discord: Awaited<ReturnType<typeof lateDiscord>>;
  let stack: LocalStack;
  beforeEach(async () => {
    discord = await lateDiscord();
    stack = await startLocalStack({
      discordWebhookUrl: discord.url,
      retryIntervalMs: 1,
      webhookTimeoutMs: INTEGRATION_TIMEOUT_MS,
    });
  });
  afterEach(async () => {
    await stack.close();
    await discord.close();
  });

  const send = async () =>
    parseDeliveryOutcome(
      JSON.parse(
        (await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack)).body,
      ),
    );

  it("is not posted again: the claim stays, so the bot's resend is answered in-flight until its lease ends", async () => {
    expect(await send()).to.deep.include({ outcome: "failed", error: "Stepcord.DeliveryUnclear" });
    expect(await send()).to.deep.include({ outcome: "in-flight", batchId: fixtureBatches.join.batchId });
    expect(discord.created(), "one message in Discord").to.equal(1);
  });
});
