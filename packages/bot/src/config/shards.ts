/**
 * The shards this process runs: `ids` of `count` in all. Discord sends a guild's events to shard
 * `(guild_id >> 22) % count` (discord-api-docs, developers/events/gateway.mdx, "Sharding Formula"), so one process
 * may run every shard (`ids` = 0..count-1) or, one ECS task each, a range of them with the same `count`.
 */
export interface Shards {
  count: number;
  ids: number[];
}

/** Whether this process runs every shard of the bot, so no other process identifies with its token. */
export function runsEveryShard(shards: Shards): boolean {
  return shards.ids.length === shards.count;
}

const SHARD_IDS_EXAMPLE = "such as 0-3 or 0,1,4-7";

/**
 * SHARD_COUNT and SHARD_IDS from the environment: unset, one shard ([0] of 1); SHARD_COUNT alone, every shard in this
 * process; SHARD_IDS, this task's part (ids and ranges, each in 0..SHARD_COUNT-1, none twice). Returns the problems
 * instead when there are any, each naming the variable and its fix.
 */
export function parseShards(
  countText: string | undefined,
  idsText: string | undefined,
): { shards: Shards } | { problems: string[] } {
  const countRaw = countText?.trim() ?? "";
  const idsRaw = idsText?.trim() ?? "";
  const problems: string[] = [];
  let count = 1;
  if (countRaw !== "") {
    count = Number(countRaw);
    if (!/^\d+$/.test(countRaw) || count < 1)
      problems.push(
        `SHARD_COUNT must be the whole number of shards across all tasks, at least 1, such as 4 (about 1,000 guilds a shard, at most 2,500); got "${countText}"`,
      );
  }
  if (idsRaw === "") return problems.length > 0 ? { problems } : { shards: { count, ids: range(0, count) } };
  if (countRaw === "")
    problems.push(
      "SHARD_IDS needs SHARD_COUNT: set SHARD_COUNT to the number of shards across all tasks (the same in every task)",
    );
  const ids: number[] = [];
  for (const part of idsRaw.split(",").map((p) => p.trim())) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) {
      problems.push(
        `SHARD_IDS must be shard ids and ranges, ${SHARD_IDS_EXAMPLE}; got "${part}" in "${idsText}"`,
      );
      continue;
    }
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from)
      problems.push(`SHARD_IDS range "${part}" runs backwards: write it low-high, such as ${to}-${from}`);
    else ids.push(...range(from, to + 1));
  }
  if (problems.length > 0) return { problems };
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0)
    problems.push(
      `SHARD_IDS must lie in 0..${count - 1} (SHARD_COUNT is ${count}); ${outside.join(", ")} ${outside.length === 1 ? "is" : "are"} outside`,
    );
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0)
    problems.push(`SHARD_IDS names shard ${[...new Set(twice)].join(", ")} more than once`);
  return problems.length > 0 ? { problems } : { shards: { count, ids: [...ids].sort((a, b) => a - b) } };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
