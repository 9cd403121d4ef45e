/** The bot deploy stack's settings, validated once; empty strings mean "derive from the stack name". */
export interface BotDeploySettings {
  infraStack: string;
  discordTokenParameter: string;
  cpu: number;
  memory: number;
  permissionsBoundaryArn?: string;
}

/** Fargate's valid CPU/memory pairs for the small sizes a bot needs (MiB). */
const FARGATE_SIZES: Record<number, number[]> = {
  256: [512, 1024, 2048],
  512: [1024, 2048, 3072, 4096],
  1024: [2048, 3072, 4096, 5120, 6144, 7168, 8192],
};

export class InvalidBotDeployConfigError extends Error {
  override readonly name = "InvalidBotDeployConfigError";
  readonly code = "STEPCORD_INVALID_BOT_DEPLOY_CONFIG";
}

export function botDeploySettings(
  raw: {
    infraStack?: string | undefined;
    discordTokenParameter?: string | undefined;
    cpu?: number | undefined;
    memory?: number | undefined;
    permissionsBoundaryArn?: string | undefined;
  },
  stack: string,
): BotDeploySettings {
  const cpu = raw.cpu ?? 256;
  const memory = raw.memory ?? 512;
  const sizes = FARGATE_SIZES[cpu];
  if (!sizes?.includes(memory)) {
    throw new InvalidBotDeployConfigError(
      `stepcord-bot:cpu ${cpu} with stepcord-bot:memory ${memory} is not a Fargate size. Valid: ` +
        Object.entries(FARGATE_SIZES)
          .map(([c, m]) => `cpu ${c} with memory ${m.join("/")}`)
          .join("; "),
    );
  }
  const parameter = raw.discordTokenParameter || `/stepcord/${stack}/discord-token`;
  if (!parameter.startsWith("/")) {
    throw new InvalidBotDeployConfigError(
      `stepcord-bot:discordTokenParameter must be an SSM parameter name starting with "/", got ${JSON.stringify(parameter)}.`,
    );
  }
  const boundary = raw.permissionsBoundaryArn || undefined;
  if (boundary !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:policy\/[\w+=,.@/-]+$/.test(boundary)) {
    throw new InvalidBotDeployConfigError(
      `stepcord-bot:permissionsBoundaryArn must be an IAM policy ARN, such as the GitHub bootstrap's ` +
        `permissionsBoundaryArn output, got ${JSON.stringify(boundary)}.`,
    );
  }
  return {
    ...(boundary ? { permissionsBoundaryArn: boundary } : {}),
    infraStack: raw.infraStack || `organization/stepcord/${stack}`,
    discordTokenParameter: parameter,
    cpu,
    memory,
  };
}

/** The SSM parameter's ARN, for the execution role's policy and the container secret. */
export function ssmParameterArn(args: {
  partition: string;
  region: string;
  account: string;
  name: string;
}): string {
  return `arn:${args.partition}:ssm:${args.region}:${args.account}:parameter${args.name}`;
}
