import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, serviceTrustPolicy } from "@stepcord/definitions";
import { outboxMountPolicy } from "./outbox-mount-policy.js";
import { OUTBOX_CONTAINER_PATH, OutboxVolume } from "./outbox-volume.js";

export interface BotServiceArgs {
  eventsEndpoint: pulumi.Input<string>;
  invokerPolicyArn: pulumi.Input<string>;
  region: pulumi.Input<string>;
  account: pulumi.Input<string>;
  tokenParameterArn: pulumi.Input<string>;
  /** Repository root: the image is built with packages/bot/deploy/Dockerfile from there. */
  contextPath: string;
  cpu: number;
  memory: number;
  /** A permissions boundary for both roles (the GitHub bootstrap's output; required with its deploy role). */
  permissionsBoundary?: string | undefined;
}

const HEALTH_PORT = 8080;

/**
 * The bot on ECS Fargate: one task (a Discord bot must not run twice per shard), a task role with only the invoke
 * policy (no access keys), the token from SSM as a container secret, never a plain environment value, and the
 * outbox on EFS so that a replaced task finds what its predecessor could not send.
 */
export class BotService extends pulumi.ComponentResource {
  readonly serviceName: pulumi.Output<string>;
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
    const account = pulumi.output(args.account);
    const taskRole = new aws.iam.Role(
      `${name}-task-role`,
      {
        description: "stepcord bot task: may POST /events on the events API, nothing else",
        ...(args.permissionsBoundary ? { permissionsBoundary: args.permissionsBoundary } : {}),
        assumeRolePolicy: account.apply((a) =>
          JSON.stringify(serviceTrustPolicy({ service: "ecs-tasks.amazonaws.com", account: a })),
        ),
      },
      parent,
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-task-invoke`,
      { role: taskRole.name, policyArn: args.invokerPolicyArn },
      parent,
    );
    const executionRole = new aws.iam.Role(
      `${name}-execution-role`,
      {
        description: "stepcord bot task execution: pull the image, write logs, read the token parameter",
        ...(args.permissionsBoundary ? { permissionsBoundary: args.permissionsBoundary } : {}),
        assumeRolePolicy: account.apply((a) =>
          JSON.stringify(serviceTrustPolicy({ service: "ecs-tasks.amazonaws.com", account: a })),
        ),
      },
      parent,
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-execution-managed`,
      {
        role: executionRole.name,
        policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
      },
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
    const outbox = new OutboxVolume(
      `${name}-outbox`,
      { vpcId: vpc.vpcId, subnetIds: vpc.publicSubnetIds, clientSecurityGroupId: taskSecurityGroup.id },
      parent,
    );
    new aws.iam.RolePolicy(
      `${name}-task-outbox`,
      {
        role: taskRole.id,
        policy: pulumi
          .all([outbox.fileSystemArn, outbox.accessPointArn])
          .apply(([fileSystemArn, accessPointArn]) =>
            JSON.stringify(outboxMountPolicy(fileSystemArn, accessPointArn)),
          ),
      },
      parent,
    );
    const service = new awsx.ecs.FargateService(
      `${name}-service`,
      {
        desiredCount: 1,
        // Replace, never overlap: two bots on one token would both post every event.
        deploymentMinimumHealthyPercent: 0,
        deploymentMaximumPercent: 100,
        // The bot only dials out (Discord, the events API); a public IP avoids a NAT gateway's hourly cost.
        assignPublicIp: true,
        networkConfiguration: {
          subnets: vpc.publicSubnetIds,
          assignPublicIp: true,
          securityGroups: [taskSecurityGroup.id],
        },
        taskDefinitionArgs: {
          volumes: [
            {
              name: "outbox",
              efsVolumeConfiguration: {
                fileSystemId: outbox.fileSystemId,
                transitEncryption: "ENABLED",
                authorizationConfig: { accessPointId: outbox.accessPointId, iam: "ENABLED" },
              },
            },
          ],
          cpu: String(args.cpu),
          memory: String(args.memory),
          taskRole: { roleArn: taskRole.arn },
          executionRole: { roleArn: executionRole.arn },
          container: {
            name: "bot",
            image: image.imageUri,
            essential: true,
            environment: [
              { name: "EVENTS_ENDPOINT", value: args.eventsEndpoint },
              { name: "AWS_REGION", value: args.region },
              { name: "HEALTH_PORT", value: String(HEALTH_PORT) },
            ],
            secrets: [{ name: "DISCORD_TOKEN", valueFrom: args.tokenParameterArn }],
            mountPoints: [{ sourceVolume: "outbox", containerPath: OUTBOX_CONTAINER_PATH, readOnly: false }],
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
      },
      { ...parent, dependsOn: outbox.mountTargets },
    );
    this.serviceName = service.service.name;
    this.taskRoleArn = taskRole.arn;
    this.registerOutputs({ serviceName: this.serviceName });
  }
}
