// The stepcord-bot Pulumi program: read and check config, declare the stack, export its outputs.
import { readBotConfig } from "./src/read-config.js";
import { defineBotStack } from "./src/stack.js";

const outputs = defineBotStack(readBotConfig());

export const serviceName = outputs.serviceName;
export const serviceNames = outputs.serviceNames;
export const clusterName = outputs.clusterName;
export const taskRoleArn = outputs.taskRoleArn;
export const infraStack = outputs.infraStack;
