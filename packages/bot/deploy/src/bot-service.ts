import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import {
  ECS_TASKS_SERVICE,
  ecsExecutionRoleTrustPolicy,
  ecsTaskExecutionPolicyArn,
  policyDocument,
  serviceTrustPolicy,
} from "@stepcord/definitions";
import type { ContainerInsights } from "./config.js";
import { botFargateServiceArgs } from "./fargate-service-args.js";
import { requirePublicSubnets } from "./no-public-subnet-error.js";
import { outboxMountPolicy } from "./outbox-mount-policy.js";
import { OutboxVolume } from "./outbox-volume.js";
import { ONE_SHARD, type ShardPlan, shardRanges } from "./shard-ranges.js";

export interface BotServiceArgs {
  eventsEndpoint: pulumi.Input<string>;
  invokerPolicyArn: pulumi.Input<string>;
  region: pulumi.Input<string>;
  partition: pulumi.Input<string>;
  account: pulumi.Input<string>;
  tokenParameterArn: pulumi.Input<string>;
  /** Repository root: the image is built with packages/bot/deploy/Dockerfile from there. */
  contextPath: string;
  cpu: number;
  memory: number;
  containerInsights: ContainerInsights;
  logRetentionDays: number;
  /** A permissions boundary for both roles (the GitHub bootstrap's output; required with its deploy role). */
  permissionsBoundary?: string | undefined;
  /** The shards and the tasks running them: one ECS service per shard range. @default one shard, one task */
  shards?: ShardPlan | undefined;
}

/**
 * The bot on ECS Fargate: its own cluster, one task per shard range (a Discord bot must not run twice per shard), a
 * task role with only the invoke policy (no access keys), the token from SSM as a container secret, never a plain
 * environment value, and the outbox on EFS so that a replaced task finds what its predecessor could not send. With
 * several tasks, each is its own ECS service with SHARD_COUNT and SHARD_IDS and its own outbox directory.
 */
export class BotService extends pulumi.ComponentResource {
  /** The first (or only) service's name. */
  readonly serviceName: pulumi.Output<string>;
  /** One service per shard range, in shard order. */
  readonly serviceNames: pulumi.Output<string[]>;
  readonly clusterName: pulumi.Output<string>;
  readonly taskRoleArn: pulumi.Output<string>;

  constructor(name: string, args: BotServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:bot:BotService", name, {}, opts);
    const parent = { parent: this };
    const repository = new awsx.ecr.Repository(`${name}-repository`, { forceDelete: true }, parent);
    const image = new awsx.ecr.Image(
      `${name}-image`,
      {
        repositoryUrl: repository.url,
        context: args.contextPath,
        dockerfile: `${args.contextPath}/packages/bot/deploy/Dockerfile`,
        platform: "linux/amd64",
      },
      parent,
    );
    // The ECS pair, both under the boundary: the task role trusts ecs-tasks from this account only (ECS sends
    // aws:SourceAccount for it); the execution role has AWS's documented, unconditioned trust (ecsExecutionRoleTrustPolicy).
    const ecsTaskRole = (role: string, description: string, trust: pulumi.Input<string>) =>
      new aws.iam.Role(
        `${name}-${role}`,
        {
          description,
          ...(args.permissionsBoundary ? { permissionsBoundary: args.permissionsBoundary } : {}),
          assumeRolePolicy: trust,
        },
        parent,
      );
    const taskRole = ecsTaskRole(
      "task-role",
      "stepcord bot task: may POST /events on the events API, nothing else",
      pulumi
        .output(args.account)
        .apply((account) => JSON.stringify(serviceTrustPolicy({ service: ECS_TASKS_SERVICE, account }))),
    );
    const executionRole = ecsTaskRole(
      "execution-role",
      "stepcord bot task execution: pull the image, write logs, read the token parameter",
      JSON.stringify(ecsExecutionRoleTrustPolicy()),
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-task-invoke`,
      { role: taskRole.name, policyArn: args.invokerPolicyArn },
      parent,
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-execution-managed`,
      { role: executionRole.name, policyArn: pulumi.output(args.partition).apply(ecsTaskExecutionPolicyArn) },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-execution-token`,
      {
        role: executionRole.id,
        policy: pulumi.output(args.tokenParameterArn).apply((arn) =>
          JSON.stringify(
            policyDocument({
              Sid: "ReadBotToken",
              Effect: "Allow",
              Action: "ssm:GetParameters",
              Resource: arn,
            }),
          ),
        ),
      },
      parent,
    );
    const vpc = new awsx.ec2.DefaultVpc(`${name}-vpc`, {}, parent);
    const subnetIds = vpc.publicSubnetIds.apply(requirePublicSubnets);
    const taskSecurityGroup = new aws.ec2.SecurityGroup(
      `${name}-task`,
      {
        vpcId: vpc.vpcId,
        description: "stepcord bot task: outbound only (Discord, the events API, EFS)",
        egress: [
          { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] },
        ],
      },
      parent,
    );
    const ranges = shardRanges(args.shards ?? ONE_SHARD);
    const several = ranges.length > 1;
    const outbox = new OutboxVolume(
      `${name}-outbox`,
      {
        vpcId: vpc.vpcId,
        subnetIds,
        clientSecurityGroupId: taskSecurityGroup.id,
        ...(several ? { taskKeys: ranges.map((r) => r.key) } : {}),
      },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-task-outbox`,
      {
        role: taskRole.id,
        policy: pulumi
          .all([outbox.fileSystemArn, pulumi.all(outbox.accessPoints.map((a) => a.arn))])
          .apply(([fileSystemArn, accessPointArns]) =>
            JSON.stringify(
              outboxMountPolicy(fileSystemArn, several ? accessPointArns : (accessPointArns[0] ?? "")),
            ),
          ),
      },
      parent,
    );
    const cluster = new aws.ecs.Cluster(
      `${name}-cluster`,
      { settings: [{ name: "containerInsights", value: args.containerInsights }] },
      parent,
    );
    const services = ranges.map((range, index) => {
      const accessPoint = outbox.accessPoints[index];
      if (!accessPoint) throw new Error(`BotService: no outbox access point for ${range.key}`);
      return new awsx.ecs.FargateService(
        several ? `${name}-service-${range.key}` : `${name}-service`,
        botFargateServiceArgs({
          clusterArn: cluster.arn,
          subnetIds,
          securityGroupId: taskSecurityGroup.id,
          image: image.imageUri,
          cpu: args.cpu,
          memory: args.memory,
          taskRoleArn: taskRole.arn,
          executionRoleArn: executionRole.arn,
          eventsEndpoint: args.eventsEndpoint,
          region: args.region,
          tokenParameterArn: args.tokenParameterArn,
          outbox: { fileSystemId: outbox.fileSystemId, accessPointId: accessPoint.id },
          shardEnvironment: range.environment,
          logRetentionDays: args.logRetentionDays,
        }),
        { ...parent, dependsOn: outbox.mountTargets },
      );
    });
    const [first] = services;
    if (!first) throw new Error("BotService: no shard range to run");
    this.serviceName = first.service.name;
    this.serviceNames = pulumi.all(services.map((s) => s.service.name));
    this.clusterName = cluster.name;
    this.taskRoleArn = taskRole.arn;
    this.registerOutputs({ serviceName: this.serviceName, clusterName: this.clusterName });
  }
}
