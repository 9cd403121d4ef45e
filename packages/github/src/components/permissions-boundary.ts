import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PERMISSIONS_BOUNDARY_NAME, permissionsBoundaryPolicy } from "../permissions-boundary.js";

/** The managed policy that caps every role and user stepcord's deploys create (see permissions-boundary.ts). */
export class StepcordPermissionsBoundary extends pulumi.ComponentResource {
  readonly arn: pulumi.Output<string>;

  constructor(
    name: string,
    args: { partition: pulumi.Input<string>; accountId: pulumi.Input<string> },
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("stepcord:github:PermissionsBoundary", name, {}, opts);
    const policy = new aws.iam.Policy(
      `${name}-policy`,
      {
        // A fixed name, so stacks can name the boundary before this program ran (`permissionsBoundaryArn`).
        name: PERMISSIONS_BOUNDARY_NAME,
        description: "stepcord: the ceiling for every role and user stepcord deploys create",
        policy: pulumi
          .all([args.partition, args.accountId])
          .apply(([partition, accountId]) =>
            JSON.stringify(permissionsBoundaryPolicy({ partition, accountId })),
          ),
      },
      { parent: this },
    );
    this.arn = policy.arn;
    this.registerOutputs({ arn: this.arn });
  }
}
