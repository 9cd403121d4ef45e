/** The variables `pnpm local` reads its ports from; unset means a free port chosen by the OS. */
export const LOCAL_PORT_VARIABLES = {
  events: "STEPCORD_EVENTS_PORT",
  webhook: "STEPCORD_WEBHOOK_PORT",
  stepFunctions: "STEPCORD_STEPFUNCTIONS_PORT",
  fakeWebhook: "STEPCORD_FAKE_WEBHOOK_PORT",
} as const;

export type LocalPortName = keyof typeof LOCAL_PORT_VARIABLES;
export type LocalPorts = Partial<Record<LocalPortName, number>>;

const MAX_PORT = 65_535;

/** Thrown when a port variable is not a whole number from 0 to 65535; the message lists every bad variable. */
export class InvalidLocalPortError extends Error {
  override readonly name = "InvalidLocalPortError";
  readonly code = "STEPCORD_INVALID_LOCAL_PORT";
  constructor(readonly problems: { variable: string; value: string }[]) {
    super(
      problems
        .map(
          ({ variable, value }) =>
            `Invalid ${variable} ${JSON.stringify(value)}. Must be a whole number from 0 to ${MAX_PORT} (0 or unset: a free port).`,
        )
        .join("\n"),
    );
  }
}

/** Reads the local stack's ports from the environment, all problems at once. */
export function localPortsFromEnv(env: NodeJS.ProcessEnv): LocalPorts {
  const ports: LocalPorts = {};
  const problems: { variable: string; value: string }[] = [];
  for (const [name, variable] of Object.entries(LOCAL_PORT_VARIABLES) as [LocalPortName, string][]) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    const port = Number(value);
    if (/^\d+$/.test(value) && port <= MAX_PORT) ports[name] = port;
    else problems.push({ variable, value });
  }
  if (problems.length > 0) throw new InvalidLocalPortError(problems);
  return ports;
}
