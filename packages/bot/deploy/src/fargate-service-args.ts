import type * as awsx from "@pulumi/awsx";
import type * as pulumi from "@pulumi/pulumi";
import { OUTBOX_CONTAINER_PATH } from "./outbox-volume.js";

export const HEALTH_PORT = 8080;
const OUTBOX_VOLUME = "outbox";

export interface BotFargateServiceInputs {
  clusterArn: pulumi.Input<string>;
  subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  securityGroupId: pulumi.Input<string>;
  image: pulumi.Input<string>;
  cpu: number;
  memory: number;
  taskRoleArn: pulumi.Input<string>;
  executionRoleArn: pulumi.Input<string>;
  eventsEndpoint: pulumi.Input<string>;
  region: pulumi.Input<string>;
  tokenParameterArn: pulumi.Input<string>;
  outbox: { fileSystemId: pulumi.Input<string>; accessPointId: pulumi.Input<string> };
  /** SHARD_COUNT and SHARD_IDS of this task's shard range (packages/bot/deploy/src/shard-ranges.ts); none for one shard. */
  shardEnvironment?: { name: string; value: string }[] | undefined;
  logRetentionDays: number;
}

/**
 * The awsx FargateService's args for the bot, built apart from the component so tests can hold them to awsx's own
 * checks (test/support/awsx-rules.ts), which mocks never run. Choices awsx would otherwise make for us:
 * - `networkConfiguration` only, never the top-level `assignPublicIp` (awsx/ecs/fargateService.ts:44-46 refuses
 *   both). Without ours, awsx would make a security group open to all inbound traffic (fargateService.ts:102-124)
 *   and the outbox's NFS rule, which admits only our task's group, would shut the task out.
 * - `cluster`: ours. Without one ECS uses the account's `default` cluster, which an account that only ever ran
 *   Fargate does not have.
 * - `logGroup.args.retentionInDays`: awsx creates the task's log group with no retention (logs kept forever,
 *   awsx/cloudwatch/logGroup.ts:82-84 with empty defaults from ecs/fargateTaskDefinition.ts:61).
 * - `taskRole`/`executionRole` by ARN, so awsx creates no roles of its own (awsx/role.ts:80-82).
 */
export function botFargateServiceArgs(inputs: BotFargateServiceInputs): awsx.ecs.FargateServiceArgs {
  return {
    cluster: inputs.clusterArn,
    desiredCount: 1,
    // Replace, never overlap: two bots on one token would both post every event.
    deploymentMinimumHealthyPercent: 0,
    deploymentMaximumPercent: 100,
    // The bot only dials out (Discord, the events API); a public IP avoids a NAT gateway's hourly cost.
    networkConfiguration: {
      subnets: inputs.subnetIds,
      assignPublicIp: true,
      securityGroups: [inputs.securityGroupId],
    },
    taskDefinitionArgs: {
      logGroup: { args: { retentionInDays: inputs.logRetentionDays } },
      volumes: [
        {
          name: OUTBOX_VOLUME,
          efsVolumeConfiguration: {
            fileSystemId: inputs.outbox.fileSystemId,
            transitEncryption: "ENABLED",
            authorizationConfig: { accessPointId: inputs.outbox.accessPointId, iam: "ENABLED" },
          },
        },
      ],
      cpu: String(inputs.cpu),
      memory: String(inputs.memory),
      taskRole: { roleArn: inputs.taskRoleArn },
      executionRole: { roleArn: inputs.executionRoleArn },
      container: {
        name: "bot",
        image: inputs.image,
        essential: true,
        environment: [
          { name: "EVENTS_ENDPOINT", value: inputs.eventsEndpoint },
          { name: "AWS_REGION", value: inputs.region },
          { name: "HEALTH_PORT", value: String(HEALTH_PORT) },
          ...(inputs.shardEnvironment ?? []),
        ],
        secrets: [{ name: "DISCORD_TOKEN", valueFrom: inputs.tokenParameterArn }],
        mountPoints: [{ sourceVolume: OUTBOX_VOLUME, containerPath: OUTBOX_CONTAINER_PATH, readOnly: false }],
        healthCheck: {
          command: [
            "CMD",
            "node",
            "-e",
            `fetch('http://127.0.0.1:${HEALTH_PORT}/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
          ],
          interval: 30,
          retries: 3,
          startPeriod: 30,
        },
      },
    },
  };
}
