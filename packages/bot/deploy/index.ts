// The stepcord-bot Pulumi program: read the infra stack's outputs, run the bot on Fargate.
import { fileURLToPath } from "node:url";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BotService } from "./src/bot-service.js";
import { botDeploySettings, ssmParameterArn } from "./src/settings.js";

const config = new pulumi.Config("stepcord-bot");
const settings = botDeploySettings(
  {
    infraStack: config.get("infraStack"),
    discordTokenParameter: config.get("discordTokenParameter"),
    cpu: config.getNumber("cpu"),
    memory: config.getNumber("memory"),
    permissionsBoundaryArn: config.get("permissionsBoundaryArn"),
  },
  pulumi.getStack(),
);
const infra = new pulumi.StackReference("stepcord-infra", { name: settings.infraStack });
const identity = aws.getCallerIdentityOutput();
const partition = aws.getPartitionOutput();
const region = infra.requireOutput("region") as pulumi.Output<string>;
const tokenParameterArn = pulumi
  .all([partition.partition, region, identity.accountId])
  .apply(([p, r, account]) =>
    ssmParameterArn({ partition: p, region: r, account, name: settings.discordTokenParameter }),
  );

const bot = new BotService("stepcord-bot", {
  eventsEndpoint: infra.requireOutput("eventsEndpoint") as pulumi.Output<string>,
  invokerPolicyArn: infra.requireOutput("invokerPolicyArn") as pulumi.Output<string>,
  region,
  account: identity.accountId,
  tokenParameterArn,
  contextPath: fileURLToPath(new URL("../../..", import.meta.url)),
  cpu: settings.cpu,
  memory: settings.memory,
  permissionsBoundary: settings.permissionsBoundaryArn,
});

export const serviceName = bot.serviceName;
export const taskRoleArn = bot.taskRoleArn;
export const infraStack = settings.infraStack;
