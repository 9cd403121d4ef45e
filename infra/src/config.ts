import { DEFAULT_REPO_URL, IAM_POLICY_ARN, LOG_RETENTION_DAYS } from "@stepcord/definitions";
import { z } from "zod";

/** Express costs about $3.4 per million events against Standard's $118-277 (docs/decisions/0021-express-by-default.md). */
export const WORKFLOW_TYPES = ["EXPRESS", "STANDARD"] as const;
export type WorkflowType = (typeof WORKFLOW_TYPES)[number];

/**
 * Who may call the events API. `user`: a dedicated IAM user with an access key (outputs botAccessKeyId and
 * botSecretAccessKey). `attach`: attach the invoker policy to existing users/roles (`invokerUsers`, `invokerRoles`),
 * e.g. an ECS task role. `none`: only create the policy (output invokerPolicyArn).
 */
export const INVOKER_MODES = ["user", "attach", "none"] as const;
export type InvokerMode = (typeof INVOKER_MODES)[number];

/** CloudWatch Logs only accepts these retention periods (shared with the bot stack, in @stepcord/definitions). */
export { LOG_RETENTION_DAYS };

export const DEFAULTS = {
  workflowType: "EXPRESS",
  logRetentionDays: 30,
  throttleRatePerSecond: 5,
  throttleBurst: 10,
  monthlyBudgetUsd: 5,
  invokerMode: "user",
  logExecutionData: false,
  repoUrl: DEFAULT_REPO_URL,
} as const;

const iamName = z.string().regex(/^[\w+=,.@-]{1,64}$/, "must be an IAM user or role name, not an ARN");

/** The plain (non-secret) settings, as read from `stepcord:*` config. Secrets are read separately. */
export const StepcordSettings = z
  .strictObject({
    workflowType: z.enum(WORKFLOW_TYPES).default(DEFAULTS.workflowType),
    logRetentionDays: z.coerce
      .number()
      .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
        message: `must be one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")}`,
      })
      .default(DEFAULTS.logRetentionDays),
    throttleRatePerSecond: z.coerce.number().int().min(1).max(10_000).default(DEFAULTS.throttleRatePerSecond),
    throttleBurst: z.coerce.number().int().min(1).max(5_000).default(DEFAULTS.throttleBurst),
    alarmEmail: z.email("must be an e-mail address").optional(),
    monthlyBudgetUsd: z.coerce.number().positive().max(100_000).default(DEFAULTS.monthlyBudgetUsd),
    invokerMode: z.enum(INVOKER_MODES).default(DEFAULTS.invokerMode),
    invokerUsers: z.array(iamName).default([]),
    invokerRoles: z.array(iamName).default([]),
    logExecutionData: z
      .union([z.boolean(), z.enum(["true", "false"]).transform((text) => text === "true")])
      .default(DEFAULTS.logExecutionData),
    repoUrl: z.url({ protocol: /^https?$/ }).default(DEFAULTS.repoUrl),
    permissionsBoundaryArn: z
      .string()
      .regex(
        IAM_POLICY_ARN,
        "must be an IAM policy ARN, such as the GitHub bootstrap's permissionsBoundaryArn output " +
          "(arn:aws:iam::123456789012:policy/stepcord-permissions-boundary)",
      )
      .optional(),
  })
  .superRefine((settings, ctx) => {
    const attachesSomething = settings.invokerUsers.length + settings.invokerRoles.length > 0;
    if (settings.invokerMode === "attach" && !attachesSomething) {
      ctx.addIssue({
        code: "custom",
        path: ["invokerUsers"],
        message:
          'invokerMode "attach" needs invokerUsers or invokerRoles (IAM names to attach the policy to)',
      });
    }
    if (settings.invokerMode !== "attach" && attachesSomething) {
      ctx.addIssue({
        code: "custom",
        path: ["invokerMode"],
        message: 'invokerUsers/invokerRoles are only used with invokerMode "attach"; set it, or remove them',
      });
    }
  });
export type StepcordSettings = z.infer<typeof StepcordSettings>;

/** Every config problem at once, each as `stepcord:<key>: <what to do>`. */
export class InvalidConfigError extends Error {
  override readonly name = "InvalidConfigError";
  readonly code = "STEPCORD_INVALID_CONFIG";
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `The stack's stepcord config is not usable:\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        "Fix with `pulumi config set stepcord:<key> <value>`; every key is described in Pulumi.yaml and docs/architecture.md.",
    );
    this.problems = problems;
  }
}

/**
 * Validates raw config values (strings from `pulumi config`, or objects for arrays) once, at the edge.
 * Missing keys take the documented defaults; empty strings count as missing.
 */
export function loadSettings(raw: Record<string, unknown>): StepcordSettings {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = StepcordSettings.safeParse(present);
  if (!parsed.success) {
    throw new InvalidConfigError(
      parsed.error.issues.map(
        (issue) => `stepcord:${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`,
      ),
    );
  }
  return parsed.data;
}

export const SETTING_KEYS = [
  "workflowType",
  "logRetentionDays",
  "throttleRatePerSecond",
  "throttleBurst",
  "alarmEmail",
  "monthlyBudgetUsd",
  "invokerMode",
  "invokerUsers",
  "invokerRoles",
  "logExecutionData",
  "repoUrl",
  "permissionsBoundaryArn",
] as const;
