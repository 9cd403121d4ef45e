import * as pulumi from "@pulumi/pulumi";

/** One resource the program declared, with its inputs as the engine would receive them (secrets unwrapped). */
export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider: string | undefined;
  /** Input names Pulumi sent as secrets. */
  secretInputs: string[];
}

export interface MockedProgram {
  /** What infra/index.ts declared (a snapshot taken when the program finished). */
  resources: RecordedResource[];
  /** Everything recorded so far, including components a test declares itself after the program ran. */
  recorded(): RecordedResource[];
  outputs: Record<string, unknown>;
  /** Output names that are secret in the stack. */
  secretOutputs: string[];
  ofType(type: string): RecordedResource[];
  one(type: string, nameSuffix?: string): RecordedResource;
}

export const MOCK_ACCOUNT = "123456789012";
export const MOCK_REGION = "eu-west-1";
export const MOCK_WEBHOOK_URL = `https://discord.com/api/webhooks/1234567890123456789/${"t0k3n".repeat(14)}`;
export const MOCK_BOUNDARY_ARN = `arn:aws:iam::${MOCK_ACCOUNT}:policy/stepcord-permissions-boundary`;
export const DEFAULT_TEST_CONFIG: Record<string, string> = {
  "aws:region": MOCK_REGION,
  "stepcord:discordWebhookUrl": MOCK_WEBHOOK_URL,
  "stepcord:alarmEmail": "ops@example.org",
  "stepcord:permissionsBoundaryArn": MOCK_BOUNDARY_ARN,
};

let programRun: Promise<MockedProgram> | undefined;

/**
 * Runs infra/index.ts once per process under `pulumi.runtime.setMocks` and records every resource's resolved
 * inputs. Pulumi's runtime is global, so later callers share the first run; use another mocha process for other
 * config; test/read-config.test.ts covers config errors without running the program.
 */
export function runProgram(config: Record<string, string> = DEFAULT_TEST_CONFIG): Promise<MockedProgram> {
  programRun ??= run(config);
  return programRun;
}

async function run(config: Record<string, string>): Promise<MockedProgram> {
  const resources: RecordedResource[] = [];
  pulumi.runtime.setAllConfig(config, ["stepcord:discordWebhookUrl"]);
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const attributes = fakeAttributes(args.type, args.name, args.inputs);
        // API ids are lower-case letters and digits, like AWS's; other ids are only labels.
        const id = typeof attributes.id === "string" ? attributes.id : `${args.name}-id`;
        const state = { ...args.inputs, ...attributes };
        resources.push({
          type: args.type,
          name: args.name,
          inputs: unwrapSecrets(args.inputs) as Record<string, unknown>,
          provider: args.provider,
          secretInputs: secretKeys(args.inputs),
        });
        return { id, state };
      },
      call(args) {
        switch (args.token) {
          case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
              accountId: MOCK_ACCOUNT,
              arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/ci`,
              userId: "AIDATEST",
            };
          case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
          case "aws:index/getRegion:getRegion":
            return { region: MOCK_REGION, name: MOCK_REGION, id: MOCK_REGION, endpoint: "", description: "" };
          default:
            throw new Error(`The program called ${args.token}, which the test mocks do not answer.`);
        }
      },
    },
    "stepcord",
    "test",
    false,
  );
  const program = (await import("../../index.js")) as Record<string, unknown>;
  const outputs: Record<string, unknown> = {};
  const secretOutputs: string[] = [];
  for (const [key, value] of Object.entries(program)) {
    if (!pulumi.Output.isInstance(value)) continue;
    outputs[key] = await resolve(value);
    if (await pulumi.isSecret(value)) secretOutputs.push(key);
  }
  // Resources register asynchronously; wait until every apply in flight has settled.
  await new Promise((done) => setTimeout(done, 50));
  const snapshot = [...resources];
  return {
    resources: snapshot,
    recorded: () => [...resources],
    outputs,
    secretOutputs,
    ofType: (type) => snapshot.filter((r) => r.type === type),
    one(type, nameSuffix) {
      const found = snapshot.filter(
        (r) => r.type === type && (nameSuffix === undefined || r.name.endsWith(nameSuffix)),
      );
      if (found.length !== 1)
        throw new Error(`expected one ${type}${nameSuffix ? ` *${nameSuffix}` : ""}, found ${found.length}`);
      return found[0] as RecordedResource;
    },
  };
}

/** Output#promise() is internal but it is the only way to see an apply's error instead of waiting forever. */
function resolve<T>(output: pulumi.Output<T>): Promise<T> {
  return (output as unknown as { promise(): Promise<T> }).promise();
}

function secretKeys(inputs: Record<string, unknown>): string[] {
  return Object.entries(inputs)
    .filter(([, value]) => isSecretValue(value))
    .map(([key]) => key);
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** Mocks see secrets as `{ <sig>: <secret sig>, value }`; tests assert on the values and on `secretInputs`. */
function unwrapSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return unwrapSecrets((value as { value: unknown }).value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, unwrapSecrets(item)]));
  }
  return value;
}

function isSecretValue(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SECRET_SIG] === "1b47061264138c4ac30d75fd1eb44270"
  );
}

/** The attributes AWS would compute, shaped like the real ones so builders downstream accept them. */
function fakeAttributes(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  const region = MOCK_REGION;
  switch (type) {
    case "aws:apigatewayv2/api:Api": {
      const apiId = name.includes("events") ? "ev3nts1d" : "w3bh00k1d";
      return { id: apiId, apiEndpoint: `https://${apiId}.execute-api.${region}.amazonaws.com` };
    }
    case "aws:sfn/stateMachine:StateMachine":
      return { arn: `arn:aws:states:${region}:${MOCK_ACCOUNT}:stateMachine:${name}`, name };
    case "aws:iam/role:Role":
      return { arn: `arn:aws:iam::${MOCK_ACCOUNT}:role/${name}`, name };
    case "aws:iam/policy:Policy":
      return { arn: `arn:aws:iam::${MOCK_ACCOUNT}:policy/${name}` };
    case "aws:iam/user:User":
      return { arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/${name}`, name };
    case "aws:iam/accessKey:AccessKey":
      return { secret: "mock-secret-access-key" };
    case "aws:cloudwatch/logGroup:LogGroup":
      return {
        arn: `arn:aws:logs:${region}:${MOCK_ACCOUNT}:log-group:${name}`,
        name: `${inputs.namePrefix ?? ""}${name}`,
      };
    case "aws:dynamodb/table:Table": {
      // Pulumi auto-names a table `<resource name>-<7 hex>`; the ARN is `table/<that name>`.
      const tableName = `${name}-1a2b3c4`;
      return {
        id: tableName,
        name: tableName,
        arn: `arn:aws:dynamodb:${region}:${MOCK_ACCOUNT}:table/${tableName}`,
      };
    }
    case "aws:sns/topic:Topic":
      return { arn: `arn:aws:sns:${region}:${MOCK_ACCOUNT}:${name}` };
    default:
      return {};
  }
}
