import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy, workflowLogDeliveryPolicy } from "@stepcord/definitions";
import type { AccountContext } from "./notifier-workflow.js";

/**
 * The parts every stepcord workflow has, declared as children of the workflow's own component (`parent`) so their
 * names and URNs stay the ones each component declared itself before (`${name}-logs`, `${name}-role`,
 * `${name}-log-delivery`, `${name}-state-machine`; the notifier's are in test/golden/urns-before-settings.json).
 * A ComponentResource of their own would put its type into every child's URN and replace them on upgrade.
 */
export interface WorkflowRoleArgs {
  aws: pulumi.Input<AccountContext>;
  /** The role's description: what the workflow may do. */
  description: string;
  logRetentionDays: number;
  permissionsBoundary?: string | undefined;
}

/** The workflow's execution log group and the role Step Functions assumes for it, in that order. */
export function workflowRoleAndLogs(
  parent: pulumi.Resource,
  name: string,
  args: WorkflowRoleArgs,
): { logs: aws.cloudwatch.LogGroup; role: aws.iam.Role } {
  const context = pulumi.output(args.aws);
  // The /aws/vendedlogs/ prefix keeps CloudWatch's log resource policy small when many state machines log.
  const logs = new aws.cloudwatch.LogGroup(
    `${name}-logs`,
    { namePrefix: `/aws/vendedlogs/states/${name}-`, retentionInDays: args.logRetentionDays },
    { parent },
  );
  const role = new aws.iam.Role(
    `${name}-role`,
    {
      description: args.description,
      ...(args.permissionsBoundary ? { permissionsBoundary: args.permissionsBoundary } : {}),
      // Pinned to this account's state machines in this region: Step Functions sends aws:SourceArn too.
      assumeRolePolicy: context.apply((c) =>
        JSON.stringify(serviceTrustPolicy({ service: "states.amazonaws.com", ...c })),
      ),
    },
    { parent },
  );
  return { logs, role };
}

export interface WorkflowStateMachineArgs {
  role: aws.iam.Role;
  logs: aws.cloudwatch.LogGroup;
  type: pulumi.Input<string>;
  definition: pulumi.Input<string>;
  /** Log states' inputs and outputs (ERROR level either way). */
  logExecutionData: boolean;
  /** The role's other grants the first execution needs, and anything the definition names. */
  dependsOn: pulumi.Resource[];
}

/** The role's grant to deliver the workflow's own logs, then the state machine, which waits for every grant. */
export function workflowStateMachine(
  parent: pulumi.Resource,
  name: string,
  args: WorkflowStateMachineArgs,
): aws.sfn.StateMachine {
  const logDelivery = new aws.iam.RolePolicy(
    `${name}-log-delivery`,
    { role: args.role.id, policy: JSON.stringify(workflowLogDeliveryPolicy()) },
    { parent },
  );
  return new aws.sfn.StateMachine(
    `${name}-state-machine`,
    {
      type: args.type,
      roleArn: args.role.arn,
      definition: args.definition,
      loggingConfiguration: {
        level: "ERROR",
        includeExecutionData: args.logExecutionData,
        logDestination: pulumi.interpolate`${args.logs.arn}:*`,
      },
    },
    // Step Functions checks the role's log permissions when the machine is created (and the first execution needs
    // the data grants in place).
    { parent, dependsOn: [logDelivery, ...args.dependsOn] },
  );
}
