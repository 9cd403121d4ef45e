import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type CredentialsProvider, defaultCredentials } from "@stepcord/signer";
import { serviceEndpoint } from "../aws-json-call.js";
import { runSmoke, type SmokeOptions } from "../run-smoke.js";
import { readSmokeTarget, SmokeTargetError, smokeTargetFromOutputs } from "../smoke-target.js";

export const SMOKE_USAGE = `usage: stepcord-smoke --stack <org/project/stack> [--settle-seconds N] [--sign-with-default-credentials]
       stepcord-smoke --outputs <file.json> [--settle-seconds N] [--sign-with-default-credentials]

Posts one silent test message ("stepcord deploy check - safe to ignore", no mentions) through the deployed
stack, signed as the bot, and one read-only status call through POST /settings (the settings workflow; not checked
when the stack exports no settingsEndpoint), and reports each hop's verdict. Exit 0: every hop passed; 1: a hop failed; 2: usage;
3: not checked, the stack exports no bot key (invokerMode attach or none): pass --sign-with-default-credentials
to sign with your AWS credentials, which need the invoker policy (output invokerPolicyArn).
Express: the verdict is in the events API's answer. Standard: reads the result with the default AWS credentials.
Endpoints: AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS (e.g. the local stack's).`;

/**
 * The endpoint an AWS_ENDPOINT_URL_* variable names, else the service's regional one. An empty value counts as
 * unset, as the AWS SDKs and CLI treat it (a `.env` line `AWS_ENDPOINT_URL_SFN=` turns the override off).
 */
export function endpointFromEnv(
  value: string | undefined,
  service: "states" | "logs",
  region: string,
): string {
  return value === undefined || value === "" ? serviceEndpoint(service, region) : value;
}

export const SMOKE_EXIT = { passed: 0, failed: 1, usage: 2, notChecked: 3 } as const;

/**
 * The one line for a stack without a bot key. Under GitHub Actions (which sets GITHUB_ACTIONS=true) it is a
 * `::warning::` workflow command, so the run's summary shows it; deploy.yml maps exit 3 to a passing step.
 */
export function notCheckedLine(source: string, env: NodeJS.ProcessEnv): string {
  const message =
    `${source} exports no bot key (invokerMode attach or none), so the smoke check did not run: signing as this ` +
    "identity would test its policy, not the bot's. To run it by hand, use AWS credentials of an identity the " +
    "invoker policy (output invokerPolicyArn) is attached to and pass --sign-with-default-credentials";
  return env.GITHUB_ACTIONS === "true"
    ? `::warning title=Smoke check not run::${message}`
    : `NOT CHECKED ${message}`;
}

/**
 * The `--outputs` file, a relative path taken from where the user typed `pnpm smoke` (pnpm runs the bin in
 * packages/smoke and passes that directory as INIT_CWD), as `pulumi stack output` is.
 */
async function readOutputsFile(file: string, env: NodeJS.ProcessEnv): Promise<string> {
  const path = resolve(env.INIT_CWD ?? process.cwd(), file);
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as { code?: unknown }).code ?? (error as Error).message;
    throw new SmokeTargetError(
      `--outputs ${file}: cannot read ${path} (${String(reason)}); ` +
        "write it with `pulumi stack output --json --show-secrets > <file>`, or pass --stack",
    );
  }
}

export interface SmokeCliContext {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  credentials?: CredentialsProvider;
  /** Test seams. */
  overrides?: Partial<Pick<SmokeOptions, "now" | "sleep" | "pollMs">>;
}

/** The CLI: parses arguments, reads the stack's outputs, runs the check, prints the report; returns the exit code. */
export async function runSmokeCli(argv: string[], context: SmokeCliContext): Promise<number> {
  let values: {
    stack?: string | undefined;
    outputs?: string | undefined;
    "settle-seconds"?: string | undefined;
    "sign-with-default-credentials"?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stack: { type: "string" },
        outputs: { type: "string" },
        "settle-seconds": { type: "string" },
        "sign-with-default-credentials": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    context.err(`${(error as Error).message}\n${SMOKE_USAGE}`);
    return SMOKE_EXIT.usage;
  }
  if (values.help) {
    context.out(SMOKE_USAGE);
    return SMOKE_EXIT.passed;
  }
  if ((values.stack === undefined) === (values.outputs === undefined)) {
    context.err(`Pass exactly one of --stack or --outputs.\n${SMOKE_USAGE}`);
    return SMOKE_EXIT.usage;
  }
  // Unset: the wait follows the deployed workflow (its type and TimeoutSeconds), see waitForExecution.
  const settle = values["settle-seconds"] === undefined ? undefined : Number(values["settle-seconds"]);
  if (settle !== undefined && (!Number.isFinite(settle) || settle <= 0)) {
    context.err(
      `Invalid --settle-seconds ${values["settle-seconds"]}. Must be a positive number of seconds.`,
    );
    return SMOKE_EXIT.usage;
  }
  try {
    const target =
      values.stack === undefined
        ? smokeTargetFromOutputs(
            await readOutputsFile(values.outputs as string, context.env),
            `--outputs ${values.outputs}`,
          )
        : await readSmokeTarget(values.stack);
    if (target.botCredentials === undefined && !values["sign-with-default-credentials"]) {
      const source = values.stack === undefined ? `--outputs ${values.outputs}` : `stack ${values.stack}`;
      context.out(notCheckedLine(source, context.env));
      return SMOKE_EXIT.notChecked;
    }
    const report = await runSmoke({
      target,
      operatorCredentials: context.credentials ?? defaultCredentials(),
      reader: {
        region: target.region,
        stepFunctionsEndpoint: endpointFromEnv(context.env.AWS_ENDPOINT_URL_SFN, "states", target.region),
        logsEndpoint: endpointFromEnv(context.env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, "logs", target.region),
      },
      ...(settle === undefined ? {} : { settleMs: settle * 1000 }),
      ...context.overrides,
    });
    for (const line of report.lines) (report.ok ? context.out : context.err)(line);
    return report.ok ? SMOKE_EXIT.passed : SMOKE_EXIT.failed;
  } catch (error) {
    if (error instanceof SmokeTargetError || (error as Error).name === "CredentialsError") {
      context.err(`FAIL ${(error as Error).message}`);
      return SMOKE_EXIT.failed;
    }
    throw error;
  }
}
