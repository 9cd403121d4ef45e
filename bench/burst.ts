// A burst of 100 voice events through the local stack under Discord-like limits (5 messages per 2 s per webhook):
// messages posted, events lost, and the time against the rate-limit floor measured in the same run.
// Run from the repository root: node --import tsx bench/burst.ts [events]
import { performance } from "node:perf_hooks";
import { createVoiceEventBatch, MAX_EVENTS_PER_BATCH } from "@stepcord/events";
import { joinEvent } from "@stepcord/events/fixtures";
import { startLocalStack } from "@stepcord/local";
import { signedRequest } from "@stepcord/signer";

const eventCount = Number(process.argv[2] ?? 100);
const RATE = { limit: 5, windowMs: 2_000 };
const stack = await startLocalStack({ retryIntervalMs: 50, fakeWebhook: { rateLimit: RATE } });
const credentials = {
  accessKeyId: stack.identities.bot.accessKeyId,
  secretAccessKey: stack.identities.bot.secretAccessKey,
};

const events = Array.from({ length: eventCount }, (_, i) => ({
  ...joinEvent,
  id: `40000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  membersInChannel: i + 1,
}));
const batches: ReturnType<typeof createVoiceEventBatch>[] = [];
for (let i = 0; i < events.length; i += MAX_EVENTS_PER_BATCH) {
  batches.push(createVoiceEventBatch({ events: events.slice(i, i + MAX_EVENTS_PER_BATCH), quiet: false }));
}

const started = performance.now();
const answers = await Promise.all(
  batches.map((batch) =>
    signedRequest(stack.eventsEndpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(batch),
      credentials,
      region: stack.region,
      service: "execute-api",
    }).then(async (r) => {
      await r.body.dump();
      return r.statusCode;
    }),
  ),
);
await stack.runner.idle();
const elapsedMs = performance.now() - started;

const messages = stack.fakeWebhook?.messages() ?? [];
const delivered = messages.reduce(
  (sum, m) => sum + ((m.body.embeds as unknown[] | undefined)?.length ?? 0),
  0,
);
const limited = stack.fakeWebhook?.requests().filter((r) => r.status === 429).length ?? 0;
// A full bucket lets `limit` through at once; every further `limit` messages wait one window.
const floorMs = Math.max(0, Math.ceil(batches.length / RATE.limit) - 1) * RATE.windowMs;
await stack.close();

console.log(`events:               ${eventCount} (${batches.length} batches of <= ${MAX_EVENTS_PER_BATCH})`);
console.log(`accepted by the API:  ${answers.filter((s) => s === 200).length}/${batches.length}`);
console.log(`messages posted:      ${messages.length} (one per batch; unbatched would be ${eventCount})`);
console.log(`events delivered:     ${delivered}/${eventCount}, lost: ${eventCount - delivered}`);
console.log(`429s from Discord:    ${limited}`);
console.log(`time:                 ${(elapsedMs / 1000).toFixed(2)} s`);
console.log(
  `rate-limit floor:     ${(floorMs / 1000).toFixed(2)} s (${RATE.limit} per ${RATE.windowMs / 1000} s)`,
);
console.log(
  `ratio time/floor:     ${floorMs === 0 ? "n/a (under one bucket)" : (elapsedMs / floorMs).toFixed(2)}`,
);
process.exit(delivered === eventCount ? 0 : 1);
