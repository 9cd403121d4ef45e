import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { oneSubnetPerZone } from "./one-subnet-per-zone.js";

export interface OutboxVolumeArgs {
  vpcId: pulumi.Input<string>;
  /** Every subnet the task may run in; the volume looks up their zones and puts one mount target in each zone. */
  subnetIds: pulumi.Input<string[]>;
  /** The security group of the bot's task: the only one let in on NFS. */
  clientSecurityGroupId: pulumi.Input<string>;
}

/** The node user of the official node image, which the bot's container runs as. */
export const OUTBOX_POSIX_ID = 1000;
/** Where the container mounts the outbox (the Dockerfile's STEPCORD_OUTBOX_DIR). */
export const OUTBOX_CONTAINER_PATH = "/data/outbox";

/**
 * The bot's durable outbox on EFS. On Fargate a crashed or replaced task takes its ephemeral disk with it, so batches
 * queued during an events-API outage would be lost with the task; on EFS the next task finds them and sends them
 * (their batch ids make a resend detectable). Encrypted at rest, mounted over TLS through an access point that pins
 * the directory and the POSIX user, reachable on NFS only from the bot's security group, with one mount target in
 * each zone of the task's subnets.
 */
export class OutboxVolume extends pulumi.ComponentResource {
  readonly fileSystemId: pulumi.Output<string>;
  readonly fileSystemArn: pulumi.Output<string>;
  readonly accessPointId: pulumi.Output<string>;
  readonly accessPointArn: pulumi.Output<string>;
  /** Resolves when a mount target exists in every zone of the task's subnets; the service must wait for it. */
  readonly mountTargets: pulumi.Output<aws.efs.MountTarget[]>;

  constructor(name: string, args: OutboxVolumeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:bot:OutboxVolume", name, {}, opts);
    const parent = { parent: this };
    const fileSystem = new aws.efs.FileSystem(
      `${name}-fs`,
      { encrypted: true, throughputMode: "elastic", tags: { Name: `${name}-outbox` } },
      parent,
    );
    const nfs = new aws.ec2.SecurityGroup(
      `${name}-nfs`,
      {
        vpcId: args.vpcId,
        description: "stepcord bot outbox: NFS from the bot's tasks only",
        ingress: [
          {
            description: "NFS from the bot",
            protocol: "tcp",
            fromPort: 2049,
            toPort: 2049,
            securityGroups: [args.clientSecurityGroupId],
          },
        ],
      },
      parent,
    );
    // One mount target per zone the task may land in (EFS allows no more). The zones are only known once the VPC is
    // read, so the targets are declared inside apply (a preview lists them once the VPC exists).
    const zoned = pulumi
      .output(args.subnetIds)
      .apply((ids) => pulumi.all(ids.map((id) => aws.ec2.getSubnetOutput({ id }, { parent: this }))));
    this.mountTargets = zoned.apply((subnets) =>
      oneSubnetPerZone(subnets).map(
        (subnetId, index) =>
          new aws.efs.MountTarget(
            `${name}-mount-${index}`,
            { fileSystemId: fileSystem.id, subnetId, securityGroups: [nfs.id] },
            parent,
          ),
      ),
    );
    const accessPoint = new aws.efs.AccessPoint(
      `${name}-access-point`,
      {
        fileSystemId: fileSystem.id,
        posixUser: { uid: OUTBOX_POSIX_ID, gid: OUTBOX_POSIX_ID },
        rootDirectory: {
          path: "/outbox",
          creationInfo: { ownerUid: OUTBOX_POSIX_ID, ownerGid: OUTBOX_POSIX_ID, permissions: "750" },
        },
      },
      parent,
    );
    this.fileSystemId = fileSystem.id;
    this.fileSystemArn = fileSystem.arn;
    this.accessPointId = accessPoint.id;
    this.accessPointArn = accessPoint.arn;
    this.registerOutputs({ fileSystemId: this.fileSystemId, accessPointId: this.accessPointId });
  }
}
