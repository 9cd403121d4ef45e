import * as pulumi from "@pulumi/pulumi";

/** One resource the bot program declared, with its inputs as the mocks received them. */
export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

export const MOCK_ACCOUNT = "123456789012";
export const MOCK_REGION = "eu-west-1";
export const MOCK_BOUNDARY_ARN = `arn:aws:iam::${MOCK_ACCOUNT}:policy/stepcord-permissions-boundary`;
/** The infra stack's outputs as its StackReference answers them. */
export const INFRA_OUTPUTS = {
  eventsEndpoint: `https://ev3nts1d.execute-api.${MOCK_REGION}.amazonaws.com/events`,
  invokerPolicyArn: `arn:aws:iam::${MOCK_ACCOUNT}:policy/stepcord-bot-invoke-events`,
  region: MOCK_REGION,
};
/** subnet-c shares eu-west-1a with subnet-a, as a subnet added to the default VPC would. */
const SUBNET_ZONES: Record<string, string> = {
  "subnet-a": "eu-west-1a",
  "subnet-b": "eu-west-1b",
  "subnet-c": "eu-west-1a",
};

export interface MockedBotProgram {
  resources: RecordedResource[];
  stackReferenceName: unknown;
}

let programRun: Promise<MockedBotProgram> | undefined;
/** Every resource declared under the mocks in this process, in order. */
const declared: RecordedResource[] = [];

/**
 * Declares more resources under the same mocks, after the program (for a component with other args than the
 * program's config gives, such as a sharded BotService), and returns those resources once the output `declare` returns has resolved.
 */
export async function recordDeclared(declare: () => pulumi.Output<unknown>): Promise<RecordedResource[]> {
  await runBotProgram();
  const from = declared.length;
  await (declare() as unknown as { promise(): Promise<unknown> }).promise();
  await new Promise((done) => setTimeout(done, 50));
  return declared.slice(from);
}

/**
 * Runs packages/bot/deploy/index.ts once per process under Pulumi mocks (organization `acme`, stack `dev`) and
 * records every resource. awsx components are single mocked resources here: their own code does not run (see
 * test/support/awsx-rules.ts).
 */
export function runBotProgram(): Promise<MockedBotProgram> {
  programRun ??= run();
  return programRun;
}

async function run(): Promise<MockedBotProgram> {
  const resources = declared;
  let stackReferenceName: unknown;
  pulumi.runtime.setAllConfig({
    "aws:region": MOCK_REGION,
    "stepcord-bot:permissionsBoundaryArn": MOCK_BOUNDARY_ARN,
  });
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        resources.push({ type: args.type, name: args.name, inputs: args.inputs });
        if (args.type === "pulumi:pulumi:StackReference") {
          stackReferenceName = args.inputs.name;
          return { id: String(args.inputs.name), state: { outputs: INFRA_OUTPUTS, secretOutputNames: [] } };
        }
        const state: Record<string, unknown> = {
          ...args.inputs,
          arn: `arn:aws:mock:::${args.name}`,
          name: args.name,
        };
        if (args.type === "awsx:ecr:Image")
          state.imageUri = `${MOCK_ACCOUNT}.dkr.ecr.${MOCK_REGION}.amazonaws.com/bot:sha`;
        if (args.type === "awsx:ecr:Repository")
          state.url = `${MOCK_ACCOUNT}.dkr.ecr.${MOCK_REGION}.amazonaws.com/bot`;
        if (args.type === "awsx:ec2:DefaultVpc") state.publicSubnetIds = Object.keys(SUBNET_ZONES);
        if (args.type === "awsx:ecs:FargateService") state.service = { name: args.name };
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        if (args.token === "aws:index/getCallerIdentity:getCallerIdentity")
          return { accountId: MOCK_ACCOUNT };
        if (args.token === "aws:index/getPartition:getPartition") return { partition: "aws" };
        if (args.token === "aws:ec2/getSubnet:getSubnet") {
          const id = String(args.inputs.id);
          return { id, availabilityZone: SUBNET_ZONES[id] };
        }
        throw new Error(`The bot program called ${args.token}, which the test mocks do not answer.`);
      },
    },
    "stepcord-bot",
    "dev",
    false,
    "acme",
  );
  const program = (await import("../../index.js")) as Record<string, unknown>;
  await (program.serviceName as unknown as { promise(): Promise<unknown> }).promise();
  // Resources register asynchronously; wait until every apply in flight has settled.
  await new Promise((done) => setTimeout(done, 50));
  return { resources: [...resources], stackReferenceName };
}
