import { LEDGER_ACTIONS, LOG_DELIVERY_ACTIONS } from "@stepcord/definitions";

/** Name of the managed policy every IAM role and user that stepcord's deploys create must carry as its boundary. */
export const PERMISSIONS_BOUNDARY_NAME = "stepcord-permissions-boundary";

export interface AccountScope {
  partition: string;
  accountId: string;
}

/**
 * Pure: the ceiling for every role and user a stepcord deploy creates. A boundary grants nothing; it caps. The deploy
 * role may only create principals that carry it, so even a role it writes itself (with any inline policy and any
 * trust) can do no more than stepcord's runtime needs: invoke execute-api, start the workflow and describe its executions, use its ledger table,
 * deliver the workflow's logs, and (the bot on Fargate) pull its image, write its logs, read its token parameter and mount its outbox.
 */
export function permissionsBoundaryPolicy({ partition, accountId }: AccountScope) {
  const arn = (service: string, rest: string) => `arn:${partition}:${service}:*:${accountId}:${rest}`;
  return {
    Version: "2012-10-17",
    Statement: [
      // `<apiId>/<stage>/<method>/<path>`: one `*` covers it (iam-simulate does not let `*/*` span several slashes).
      {
        Sid: "InvokeStepcordApis",
        Effect: "Allow",
        Action: "execute-api:Invoke",
        Resource: arn("execute-api", "*"),
      },
      {
        // StartSyncExecution: the events API runs an EXPRESS workflow synchronously (StepFunctions-StartSyncExecution).
        Sid: "StartStepcordWorkflows",
        Effect: "Allow",
        Action: ["states:StartExecution", "states:StartSyncExecution"],
        Resource: arn("states", "stateMachine:stepcord-*"),
      },
      {
        // A STANDARD stack's bot reads each execution's outcome (decision 0028); its own policy names one machine.
        Sid: "DescribeStepcordExecutions",
        Effect: "Allow",
        Action: "states:DescribeExecution",
        Resource: arn("states", "execution:stepcord-*"),
      },
      {
        // The workflow's delivery ledger; its role's own policy narrows this to one table.
        Sid: "WorkflowLedger",
        Effect: "Allow",
        Action: [...LEDGER_ACTIONS],
        Resource: arn("dynamodb", "table/stepcord-*"),
      },
      {
        // Step Functions log delivery has no resource-level permissions (docs/decisions/0012).
        Sid: "WorkflowLogDelivery",
        Effect: "Allow",
        Action: [...LOG_DELIVERY_ACTIONS],
        Resource: "*",
      },
      {
        Sid: "BotTaskLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: arn("logs", "log-group:*"),
      },
      { Sid: "BotImagePullAuth", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      {
        Sid: "BotImagePull",
        Effect: "Allow",
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
        Resource: arn("ecr", "repository/stepcord-*"),
      },
      {
        // The bot's outbox on EFS; the task role's own policy narrows it to one file system and access point.
        Sid: "BotOutboxMount",
        Effect: "Allow",
        Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
        Resource: arn("elasticfilesystem", "file-system/*"),
      },
      {
        Sid: "BotToken",
        Effect: "Allow",
        Action: ["ssm:GetParameters", "ssm:GetParameter"],
        Resource: arn("ssm", "parameter/*"),
      },
      {
        Sid: "BotTokenDecrypt",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { StringLike: { "kms:ViaService": "ssm.*.amazonaws.com" } },
      },
    ],
  };
}
