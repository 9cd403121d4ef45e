import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  checkRoleInlinePolicySize,
  DEFAULT_STAGE,
  type Destination,
  destinationRoute,
  EVERY_SERVER_DESTINATION_ID,
  executeApiArn,
  invokePolicy,
  ledgerPolicy,
  notifierDefinition,
  workflowLogDeliveryPolicy,
} from "@stepcord/definitions";
import type { WorkflowType } from "../config.js";
import { workflowRoleAndLogs, workflowStateMachine } from "./workflow-role-and-logs.js";

export interface AccountContext {
  partition: string;
  region: string;
  account: string;
}

/** What the workflow knows of a destination: never its webhook URL. */
export type WorkflowDestination = Pick<Destination, "id" | "guildId" | "voiceChannelId">;

/** A stack with only `discordWebhookUrl`: every server's notices to the one webhook, on today's route. */
const EVERY_SERVER_ONLY: readonly WorkflowDestination[] = [
  { id: EVERY_SERVER_DESTINATION_ID, guildId: undefined, voiceChannelId: undefined },
];

export interface NotifierWorkflowArgs {
  aws: pulumi.Input<AccountContext>;
  webhookApiId: pulumi.Input<string>;
  webhookApiHost: pulumi.Input<string>;
  ledgerTableName: pulumi.Input<string>;
  ledgerTableArn: pulumi.Input<string>;
  workflowType: WorkflowType;
  logRetentionDays: number;
  /** Log inputs and outputs of states. Off by default: they carry member ids and session lengths. */
  logExecutionData: boolean;
  /** ARN of a permissions boundary for the roles/users this component creates (the GitHub bootstrap makes one). */
  permissionsBoundary?: string | undefined;
  /**
   * The destinations' public data (`destinationTable` without webhooks): the role may invoke exactly their routes
   * (`destinationRoute`), and the workflow picks one by a batch's guild and voice channel.
   * @default the every-server destination only
   */
  destinations?: readonly WorkflowDestination[] | undefined;
  /**
   * The webhook API's routes (WebhookProxy.routes). The state machine waits for them, so a definition naming a new
   * route never runs before the route exists: API Gateway's 404 for a missing route would read as Discord's
   * "Unknown Webhook" and open the circuit.
   */
  webhookRoutes?: pulumi.Resource[] | undefined;
}

/** The state machine that turns a batch of voice events into one Discord message, with its role and logs. */
export class NotifierWorkflow extends pulumi.ComponentResource {
  readonly stateMachineArn: pulumi.Output<string>;
  readonly stateMachineName: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;
  /** Its ERROR-level execution log, which Monitoring reads for parked batches. */
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: NotifierWorkflowArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:workflow:NotifierWorkflow", name, {}, opts);
    const context = pulumi.output(args.aws);
    const { logs, role } = workflowRoleAndLogs(this, name, {
      aws: args.aws,
      description:
        "stepcord notifier: may POST / on the webhook API, use its ledger table, deliver its own logs",
      logRetentionDays: args.logRetentionDays,
      permissionsBoundary: args.permissionsBoundary,
    });
    const destinations = args.destinations ?? EVERY_SERVER_ONLY;
    const invokeWebhook = new aws.iam.RolePolicy(
      `${name}-invoke-webhook`,
      {
        role: role.id,
        policy: pulumi
          .all([context, args.webhookApiId, args.ledgerTableArn])
          .apply(([c, apiId, tableArn]) => {
            const invoke = invokePolicy(
              destinations.map((d) =>
                executeApiArn({ ...c, apiId, stage: DEFAULT_STAGE, ...destinationRoute(d.id) }),
              ),
            );
            // One more route ARN per destination: refuse in the preview what PutRolePolicy would refuse mid-deploy.
            checkRoleInlinePolicySize(`${name}-role`, [
              invoke,
              ledgerPolicy(tableArn),
              workflowLogDeliveryPolicy(),
            ]);
            return JSON.stringify(invoke);
          }),
      },
      { parent: this },
    );
    const ledger = new aws.iam.RolePolicy(
      `${name}-ledger`,
      {
        role: role.id,
        policy: pulumi.output(args.ledgerTableArn).apply((arn) => JSON.stringify(ledgerPolicy(arn))),
      },
      { parent: this },
    );
    const machine = workflowStateMachine(this, name, {
      role,
      logs,
      type: args.workflowType,
      definition: pulumi
        .all([args.webhookApiHost, args.ledgerTableName])
        .apply(([webhookApiHost, ledgerTableName]) =>
          JSON.stringify(
            notifierDefinition({
              webhookApiHost,
              ledgerTableName,
              workflowType: args.workflowType,
              // Only the every-server webhook: today's single route and definition, so an existing stack upgrades
              // with no change to its state machine (decision 0029).
              ...(routesByServer(destinations) ? { destinations } : {}),
            }),
          ),
        ),
      logExecutionData: args.logExecutionData,
      // A definition naming a route needs the route and the grant to invoke it.
      dependsOn: [ledger, invokeWebhook, ...(args.webhookRoutes ?? [])],
    });
    this.stateMachineArn = machine.arn;
    this.stateMachineName = machine.name;
    this.roleArn = role.arn;
    this.logGroupName = logs.name;
    this.registerOutputs({ stateMachineArn: this.stateMachineArn });
  }
}

/** Whether any destination serves a particular server, so the workflow must choose a route per batch. */
function routesByServer(destinations: readonly WorkflowDestination[]): boolean {
  return destinations.some((d) => d.guildId !== undefined);
}
