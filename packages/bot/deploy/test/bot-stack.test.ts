import { readFileSync } from "node:fs";
import { identityDecision } from "@stepcord/definitions/testing";
import { expect } from "chai";
import { outboxMountPolicy } from "../src/outbox-mount-policy.js";
import { INFRA_OUTPUTS, MOCK_BOUNDARY_ARN, type RecordedResource, runBotProgram } from "./harness/program.js";
import { awsxFargateServiceErrors } from "./support/awsx-rules.js";

const BOUNDARY = MOCK_BOUNDARY_ARN;
let recorded: RecordedResource[] = [];
let stackReferenceName: unknown;

before(async () => {
  const program = await runBotProgram();
  recorded = program.resources;
  stackReferenceName = program.stackReferenceName;
});

const one = (type: string, suffix = "") => {
  const found = recorded.filter((r) => r.type === type && r.name.endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one ${type} ${suffix}, found ${found.length}`);
  return found[0] as RecordedResource;
};

describe("the bot's Fargate stack", () => {
  it("reads the infra stack <current organization>/stepcord/<stack> through a StackReference", () => {
    expect(stackReferenceName).to.equal("acme/stepcord/dev");
  });

  it("declares a FargateService that awsx accepts (no assignPublicIp next to networkConfiguration)", () => {
    expect(awsxFargateServiceErrors(one("awsx:ecs:FargateService").inputs)).to.deep.equal([]);
  });

  it("runs the service on its own ECS cluster instead of the account's default one", () => {
    const cluster = one("aws:ecs/cluster:Cluster");
    expect(one("awsx:ecs:FargateService").inputs.cluster).to.equal(`arn:aws:mock:::${cluster.name}`);
    expect(cluster.inputs.settings).to.deep.equal([{ name: "containerInsights", value: "disabled" }]);
  });

  it("keeps the bot's logs for a bounded time instead of awsx's never-expiring default log group", () => {
    const task = one("awsx:ecs:FargateService").inputs.taskDefinitionArgs as Record<string, unknown>;
    expect(task.logGroup).to.deep.equal({ args: { retentionInDays: 30 } });
  });

  // awsx passes `waitForSteadyState: !continueBeforeSteadyState` to aws.ecs.Service (pulumi/pulumi-awsx
  // awsx/ecs/fargateService.ts), so pulumi up fails when no task can start, e.g. when ECS cannot assume the task or
  // execution role: the deploy settles that assumption (docs/architecture.md).
  it("leaves awsx waiting for a steady service, so pulumi up fails when no task can start", () => {
    expect(one("awsx:ecs:FargateService").inputs.continueBeforeSteadyState).to.equal(undefined);
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

  it("lets ECS assume the execution role with AWS's documented trust, no source key it may not send", () => {
    // No AWS source says ECS sends aws:SourceAccount or aws:SourceArn when it assumes a task *execution* role (it
    // documents them for the task role only); a condition on an absent key would stop every task from starting.
    const trust = JSON.parse(one("aws:iam/role:Role", "-execution-role").inputs.assumeRolePolicy as string);
    expect(trust.Statement).to.deep.equal([
      { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
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

describe("the bot's outbox on EFS", () => {
  const taskDefinition = () =>
    one("awsx:ecs:FargateService").inputs.taskDefinitionArgs as {
      volumes: { name: string; efsVolumeConfiguration: Record<string, unknown> }[];
      container: { mountPoints: { sourceVolume: string; containerPath: string }[] };
    };

  it("mounts an encrypted file system over TLS and IAM at the Dockerfile's outbox directory", () => {
    const dockerfile = readFileSync(new URL("../Dockerfile", import.meta.url), "utf8");
    const outboxDir = /STEPCORD_OUTBOX_DIR=(\S+)/.exec(dockerfile)?.[1];
    expect(outboxDir).to.equal("/data/outbox");
    const { volumes, container } = taskDefinition();
    expect(volumes).to.have.length(1);
    expect(volumes[0]?.efsVolumeConfiguration).to.deep.include({
      transitEncryption: "ENABLED",
      authorizationConfig: { accessPointId: "stepcord-bot-outbox-access-point-id", iam: "ENABLED" },
    });
    expect(container.mountPoints).to.deep.equal([
      { sourceVolume: volumes[0]?.name, containerPath: outboxDir, readOnly: false },
    ]);
    expect(one("aws:efs/fileSystem:FileSystem").inputs.encrypted).to.equal(true);
  });

  it("pins the access point to the container's node user and its own directory", () => {
    expect(one("aws:efs/accessPoint:AccessPoint").inputs).to.deep.include({
      posixUser: { uid: 1000, gid: 1000 },
      rootDirectory: {
        path: "/outbox",
        creationInfo: { ownerUid: 1000, ownerGid: 1000, permissions: "750" },
      },
    });
  });

  it("puts one mount target in each zone the task may run in, as EFS allows only one per zone", () => {
    const targets = recorded.filter((r) => r.type === "aws:efs/mountTarget:MountTarget");
    expect(targets.map((t) => t.inputs.subnetId).sort()).to.deep.equal(["subnet-a", "subnet-b"]);
    const service = one("awsx:ecs:FargateService").inputs as { networkConfiguration: { subnets: string[] } };
    expect(service.networkConfiguration.subnets).to.deep.equal(["subnet-a", "subnet-b", "subnet-c"]);
  });

  it("lets only the task's security group reach the mount targets on NFS", () => {
    const nfs = one("aws:ec2/securityGroup:SecurityGroup", "-outbox-nfs");
    expect(nfs.inputs.ingress).to.deep.equal([
      {
        description: "NFS from the bot",
        protocol: "tcp",
        fromPort: 2049,
        toPort: 2049,
        securityGroups: ["stepcord-bot-task-id"],
      },
    ]);
    const service = one("awsx:ecs:FargateService").inputs as {
      networkConfiguration: { securityGroups: string[] };
    };
    expect(service.networkConfiguration.securityGroups).to.deep.equal(["stepcord-bot-task-id"]);
  });

  it("lets the task role mount the file system only through the outbox's access point", async () => {
    const policy = JSON.parse(one("aws:iam/rolePolicy:RolePolicy", "-task-outbox").inputs.policy as string);
    const fileSystem = "arn:aws:mock:::stepcord-bot-outbox-fs";
    const accessPoint = "arn:aws:mock:::stepcord-bot-outbox-access-point";
    expect(policy).to.deep.equal(outboxMountPolicy(fileSystem, accessPoint));
    const real = outboxMountPolicy(
      "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0123",
      "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0123",
    );
    const fs = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-0123";
    const through = {
      "elasticfilesystem:AccessPointArn":
        "arn:aws:elasticfilesystem:eu-west-1:123456789012:access-point/fsap-0123",
    };
    expect(await identityDecision(real, "elasticfilesystem:ClientWrite", fs, through)).to.equal("Allowed");
    expect(await identityDecision(real, "elasticfilesystem:ClientWrite", fs)).to.equal("ImplicitlyDenied");
    expect(await identityDecision(real, "elasticfilesystem:ClientRootAccess", fs, through)).to.equal(
      "ImplicitlyDenied",
    );
  });

  it("refuses to build the mount policy from anything but ARNs", () => {
    expect(() => outboxMountPolicy("fs-0123", "fsap-0123")).to.throw("needs ARNs");
  });
});
