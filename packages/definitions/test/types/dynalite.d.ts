// dynalite ships no types; this is the part the local stack uses (https://github.com/architect/dynalite#readme).
declare module "dynalite" {
  import type { Server } from "node:http";

  interface DynaliteOptions {
    /** Leave out for an in-memory store (memory-level). */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }
  export default function dynalite(options?: DynaliteOptions): Server;
}
