import { type PolicyDocument, policyDocument } from "@stepcord/definitions";

/**
 * What the bot's task role needs on its outbox file system: mount it read-write, and only through the outbox's
 * access point (which pins the POSIX user and the directory), never as root or elsewhere on the file system.
 */
export function outboxMountPolicy(fileSystemArn: string, accessPointArn: string | string[]): PolicyDocument {
  const accessPoints = typeof accessPointArn === "string" ? [accessPointArn] : accessPointArn;
  if (
    !fileSystemArn.startsWith("arn:") ||
    accessPoints.length === 0 ||
    !accessPoints.every((a) => a.startsWith("arn:"))
  ) {
    throw new Error(
      `outboxMountPolicy needs ARNs, got "${fileSystemArn}" and "${accessPoints.join(", ")}": pass the file system's and the access points' arn outputs.`,
    );
  }
  return policyDocument({
    Sid: "MountOutboxThroughItsAccessPoint",
    Effect: "Allow",
    Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
    Resource: fileSystemArn,
    // One access point is a string, as before; several are any of them (StringEquals matches any value in a list).
    Condition: {
      StringEquals: {
        "elasticfilesystem:AccessPointArn": accessPoints.length === 1 ? accessPointArn : accessPoints,
      },
    },
  });
}
