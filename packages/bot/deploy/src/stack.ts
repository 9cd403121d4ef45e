import { fileURLToPath } from "node:url";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ssmParameterArn } from "@stepcord/definitions";
import { BotService } from "./bot-service.js";
import type { BotSettings } from "./config.js";
import { sharedRegion } from "./region-mismatch-error.js";

/**
 * Declares the bot's side: read the infra stack's outputs, refuse a second region, run the bot on Fargate. Returns
 * the outputs whose names index.ts exports.
 */
export function defineBotStack(settings: BotSettings) {
  const infra = new pulumi.StackReference("stepcord-infra", { name: settings.infraStack });
  const identity = aws.getCallerIdentityOutput();
  const partition = aws.getPartitionOutput().partition;
  const region = infra.requireOutput("region").apply((infraRegion) =>
    sharedRegion({
      botRegion: settings.region,
      infraRegion: String(infraRegion),
      infraStack: settings.infraStack,
    }),
  );
  const tokenParameterArn = pulumi
    .all([partition, region, identity.accountId])
    .apply(([p, r, account]) =>
      ssmParameterArn({ partition: p, region: r, account, name: settings.discordTokenParameter }),
    );

  const bot = new BotService("stepcord-bot", {
    eventsEndpoint: infra.requireOutput("eventsEndpoint") as pulumi.Output<string>,
    invokerPolicyArn: infra.requireOutput("invokerPolicyArn") as pulumi.Output<string>,
    region,
    partition,
    account: identity.accountId,
    tokenParameterArn,
    contextPath: fileURLToPath(new URL("../../../..", import.meta.url)),
    cpu: settings.cpu,
    memory: settings.memory,
    containerInsights: settings.containerInsights,
    logRetentionDays: settings.logRetentionDays,
    permissionsBoundary: settings.permissionsBoundaryArn,
    shards: settings.shards,
  });

  return {
    serviceName: bot.serviceName,
    serviceNames: bot.serviceNames,
    clusterName: bot.clusterName,
    taskRoleArn: bot.taskRoleArn,
    infraStack: settings.infraStack,
  };
}
