import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { Deliverer, type DelivererOptions } from "../../src/delivery/deliverer.js";
import { Outbox } from "../../src/delivery/outbox.js";
import { syncAnswer } from "./sync-answers.js";
import { type ReceivedBatch, TEST_CREDENTIALS, type VerifyingServer } from "./verifying-server.js";

/** What the deliverer tests vary; the endpoint, key, region and logger are the verifying server's. */
export type DelivererTestOptions = Omit<DelivererOptions, "endpoint" | "credentials" | "region" | "logger">;

/** A Deliverer posting to `server`, signed with its test key in eu-west-1; logs with TEST_LOG set (silent otherwise). */
export function delivererTo(server: VerifyingServer, options: DelivererTestOptions): Deliverer {
  return new Deliverer({
    endpoint: server.url,
    credentials: TEST_CREDENTIALS,
    region: "eu-west-1",
    logger: pino({ level: process.env.TEST_LOG ?? "silent" }),
    ...options,
  });
}

/** An empty outbox in a fresh temporary directory named after the test (`stepcord-<name>-`), read in. */
export async function emptyOutbox(name: string): Promise<Outbox> {
  const outbox = new Outbox(await mkdtemp(join(tmpdir(), `stepcord-${name}-`)));
  await outbox.init();
  return outbox;
}

/** The workflow's next answers per key (a guild, a voice channel); `delivered` once a key has none left. */
export type ScriptedAnswers = Map<string, Array<(batchId: string) => unknown>>;

/** Makes `server` answer each batch with the next scripted answer for its key; returns the script to fill. */
export function answerByKey(
  server: VerifyingServer,
  keyOf: (batch: ReceivedBatch) => string,
): ScriptedAnswers {
  const answers: ScriptedAnswers = new Map();
  server.answerWith((batch) => (answers.get(keyOf(batch))?.shift() ?? syncAnswer.delivered)(batch.batchId));
  return answers;
}
