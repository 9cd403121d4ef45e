import { readdir, readFile, unlink } from "node:fs/promises";
import { join } from "node:path";
import { PARKED_DIR, readEnvelope } from "./outbox.js";
import { durableWrite } from "./outbox-fs.js";

/**
 * Moves every batch in `outbox/parked/` back into the outbox, under its own name (so it goes before later batches of
 * its guild) and with its batch id, marked sent (it was, so it is resent unchanged), without the parked mark: the bot sends it at its next start. Each file is written
 * to the outbox before its parked copy is deleted, so a crash between leaves it in both places, and the second send
 * is answered `duplicate` by the workflow's ledger. Returns the names moved.
 */
export async function redeliverParked(outboxDir: string): Promise<string[]> {
  const parkedDir = join(outboxDir, PARKED_DIR);
  let names: string[];
  try {
    names = (await readdir(parkedDir)).filter((f) => f.endsWith(".json")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  for (const name of names) {
    const { batch, voice } = readEnvelope(await readFile(join(parkedDir, name), "utf8"));
    await durableWrite(
      join(outboxDir, `${name}.redeliver.tmp`),
      join(outboxDir, name),
      JSON.stringify({ batch, voice, sent: true }),
    );
    await unlink(join(parkedDir, name));
  }
  return names;
}
