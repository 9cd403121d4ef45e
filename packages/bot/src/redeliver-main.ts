// `pnpm --filter @stepcord/bot redeliver`: puts the batches parked while a webhook was gone back into the outbox
// (docs/deploy.md, "Redelivering parked batches"). Reads STEPCORD_OUTBOX_DIR from the environment or the same .env
// the bot reads; the bot sends them at its next start.
import "@stepcord/signer/refuse-old-node";
import { DEFAULT_OUTBOX_DIR } from "./config/config.js";
import { envFileToRead } from "./config/env-file.js";
import { redeliverParked } from "./delivery/redeliver.js";

const envFile = envFileToRead(process.env, process.cwd());
if (envFile.file !== undefined) process.loadEnvFile(envFile.file);
const outboxDir = process.env.STEPCORD_OUTBOX_DIR ?? DEFAULT_OUTBOX_DIR;
const moved = await redeliverParked(outboxDir);
console.log(
  moved.length === 0
    ? `No parked batches in ${outboxDir}/parked.`
    : `Moved ${moved.length} parked batch(es) back into ${outboxDir}; restart the bot to send them (same batch ids).`,
);
