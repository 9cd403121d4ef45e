import {
  IAM_POLICY_ARN,
  LOG_RETENTION_DAYS,
  type LogRetentionDays,
  PULUMI_PROJECTS,
  qualifiedStackName,
} from "@stepcord/definitions";
import { ONE_SHARD, type ShardPlan, shardPlanProblems } from "./shard-ranges.js";

/** Container Insights' levels (aws.ecs.Cluster `settings`); `disabled` costs nothing, the others bill per metric. */
export const CONTAINER_INSIGHTS = ["disabled", "enabled", "enhanced"] as const;
export type ContainerInsights = (typeof CONTAINER_INSIGHTS)[number];

/** Fargate's valid CPU/memory pairs for the small sizes a bot needs (MiB). */
export const FARGATE_SIZES: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: [1024, 2048, 3072, 4096],
  1024: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
};

export const DEFAULTS = {
  cpu: 256,
  memory: 512,
  containerInsights: "disabled",
  logRetentionDays: 30,
} as const;

/** `stepcord-bot:*` and `aws:region` as read from Pulumi; empty strings count as unset. */
export interface RawBotConfig {
  infraStack?: string | undefined;
  discordTokenParameter?: string | undefined;
  cpu?: number | undefined;
  memory?: number | undefined;
  permissionsBoundaryArn?: string | undefined;
  containerInsights?: string | undefined;
  logRetentionDays?: number | undefined;
  /** `stepcord-bot:shards`, an object {count, tasks}; unset is one shard in one task. */
  shards?: unknown;
  /** `aws:region`: where every resource of this stack lives. */
  region?: string | undefined;
}

export interface BotSettings {
  /** Fully qualified: `<org>/<project>/<stack>`. */
  infraStack: string;
  discordTokenParameter: string;
  cpu: number;
  memory: number;
  permissionsBoundaryArn?: string;
  containerInsights: ContainerInsights;
  logRetentionDays: LogRetentionDays;
  region: string;
  shards: ShardPlan;
}

/** Every config problem at once, each as `<key>: <what to do>`. */
export class InvalidBotDeployConfigError extends Error {
  override readonly name = "InvalidBotDeployConfigError";
  readonly code = "STEPCORD_INVALID_BOT_DEPLOY_CONFIG";
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `The stepcord-bot stack's config is not usable:\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        "Fix with `pulumi config set <key> <value>`; every key is described in packages/bot/deploy/Pulumi.yaml.",
    );
    this.problems = problems;
  }
}

const given = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);

/**
 * Validates the bot stack's config once, listing every problem. `organization` and `stack` are the current ones
 * (`pulumi.getOrganization()`, `pulumi.getStack()`): the default infra stack is the same-named stack of the
 * `stepcord` project in the same organization, which works on Pulumi Cloud and on self-managed backends alike.
 */
export function loadBotSettings(
  raw: RawBotConfig,
  context: { organization: string; stack: string },
): BotSettings {
  const problems: string[] = [];
  const cpu = raw.cpu ?? DEFAULTS.cpu;
  const memory = raw.memory ?? DEFAULTS.memory;
  if (!FARGATE_SIZES[cpu]?.includes(memory)) {
    problems.push(
      `stepcord-bot:cpu ${cpu} with stepcord-bot:memory ${memory} is not a Fargate size. Valid: ` +
        Object.entries(FARGATE_SIZES)
          .map(([c, m]) => `cpu ${c} with memory ${m.join("/")}`)
          .join("; "),
    );
  }
  const parameter = given(raw.discordTokenParameter) ?? `/stepcord/${context.stack}/discord-token`;
  if (!parameter.startsWith("/")) {
    problems.push(
      `stepcord-bot:discordTokenParameter must be an SSM parameter name starting with "/", got ${JSON.stringify(parameter)}.`,
    );
  }
  const boundary = given(raw.permissionsBoundaryArn);
  if (boundary !== undefined && !IAM_POLICY_ARN.test(boundary)) {
    problems.push(
      `stepcord-bot:permissionsBoundaryArn must be an IAM policy ARN, such as the GitHub bootstrap's ` +
        `permissionsBoundaryArn output, got ${JSON.stringify(boundary)}.`,
    );
  }
  const insights = given(raw.containerInsights) ?? DEFAULTS.containerInsights;
  if (!(CONTAINER_INSIGHTS as readonly string[]).includes(insights)) {
    problems.push(
      `stepcord-bot:containerInsights must be one of ${CONTAINER_INSIGHTS.join(", ")}, got ${JSON.stringify(insights)}.`,
    );
  }
  const retention = raw.logRetentionDays ?? DEFAULTS.logRetentionDays;
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(retention)) {
    problems.push(
      `stepcord-bot:logRetentionDays must be one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")}; got ${retention}.`,
    );
  }
  const shardProblems = raw.shards === undefined ? [] : shardPlanProblems(raw.shards);
  problems.push(...shardProblems);
  const region = given(raw.region);
  if (region === undefined) {
    problems.push(
      "aws:region: missing (and no AWS_REGION in the environment); set it to the infra stack's region: " +
        "`pulumi config set aws:region eu-west-1` (or yours).",
    );
  }
  let infraStack = given(raw.infraStack);
  if (infraStack === undefined) {
    try {
      infraStack = qualifiedStackName({ ...context, project: PULUMI_PROJECTS.infra });
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      problems.push(
        `stepcord-bot:infraStack: no default from ${error.message} Set it: pulumi config set stepcord-bot:infraStack <org>/stepcord/<stack>.`,
      );
    }
  }
  if (problems.length > 0 || region === undefined || infraStack === undefined) {
    throw new InvalidBotDeployConfigError(problems);
  }
  return {
    ...(boundary === undefined ? {} : { permissionsBoundaryArn: boundary }),
    infraStack,
    discordTokenParameter: parameter,
    cpu,
    memory,
    containerInsights: insights as ContainerInsights,
    logRetentionDays: retention as LogRetentionDays,
    region,
    shards:
      raw.shards === undefined
        ? ONE_SHARD
        : {
            count: (raw.shards as ShardPlan).count,
            tasks: (raw.shards as Partial<ShardPlan>).tasks ?? ONE_SHARD.tasks,
          },
  };
}
