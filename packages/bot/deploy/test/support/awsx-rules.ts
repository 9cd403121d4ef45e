/**
 * What awsx's FargateService and FargateTaskDefinition refuse before they declare anything, transcribed from
 * pulumi/pulumi-awsx at e60adf3 (2026-08-20; the same checks since v3.0.0, we run 3.9.0). Under Pulumi mocks awsx
 * is a remote component whose code never runs, so a FargateService that `pulumi up` would reject is accepted by the
 * mocks; the stack tests hold the recorded inputs to these rules instead. Each rule names its file and lines.
 */

export interface AwsxFargateArgs {
  taskDefinition?: unknown;
  taskDefinitionArgs?: {
    container?: unknown;
    containers?: unknown;
    taskRole?: { roleArn?: unknown; args?: unknown; skip?: unknown };
    executionRole?: { roleArn?: unknown; args?: unknown; skip?: unknown };
    logGroup?: { existing?: unknown; args?: unknown; skip?: unknown };
  };
  networkConfiguration?: unknown;
  assignPublicIp?: unknown;
  capacityProviderStrategies?: unknown;
  useClusterDefaultCapacityProviderStrategy?: unknown;
}

/** The error messages awsx would throw for these args, in the order it checks them; empty if it accepts them. */
export function awsxFargateServiceErrors(args: AwsxFargateArgs): string[] {
  const errors: string[] = [];
  const present = (value: unknown) => value !== undefined;
  // awsx/ecs/fargateService.ts:41-43
  if (present(args.taskDefinition) && present(args.taskDefinitionArgs))
    errors.push("Only one of `taskDefinition` or `taskDefinitionArgs` can be provided.");
  // awsx/ecs/fargateService.ts:44-46
  if (present(args.networkConfiguration) && present(args.assignPublicIp))
    errors.push("Only one of `networkConfiguration` or `assignPublicIp` can be provided.");
  // awsx/ecs/fargateService.ts:56-58
  if (!present(args.taskDefinition) && !present(args.taskDefinitionArgs))
    errors.push("Either `taskDefinition` or `taskDefinitionArgs` must be provided.");
  // awsx/ecs/fargateService.ts:60-64 (a truthiness check there, so a false flag passes)
  if (args.capacityProviderStrategies && args.useClusterDefaultCapacityProviderStrategy)
    errors.push(
      "Only one of `capacityProviderStrategies` or `useClusterDefaultCapacityProviderStrategy` can be provided.",
    );
  const task = args.taskDefinitionArgs;
  if (task !== undefined) {
    // awsx/ecs/containers.ts:26-40 (normalizeTaskDefinitionContainers)
    if (present(task.container) === present(task.containers))
      errors.push("Exactly one of [container] or [containers] must be provided");
    // awsx/role.ts:74-76 (defaultRoleWithPolicies, for both taskRole and executionRole)
    for (const role of [task.taskRole, task.executionRole])
      if (present(role?.roleArn) && present(role?.args))
        errors.push("Can't define role args if specified an existing role ARN");
    // awsx/cloudwatch/logGroup.ts:66-68 (requiredLogGroup)
    if (present(task.logGroup?.existing) && present(task.logGroup?.args))
      errors.push("Can't define log group args if specifying an existing log group name");
  }
  return errors;
}
