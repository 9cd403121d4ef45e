/**
 * Thrown when the default VPC has no subnet that gives instances a public IP (awsx's DefaultVpc counts a subnet as
 * public when `mapPublicIpOnLaunch` is set, awsx/ec2/getDefaultVpc.ts). The bot dials out through its public IP
 * (no NAT gateway), and EFS would get no mount target; AWS would refuse the service with a less helpful message.
 */
export class NoPublicSubnetError extends Error {
  override readonly name = "NoPublicSubnetError";
  readonly code = "STEPCORD_NO_PUBLIC_SUBNET";

  constructor() {
    super(
      "The default VPC has no public subnet (none maps public IPs on launch), so the bot's task could reach neither " +
        "Discord nor the events API. Enable it on a default subnet: `aws ec2 modify-subnet-attribute --subnet-id " +
        "<id> --map-public-ip-on-launch`, or recreate the default subnets with `aws ec2 create-default-subnet`.",
    );
  }
}

/** The subnet ids unchanged, or a NoPublicSubnetError when there are none. */
export function requirePublicSubnets(subnetIds: readonly string[]): string[] {
  if (subnetIds.length === 0) throw new NoPublicSubnetError();
  return [...subnetIds];
}
