/** `stepcord-bot:shards`: the bot's shards in all, and how many ECS services (one task each) run them. */
export interface ShardPlan {
  count: number;
  tasks: number;
}

export const ONE_SHARD: ShardPlan = { count: 1, tasks: 1 };

/** One task's part: shards `first`..`last` of `count`, and the environment the bot reads them from. */
export interface ShardRange {
  first: number;
  last: number;
  count: number;
  /** `shards-<first>-<last>`: the suffix of the task's service and outbox access point. */
  key: string;
  environment: { name: "SHARD_COUNT" | "SHARD_IDS"; value: string }[];
}

/**
 * Splits `count` shards into `tasks` contiguous ranges, as even as they go (sizes differ by at most one). A single
 * task runs every shard and gets SHARD_COUNT only (the bot then runs them all and uses discord.js's own identify
 * throttle); several tasks get SHARD_IDS too, and identify in the slots the bot's SlotIdentifyThrottler gives each
 * shard (packages/bot/src/gateway/identify-slots.ts), so tasks never collide in a max_concurrency bucket.
 */
export function shardRanges(plan: ShardPlan): ShardRange[] {
  return Array.from({ length: plan.tasks }, (_, task) => {
    const first = Math.floor((task * plan.count) / plan.tasks);
    const last = Math.floor(((task + 1) * plan.count) / plan.tasks) - 1;
    // One shard in one task is the bot's default: no variable, so such a stack's task definition stays as it was.
    const environment: ShardRange["environment"] =
      plan.count > 1 ? [{ name: "SHARD_COUNT", value: String(plan.count) }] : [];
    if (plan.tasks > 1) environment.push({ name: "SHARD_IDS", value: `${first}-${last}` });
    return { first, last, count: plan.count, key: `shards-${first}-${last}`, environment };
  });
}

/** The problems of a `stepcord-bot:shards` value, each naming the key and its fix; none for a usable plan. */
export function shardPlanProblems(raw: unknown): string[] {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return [
      `stepcord-bot:shards must be an object {count, tasks}, such as {"count": 4, "tasks": 2}; got ${JSON.stringify(raw)}.`,
    ];
  const { count, tasks, ...rest } = raw as Record<string, unknown>;
  const problems: string[] = [];
  const whole = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 1;
  if (!whole(count))
    problems.push(
      `stepcord-bot:shards.count must be a whole number of shards, at least 1 (about 1,000 guilds a shard, at most 2,500); got ${JSON.stringify(count)}.`,
    );
  if (tasks !== undefined && !whole(tasks))
    problems.push(
      `stepcord-bot:shards.tasks must be a whole number of tasks, at least 1; got ${JSON.stringify(tasks)}.`,
    );
  else if (whole(count) && whole(tasks) && (tasks as number) > (count as number))
    problems.push(
      `stepcord-bot:shards.tasks (${tasks}) cannot exceed shards.count (${count}): a task runs at least one shard.`,
    );
  for (const key of Object.keys(rest))
    problems.push(`stepcord-bot:shards.${key} is not a setting; only count and tasks are.`);
  return problems;
}
