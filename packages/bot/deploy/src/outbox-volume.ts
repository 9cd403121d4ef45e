import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { oneSubnetPerZone } from "./one-subnet-per-zone.js";

export interface OutboxVolumeArgs {
  vpcId: pulumi.Input<string>;
  /** Every subnet the task may run in; the volume looks up their zones and puts one mount target in each zone. */
  subnetIds: pulumi.Input<string[]>;
  /** The security group of the bot's task: the only one let in on NFS. */
  clientSecurityGroupId: pulumi.Input<string>;
  /**
   * One outbox per task when the bot runs as several (a shard range each: the outbox assumes a single writer): an
   * access point per key, at `/outbox-<key>`. Unset: one access point at `/outbox`.
   */
  taskKeys?: string[] | undefined;
}

/** One task's way into the file system: its own directory, as the node user. */
export interface OutboxAccessPoint {
  /** The task's key (`shards-0-3`), or undefined for the single task. */
  key: string | undefined;
  id: pulumi.Output<string>;
  arn: pulumi.Output<string>;
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
  /** The first (or only) access point's id and ARN. */
  readonly accessPointId: pulumi.Output<string>;
  readonly accessPointArn: pulumi.Output<string>;
  /** One per task. */
  readonly accessPoints: OutboxAccessPoint[];
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
    const keys: Array<string | undefined> = args.taskKeys ?? [undefined];
    this.accessPoints = keys.map((key) => {
      const accessPoint = new aws.efs.AccessPoint(
        key === undefined ? `${name}-access-point` : `${name}-access-point-${key}`,
        {
          fileSystemId: fileSystem.id,
          posixUser: { uid: OUTBOX_POSIX_ID, gid: OUTBOX_POSIX_ID },
          rootDirectory: {
            // A top-level directory each: EFS creates an access point's root directory from creationInfo.
            path: key === undefined ? "/outbox" : `/outbox-${key}`,
            creationInfo: { ownerUid: OUTBOX_POSIX_ID, ownerGid: OUTBOX_POSIX_ID, permissions: "750" },
          },
        },
        parent,
      );
      return { key, id: accessPoint.id, arn: accessPoint.arn };
    });
    const [first] = this.accessPoints;
    if (!first) throw new Error("OutboxVolume: taskKeys must name at least one task");
    this.fileSystemId = fileSystem.id;
    this.fileSystemArn = fileSystem.arn;
    this.accessPointId = first.id;
    this.accessPointArn = first.arn;
    this.registerOutputs({ fileSystemId: this.fileSystemId, accessPointId: this.accessPointId });
  }
}
