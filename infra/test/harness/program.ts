import * as pulumi from "@pulumi/pulumi";

/** One resource the program declared, with its inputs as the engine would receive them (secrets unwrapped). */
export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider: string | undefined;
  /** Input names Pulumi sent as secrets. */
  secretInputs: string[];
  /**
   * The URN the mock monitor gave it. Pulumi's mocks build it from stack, project, the parent's type, the type and
   * the name (sdk/nodejs/runtime/mocks.ts, newUrn); the engine uses the whole parent type chain, so two runs with the
   * same names, types and parents get the same URNs in both.
   */
  urn: string;
}

/** What a program run leaves to assert on; plain data, so a run in another process can hand it back. */
export interface ProgramSnapshot {
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  secretOutputs: string[];
}

export interface ProgramView extends ProgramSnapshot {
  ofType(type: string): RecordedResource[];
  one(type: string, nameSuffix?: string): RecordedResource;
}

export interface MockedProgram extends ProgramView {
  /** What infra/index.ts declared (a snapshot taken when the program finished). */
  resources: RecordedResource[];
  /** Everything recorded so far, including components a test declares itself after the program ran. */
  recorded(): RecordedResource[];
  /** Output names that are secret in the stack. */
  secretOutputs: string[];
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

/** The keys `pulumi config set --secret` would have encrypted, as the engine lists them (`Map.SecureKeys()`). */
export const DEFAULT_SECRET_KEYS = ["stepcord:discordWebhookUrl"];

let programRun: Promise<MockedProgram> | undefined;

/**
 * Runs infra/index.ts once per process under `pulumi.runtime.setMocks` and records every resource's resolved
 * inputs. Pulumi's runtime is global, so later callers share the first run; for other config use
 * `runProgramInChild` (harness/program-in-child.ts); test/read-config.test.ts covers config errors without running
 * the program.
 */
export function runProgram(
  config: Record<string, string> = DEFAULT_TEST_CONFIG,
  secretKeys: string[] = DEFAULT_SECRET_KEYS,
): Promise<MockedProgram> {
  programRun ??= run(config, secretKeys);
  return programRun;
}

async function run(config: Record<string, string>, secretConfigKeys: string[]): Promise<MockedProgram> {
  const resources: Omit<RecordedResource, "urn">[] = [];
  pulumi.runtime.setAllConfig(config, secretConfigKeys);
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
  const withUrns = () => resources.map((resource) => ({ ...resource, urn: urnOf(resource) }));
  return { ...programView({ resources: withUrns(), outputs, secretOutputs }), recorded: withUrns };
}

/** Lookups over a run's resources, for this process's run or one handed back by a child process. */
export function programView(snapshot: ProgramSnapshot): ProgramView {
  const { resources } = snapshot;
  return {
    ...snapshot,
    ofType: (type) => resources.filter((r) => r.type === type),
    one(type, nameSuffix) {
      const found = resources.filter(
        (r) => r.type === type && (nameSuffix === undefined || r.name.endsWith(nameSuffix)),
      );
      if (found.length !== 1)
        throw new Error(`expected one ${type}${nameSuffix ? ` *${nameSuffix}` : ""}, found ${found.length}`);
      return found[0] as RecordedResource;
    },
  };
}

/** The URN the mock monitor registered for a resource (the last two `::` parts are its qualified type and name). */
function urnOf(resource: { type: string; name: string }): string {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    getRegisteredResources(): Map<string, unknown>;
  };
  const urns = [...monitor.getRegisteredResources().keys()].filter((urn) => {
    const [qualifiedType, name] = urn.split("::").slice(-2) as [string, string];
    return name === resource.name && qualifiedType.split("$").at(-1) === resource.type;
  });
  if (urns.length !== 1)
    throw new Error(`expected one URN for ${resource.type} ${resource.name}, found ${urns.length}`);
  return urns[0] as string;
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
