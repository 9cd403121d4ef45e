import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { invokerPolicy } from "@stepcord/definitions";
import type { InvokerMode } from "../config.js";

export interface BotIdentityArgs {
  /** The events route ARN, `.../<eventsApiId>/$default/POST/events`. */
  eventsRouteArn: pulumi.Input<string>;
  /** The settings route ARN, `.../<eventsApiId>/$default/POST/settings` (issue 15); left out: not granted. */
  settingsRouteArn?: pulumi.Input<string | undefined> | undefined;
  /**
   * A STANDARD workflow's state machine: its events API answers only `{executionArn}`, so the bot may describe this
   * machine's executions to learn each batch's outcome (decision 0028). Left out for EXPRESS, whose answer carries it.
   */
  stateMachineArn?: pulumi.Input<string> | undefined;
  mode: InvokerMode;
  attachToUsers: string[];
  attachToRoles: string[];
  /** ARN of a permissions boundary for the roles/users this component creates (the GitHub bootstrap makes one). */
  permissionsBoundary?: string | undefined;
}

/**
 * Who may call the events API: one managed policy for exactly `POST /events` (and, on a STANDARD stack,
 * `states:DescribeExecution` on the workflow's executions), attached to a dedicated bot user
 * with an access key (default), to existing users and roles, or to nothing.
 */
export class BotIdentity extends pulumi.ComponentResource {
  readonly policyArn: pulumi.Output<string>;
  readonly accessKeyId: pulumi.Output<string | undefined>;
  /** Secret; only set in `user` mode. */
  readonly secretAccessKey: pulumi.Output<string | undefined>;

  constructor(name: string, args: BotIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:identity:BotIdentity", name, {}, opts);
    const policy = new aws.iam.Policy(
      `${name}-invoke-events`,
      {
        description: `stepcord: may POST /events${args.settingsRouteArn ? " and /settings" : ""} on the events API${
          args.stateMachineArn ? " and describe the workflow's executions" : ""
        }, nothing else`,
        policy: pulumi
          .all([args.eventsRouteArn, args.settingsRouteArn, args.stateMachineArn])
          .apply(([eventsRouteArn, settingsRouteArn, stateMachineArn]) =>
            JSON.stringify(
              invokerPolicy({
                eventsRouteArn,
                ...(settingsRouteArn ? { settingsRouteArn } : {}),
                ...(stateMachineArn ? { stateMachineArn } : {}),
              }),
            ),
          ),
      },
      { parent: this },
    );
    this.policyArn = policy.arn;
    this.accessKeyId = pulumi.output(undefined);
    this.secretAccessKey = pulumi.output(undefined);

    if (args.mode === "user") {
      const user = new aws.iam.User(
        `${name}-user`,
        {
          path: "/stepcord/",
          ...(args.permissionsBoundary ? { permissionsBoundary: args.permissionsBoundary } : {}),
        },
        { parent: this },
      );
      new aws.iam.UserPolicyAttachment(
        `${name}-user-invoke`,
        { user: user.name, policyArn: policy.arn },
        { parent: this },
      );
      const key = new aws.iam.AccessKey(`${name}-key`, { user: user.name }, { parent: this });
      this.accessKeyId = key.id;
      this.secretAccessKey = pulumi.secret(key.secret);
    }
    if (args.mode === "attach") {
      for (const user of args.attachToUsers) {
        new aws.iam.UserPolicyAttachment(
          `${name}-attach-user-${user}`,
          { user, policyArn: policy.arn },
          { parent: this },
        );
      }
      for (const role of args.attachToRoles) {
        new aws.iam.RolePolicyAttachment(
          `${name}-attach-role-${role}`,
          { role, policyArn: policy.arn },
          { parent: this },
        );
      }
    }
    this.registerOutputs({ policyArn: this.policyArn, accessKeyId: this.accessKeyId });
  }
}
