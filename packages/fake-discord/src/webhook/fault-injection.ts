import type { Fault } from "./types.js";

/** A `POST /_fake/faults` body the fake cannot use; answered 400 with this message. */
export class FaultListError extends Error {
  override readonly name = "FaultListError";
  readonly code = "FAKE_DISCORD_BAD_FAULT_LIST";
}

const STATUS_FAULT_KEYS: Record<string, "number" | "string" | "boolean"> = {
  status: "number",
  code: "number",
  message: "string",
  retryAfterSeconds: "number",
  noHeaders: "boolean",
  global: "boolean",
  cloudflare: "boolean",
};

function parseFault(value: unknown, index: number): Fault {
  const where = `fault ${index}`;
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new FaultListError(`${where} is not an object; send e.g. [{"status": 429}] or [{"hang": true}].`);
  const entries = Object.entries(value);
  if ("hang" in value) {
    if (entries.length !== 1 || (value as { hang: unknown }).hang !== true)
      throw new FaultListError(`${where}: a hang is exactly {"hang": true}.`);
    return { hang: true };
  }
  for (const [key, field] of entries) {
    const type = STATUS_FAULT_KEYS[key];
    if (type === undefined)
      throw new FaultListError(
        `${where} has unknown key "${key}"; known: hang, ${Object.keys(STATUS_FAULT_KEYS).join(", ")}.`,
      );
    if (typeof field !== type) throw new FaultListError(`${where}: "${key}" must be a ${type}.`);
  }
  const status = (value as { status?: unknown }).status;
  if (typeof status !== "number" || !Number.isInteger(status) || status < 400 || status > 599)
    throw new FaultListError(`${where} needs "status", an HTTP error status from 400 to 599.`);
  return { ...(value as Fault) };
}

/**
 * Reads the JSON list a test posts to `/_fake/faults` from outside the process, e.g. `[{"hang": true}]` or
 * `[{"status": 429, "retryAfterSeconds": 2}]`: the same faults `injectFaults` queues in-process.
 */
export function parseFaultList(raw: string): Fault[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new FaultListError("the body is not JSON; send a JSON list of faults.");
  }
  if (!Array.isArray(parsed)) throw new FaultListError("the body is not a JSON list of faults.");
  return parsed.map(parseFault);
}
