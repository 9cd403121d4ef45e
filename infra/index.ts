// The stepcord Pulumi program: read and check config, declare the stack, export the contract's outputs.
import { readConfig } from "./src/read-config.js";
import { defineStack } from "./src/stack.js";

const outputs = defineStack(readConfig());

export const eventsEndpoint = outputs.eventsEndpoint;
export const settingsEndpoint = outputs.settingsEndpoint;
export const eventsApiId = outputs.eventsApiId;
export const webhookApiId = outputs.webhookApiId;
export const region = outputs.region;
export const stateMachineArn = outputs.stateMachineArn;
export const deliveryLedgerTable = outputs.deliveryLedgerTable;
export const settingsStateMachineArn = outputs.settingsStateMachineArn;
export const settingsTable = outputs.settingsTable;
export const invokerPolicyArn = outputs.invokerPolicyArn;
export const botAccessKeyId = outputs.botAccessKeyId;
export const botSecretAccessKey = outputs.botSecretAccessKey;
export const dashboardUrl = outputs.dashboardUrl;
export const servers = outputs.servers;
