import * as pulumi from "@pulumi/pulumi";
import { identityDecision } from "@stepcord/definitions/testing";
import { expect } from "chai";
import { BotService } from "../src/bot-service.js";
import { outboxMountPolicy } from "../src/outbox-mount-policy.js";
import {
  INFRA_OUTPUTS,
  MOCK_ACCOUNT,
  MOCK_REGION,
  type RecordedResource,
  recordDeclared,
} from "./harness/program.js";
import { awsxFargateServiceErrors } from "./support/awsx-rules.js";

interface Container {
  environment: { name: string; value: string }[];
}
interface TaskDefinition {
  container: Container;
  volumes: { efsVolumeConfiguration: { authorizationConfig: { accessPointId: string } } }[];
}

/** The bot's stack with `stepcord-bot:shards` = {count: 4, tasks: 2}, as BotService declares it under the mocks. */
describe("the bot's stack with 4 shards over 2 tasks", () => {
  let recorded: RecordedResource[] = [];
  const services = () => recorded.filter((r) => r.type === "awsx:ecs:FargateService");
  const taskDefinition = (service: RecordedResource) => service.inputs.taskDefinitionArgs as TaskDefinition;

  before(async () => {
    recorded = await recordDeclared(() => {
      const bot = new BotService("sharded", {
        eventsEndpoint: INFRA_OUTPUTS.eventsEndpoint,
        invokerPolicyArn: INFRA_OUTPUTS.invokerPolicyArn,
        region: MOCK_REGION,
        partition: "aws",
        account: MOCK_ACCOUNT,
        tokenParameterArn: `arn:aws:ssm:${MOCK_REGION}:${MOCK_ACCOUNT}:parameter/stepcord/dev/discord-token`,
        contextPath: "/repo",
        cpu: 256,
        memory: 512,
        containerInsights: "disabled",
        logRetentionDays: 30,
        shards: { count: 4, tasks: 2 },
      });
      return pulumi.all([bot.serviceNames, bot.taskRoleArn]);
    });
  });

  it("declares one ECS service per shard range, each accepted by awsx and running one task", () => {
    expect(services().map((s) => s.name)).to.deep.equal([
      "sharded-service-shards-0-1",
      "sharded-service-shards-2-3",
    ]);
    for (const service of services()) {
      expect(awsxFargateServiceErrors(service.inputs), service.name).to.deep.equal([]);
      expect(service.inputs).to.include({ desiredCount: 1, deploymentMaximumPercent: 100 });
    }
  });

  it("gives each service SHARD_COUNT 4 and its own SHARD_IDS", () => {
    const shardEnv = (s: RecordedResource) =>
      taskDefinition(s).container.environment.filter((e) => e.name.startsWith("SHARD_"));
    expect(services().map(shardEnv)).to.deep.equal([
      [
        { name: "SHARD_COUNT", value: "4" },
        { name: "SHARD_IDS", value: "0-1" },
      ],
      [
        { name: "SHARD_COUNT", value: "4" },
        { name: "SHARD_IDS", value: "2-3" },
      ],
    ]);
  });

  it("mounts each task's outbox through its own access point, in its own directory", () => {
    const points = recorded.filter((r) => r.type === "aws:efs/accessPoint:AccessPoint");
    expect(points.map((p) => (p.inputs.rootDirectory as { path: string }).path)).to.deep.equal([
      "/outbox-shards-0-1",
      "/outbox-shards-2-3",
    ]);
    expect(
      services().map(
        (s) => taskDefinition(s).volumes[0]?.efsVolumeConfiguration.authorizationConfig.accessPointId,
      ),
    ).to.deep.equal(points.map((p) => `${p.name}-id`));
    expect(recorded.filter((r) => r.type === "aws:efs/fileSystem:FileSystem")).to.have.length(1);
  });

  it("lets the task role mount through either task's access point and nowhere else on the file system", async () => {
    const policy = JSON.parse(
      recorded.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name.endsWith("-task-outbox"))
        ?.inputs.policy as string,
    );
    const keys = ["shards-0-1", "shards-2-3"];
    expect(policy).to.deep.equal(
      outboxMountPolicy(
        "arn:aws:mock:::sharded-outbox-fs",
        keys.map((key) => `arn:aws:mock:::sharded-outbox-access-point-${key}`),
      ),
    );
    // The same policy on real ARNs, through the IAM simulator.
    const arn = (resource: string) => `arn:aws:elasticfilesystem:eu-west-1:123456789012:${resource}`;
    const fs = arn("file-system/fs-0123");
    const real = outboxMountPolicy(fs, [arn("access-point/fsap-0001"), arn("access-point/fsap-0002")]);
    for (const ap of ["fsap-0001", "fsap-0002"])
      expect(
        await identityDecision(real, "elasticfilesystem:ClientWrite", fs, {
          "elasticfilesystem:AccessPointArn": arn(`access-point/${ap}`),
        }),
        ap,
      ).to.equal("Allowed");
    expect(
      await identityDecision(real, "elasticfilesystem:ClientWrite", fs, {
        "elasticfilesystem:AccessPointArn": arn("access-point/fsap-other"),
      }),
    ).to.equal("ImplicitlyDenied");
    expect(await identityDecision(real, "elasticfilesystem:ClientWrite", fs)).to.equal("ImplicitlyDenied");
  });
});
