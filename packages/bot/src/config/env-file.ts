import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The .env file the bot reads, if any: the one in the directory the command was run from. `pnpm --filter
 * @stepcord/bot start` runs the bot in packages/bot, so a .env there would be the only one seen, and one at the
 * repository root, where users put it, would be silently ignored; pnpm passes the directory it was run from as
 * INIT_CWD, so that one is looked at first, then the working directory (a container, `node src/main.ts`).
 */
export function envFileToRead(
  env: NodeJS.ProcessEnv,
  cwd: string,
  exists: (path: string) => boolean = existsSync,
): { file: string | undefined; lookedIn: string[] } {
  const lookedIn = [...new Set([env.INIT_CWD, cwd].filter((dir): dir is string => (dir ?? "") !== ""))];
  const file = lookedIn.map((dir) => join(dir, ".env")).find((path) => exists(path));
  return { file, lookedIn };
}
