import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_STAGE,
  executeApiArn,
  invokePolicy,
  ledgerPolicy,
  notifierDefinition,
  serviceTrustPolicy,
  WEBHOOK_ROUTE,
  workflowLogDeliveryPolicy,
} from "@stepcord/definitions";
import type { WorkflowType } from "../config.js";

export interface AccountContext {
  partition: string;
  region: string;
  account: string;
}

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
    // The /aws/vendedlogs/ prefix keeps CloudWatch's log resource policy small when many state machines log.
    const logs = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { namePrefix: `/aws/vendedlogs/states/${name}-`, retentionInDays: args.logRetentionDays },
      { parent: this },
    );
    const role = new aws.iam.Role(
      `${name}-role`,
      {
        description:
          "stepcord notifier: may POST / on the webhook API, use its ledger table, deliver its own logs",
        ...(args.permissionsBoundary ? { permissionsBoundary: args.permissionsBoundary } : {}),
        // Pinned to this account's state machines in this region: Step Functions sends aws:SourceArn too.
        assumeRolePolicy: context.apply((c) =>
          JSON.stringify(serviceTrustPolicy({ service: "states.amazonaws.com", ...c })),
        ),
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      `${name}-invoke-webhook`,
      {
        role: role.id,
        policy: pulumi
          .all([context, args.webhookApiId])
          .apply(([c, apiId]) =>
            JSON.stringify(
              invokePolicy([executeApiArn({ ...c, apiId, stage: DEFAULT_STAGE, ...WEBHOOK_ROUTE })]),
            ),
          ),
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
    const logDelivery = new aws.iam.RolePolicy(
      `${name}-log-delivery`,
      { role: role.id, policy: JSON.stringify(workflowLogDeliveryPolicy()) },
      { parent: this },
    );
    const machine = new aws.sfn.StateMachine(
      `${name}-state-machine`,
      {
        type: args.workflowType,
        roleArn: role.arn,
        definition: pulumi
          .all([args.webhookApiHost, args.ledgerTableName])
          .apply(([webhookApiHost, ledgerTableName]) =>
            JSON.stringify(
              notifierDefinition({ webhookApiHost, ledgerTableName, workflowType: args.workflowType }),
            ),
          ),
        loggingConfiguration: {
          level: "ERROR",
          includeExecutionData: args.logExecutionData,
          logDestination: pulumi.interpolate`${logs.arn}:*`,
        },
      },
      // Step Functions checks the role's log permissions when the machine is created.
      // (and the first execution needs the ledger's grant in place).
      { parent: this, dependsOn: [logDelivery, ledger] },
    );
    this.stateMachineArn = machine.arn;
    this.stateMachineName = machine.name;
    this.roleArn = role.arn;
    this.logGroupName = logs.name;
    this.registerOutputs({ stateMachineArn: this.stateMachineArn });
  }
}
