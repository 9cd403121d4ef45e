import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { botDeploySettings, InvalidBotDeployConfigError, ssmParameterArn } from "../src/settings.js";

interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const INFRA_OUTPUTS = {
  eventsEndpoint: "https://ev3nts1d.execute-api.eu-west-1.amazonaws.com/events",
  invokerPolicyArn: "arn:aws:iam::123456789012:policy/stepcord-bot-invoke-events",
  region: "eu-west-1",
};

const BOUNDARY = "arn:aws:iam::123456789012:policy/stepcord-permissions-boundary";
const recorded: Recorded[] = [];
let stackReferenceName: unknown;

before(async () => {
  pulumi.runtime.setAllConfig({ "aws:region": "eu-west-1", "stepcord-bot:permissionsBoundaryArn": BOUNDARY });
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        recorded.push({ type: args.type, name: args.name, inputs: args.inputs });
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
          state.imageUri = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/bot:sha";
        if (args.type === "awsx:ecr:Repository")
          state.url = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/bot";
        if (args.type === "awsx:ec2:DefaultVpc") state.publicSubnetIds = ["subnet-a", "subnet-b"];
        if (args.type === "awsx:ecs:FargateService") state.service = { name: "stepcord-bot-service" };
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        if (args.token === "aws:index/getCallerIdentity:getCallerIdentity")
          return { accountId: "123456789012" };
        if (args.token === "aws:index/getPartition:getPartition") return { partition: "aws" };
        throw new Error(`unmocked call ${args.token}`);
      },
    },
    "stepcord-bot",
    "dev",
    false,
  );
  const program = (await import("../index.js")) as Record<string, unknown>;
  await (program.serviceName as unknown as { promise(): Promise<unknown> }).promise();
  await new Promise((done) => setTimeout(done, 50));
});

const one = (type: string, suffix = "") => {
  const found = recorded.filter((r) => r.type === type && r.name.endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one ${type} ${suffix}, found ${found.length}`);
  return found[0] as Recorded;
};

describe("the bot's Fargate stack", () => {
  it("reads the infra stack organization/stepcord/<stack> through a StackReference", () => {
    expect(stackReferenceName).to.equal("organization/stepcord/dev");
  });

  it("runs exactly one task and never overlaps two bots during a deploy", () => {
    const service = one("awsx:ecs:FargateService");
    expect(service.inputs).to.include({
      desiredCount: 1,
      deploymentMinimumHealthyPercent: 0,
      deploymentMaximumPercent: 100,
    });
  });

  it("hands the Discord token over as a container secret from SSM, never as plain environment", () => {
    const container = (
      one("awsx:ecs:FargateService").inputs.taskDefinitionArgs as { container: Record<string, unknown> }
    ).container;
    expect(container.secrets).to.deep.equal([
      {
        name: "DISCORD_TOKEN",
        valueFrom: "arn:aws:ssm:eu-west-1:123456789012:parameter/stepcord/dev/discord-token",
      },
    ]);
    const environment = container.environment as { name: string; value: string }[];
    expect(environment.map((e) => e.name)).not.to.include("DISCORD_TOKEN");
    expect(environment).to.deep.include({ name: "EVENTS_ENDPOINT", value: INFRA_OUTPUTS.eventsEndpoint });
  });

  it("gives the task role the infra stack's invoke policy and no access keys", () => {
    const attachment = one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "-task-invoke");
    expect(attachment.inputs.policyArn).to.equal(INFRA_OUTPUTS.invokerPolicyArn);
    expect(recorded.filter((r) => r.type === "aws:iam/accessKey:AccessKey")).to.deep.equal([]);
    const trust = JSON.parse(one("aws:iam/role:Role", "-task-role").inputs.assumeRolePolicy as string);
    expect(trust.Statement[0]).to.deep.include({ Principal: { Service: "ecs-tasks.amazonaws.com" } });
    expect(trust.Statement[0].Condition).to.deep.equal({
      StringEquals: { "aws:SourceAccount": "123456789012" },
    });
  });

  it("lets the execution role read exactly the token parameter", () => {
    const policy = JSON.parse(
      one("aws:iam/rolePolicy:RolePolicy", "-execution-token").inputs.policy as string,
    );
    expect(policy.Statement).to.deep.equal([
      {
        Sid: "ReadBotToken",
        Effect: "Allow",
        Action: "ssm:GetParameters",
        Resource: "arn:aws:ssm:eu-west-1:123456789012:parameter/stepcord/dev/discord-token",
      },
    ]);
  });

  it("puts the configured permissions boundary on both of its roles", () => {
    const roles = recorded.filter((r) => r.type === "aws:iam/role:Role");
    expect(roles).to.have.length(2);
    for (const role of roles) expect(role.inputs.permissionsBoundary, role.name).to.equal(BOUNDARY);
  });

  it("builds the image from the repository root with the bot's Dockerfile", () => {
    const image = one("awsx:ecr:Image");
    expect(String(image.inputs.dockerfile)).to.match(/packages\/bot\/deploy\/Dockerfile$/);
  });
});

describe("botDeploySettings", () => {
  it("derives the infra stack and token parameter from the stack name", () => {
    expect(botDeploySettings({}, "prod")).to.deep.equal({
      infraStack: "organization/stepcord/prod",
      discordTokenParameter: "/stepcord/prod/discord-token",
      cpu: 256,
      memory: 512,
    });
  });

  it("refuses a permissions boundary that is not a policy ARN, naming the bootstrap output", () => {
    expect(() =>
      botDeploySettings({ permissionsBoundaryArn: "stepcord-permissions-boundary" }, "dev"),
    ).to.throw(InvalidBotDeployConfigError, "permissionsBoundaryArn output");
  });

  it("refuses a CPU and memory pair Fargate does not offer, listing the valid ones", () => {
    expect(() => botDeploySettings({ cpu: 256, memory: 4096 }, "dev")).to.throw(
      InvalidBotDeployConfigError,
      "cpu 256 with memory 512/1024/2048",
    );
  });

  it("refuses a parameter name that is not a path", () => {
    expect(() => botDeploySettings({ discordTokenParameter: "token" }, "dev")).to.throw(
      InvalidBotDeployConfigError,
      'starting with "/"',
    );
  });

  it("builds SSM parameter ARNs with the path's leading slash", () => {
    expect(
      ssmParameterArn({ partition: "aws", region: "eu-west-1", account: "123456789012", name: "/a/b" }),
    ).to.equal("arn:aws:ssm:eu-west-1:123456789012:parameter/a/b");
  });
});
