export interface ZonedSubnet {
  id: string;
  availabilityZone: string;
}

/**
 * The first subnet of each availability zone, in the order given. EFS allows one mount target per zone and file
 * system ("You can create one mount target in each Availability Zone in your VPC... If you have multiple subnets in
 * an Availability Zone, you create a mount target in one of the subnets", EFS API reference, CreateMountTarget); a
 * second one fails with MountTargetConflict. Clients in the zone's other subnets use the same target.
 */
export function oneSubnetPerZone(subnets: readonly ZonedSubnet[]): string[] {
  const byZone = new Map<string, string>();
  for (const subnet of subnets)
    if (!byZone.has(subnet.availabilityZone)) byZone.set(subnet.availabilityZone, subnet.id);
  return [...byZone.values()];
}
