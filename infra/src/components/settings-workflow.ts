import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { settingsDefinition, settingsTablePolicy } from "@stepcord/definitions";
import type { AccountContext } from "./notifier-workflow.js";
import { workflowRoleAndLogs, workflowStateMachine } from "./workflow-role-and-logs.js";

export interface SettingsWorkflowArgs {
  aws: pulumi.Input<AccountContext>;
  settingsTableName: pulumi.Input<string>;
  settingsTableArn: pulumi.Input<string>;
  logRetentionDays: number;
  /** Log states' inputs and outputs: they carry member ids and permissions, never a token. Off by default. */
  logExecutionData: boolean;
  /** ARN of a permissions boundary for the role this component creates (the GitHub bootstrap makes one). */
  permissionsBoundary?: string | undefined;
}

/**
 * The EXPRESS state machine behind `POST /settings`: checks a `/stepcord` call, re-checks the member's authority and
 * reads or writes the server's settings (settings-definition.ts), with its role and logs. Always EXPRESS, whatever
 * the notifier's type: the bot waits for its answer to edit its deferred reply (decision 0019).
 */
export class SettingsWorkflow extends pulumi.ComponentResource {
  readonly stateMachineArn: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;
  readonly logGroupName: pulumi.Output<string>;

  constructor(name: string, args: SettingsWorkflowArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:workflow:SettingsWorkflow", name, {}, opts);
    const { logs, role } = workflowRoleAndLogs(this, name, {
      aws: args.aws,
      description: "stepcord settings: may read and write items of its settings table, deliver its own logs",
      logRetentionDays: args.logRetentionDays,
      permissionsBoundary: args.permissionsBoundary,
    });
    const table = new aws.iam.RolePolicy(
      `${name}-table`,
      {
        role: role.id,
        policy: pulumi.output(args.settingsTableArn).apply((arn) => JSON.stringify(settingsTablePolicy(arn))),
      },
      { parent: this },
    );
    const machine = workflowStateMachine(this, name, {
      role,
      logs,
      type: "EXPRESS",
      definition: pulumi
        .output(args.settingsTableName)
        .apply((settingsTableName) => JSON.stringify(settingsDefinition({ settingsTableName }))),
      logExecutionData: args.logExecutionData,
      dependsOn: [table],
    });
    this.stateMachineArn = machine.arn;
    this.roleArn = role.arn;
    this.logGroupName = logs.name;
    this.registerOutputs({ stateMachineArn: this.stateMachineArn });
  }
}
