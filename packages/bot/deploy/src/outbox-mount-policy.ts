import { type PolicyDocument, policyDocument } from "@stepcord/definitions";

/**
 * What the bot's task role needs on its outbox file system: mount it read-write, and only through the outbox's
 * access point (which pins the POSIX user and the directory), never as root or elsewhere on the file system.
 */
export function outboxMountPolicy(fileSystemArn: string, accessPointArn: string): PolicyDocument {
  if (!fileSystemArn.startsWith("arn:") || !accessPointArn.startsWith("arn:")) {
    throw new Error(
      `outboxMountPolicy needs ARNs, got "${fileSystemArn}" and "${accessPointArn}": pass the file system's and the access point's arn outputs.`,
    );
  }
  return policyDocument({
    Sid: "MountOutboxThroughItsAccessPoint",
    Effect: "Allow",
    Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
    Resource: fileSystemArn,
    Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": accessPointArn } },
  });
}
