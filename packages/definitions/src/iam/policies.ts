import { LEDGER_ACTIONS } from "../asl/delivery-ledger.js";
import { SETTINGS_TABLE_ACTIONS } from "../settings/settings-table.js";
import { type PolicyDocument, policyDocument } from "./policy-document.js";
import { type AccountScope, SERVICE_ASSUME_ROLE, type TrustedService } from "./service-assume-role.js";

/**
 * A role's trust policy for one AWS service, conditioned on exactly the keys that service sends when it assumes a
 * role (see `SERVICE_ASSUME_ROLE`), so another account's state machine cannot borrow the role (confused deputy) and
 * the service's own calls are never refused for a key it does not send:
 * - `aws:SourceAccount` = this account, for services that send it;
 * - `aws:SourceArn` like this account's and region's resources of the service, where the table gives a pattern
 *   (Step Functions: `arn:…:states:<region>:<account>:stateMachine:*`); `partition` and `region` are then required;
 * - no condition at all for API Gateway, which sends neither key for an integration's credentials role
 *   (docs/decisions/0014-service-trust-model.md says what protects that role instead).
 */
export function serviceTrustPolicy(args: {
  service: TrustedService;
  account: string;
  partition?: string;
  region?: string;
}): PolicyDocument {
  const facts = SERVICE_ASSUME_ROLE[args.service];
  const condition: Record<string, Record<string, string>> = {};
  if (facts.sends.includes("aws:SourceAccount"))
    condition.StringEquals = { "aws:SourceAccount": args.account };
  if (facts.sends.includes("aws:SourceArn") && facts.sourceArnPattern !== undefined) {
    if (args.partition === undefined || args.region === undefined) {
      throw new TypeError(
        `serviceTrustPolicy(${args.service}) needs partition and region to pin aws:SourceArn to this account's resources.`,
      );
    }
    const scope: AccountScope = { partition: args.partition, region: args.region, account: args.account };
    condition.ArnLike = { "aws:SourceArn": facts.sourceArnPattern(scope) };
  }
  return policyDocument({
    Effect: "Allow",
    Principal: { Service: args.service },
    Action: "sts:AssumeRole",
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  });
}

/**
 * An SNS topic policy letting AWS services of this account publish (CloudWatch alarms, AWS Budgets); a topic
 * policy replaces SNS's default one, so the account itself keeps its rights through the owner statement.
 */
export function topicPublishPolicy(args: {
  topicArn: string;
  services: string[];
  account: string;
  partition: string;
}): PolicyDocument {
  return policyDocument(
    {
      Sid: "OwnerManages",
      Effect: "Allow",
      Principal: { AWS: `arn:${args.partition}:iam::${args.account}:root` },
      Action: [
        "SNS:GetTopicAttributes",
        "SNS:SetTopicAttributes",
        "SNS:Subscribe",
        "SNS:Publish",
        "SNS:ListSubscriptionsByTopic",
      ],
      Resource: args.topicArn,
    },
    {
      Sid: "ServicesPublish",
      Effect: "Allow",
      Principal: { Service: args.services },
      Action: "SNS:Publish",
      Resource: args.topicArn,
      Condition: { StringEquals: { "aws:SourceAccount": args.account } },
    },
  );
}

/** May call exactly these API routes (each an ARN from `executeApiArn`). */
export function invokePolicy(routeArns: readonly string[]): PolicyDocument {
  if (routeArns.length === 0) throw new TypeError("invokePolicy needs at least one route ARN.");
  return policyDocument({
    Sid: "InvokeRoutes",
    Effect: "Allow",
    Action: "execute-api:Invoke",
    Resource: [...routeArns],
  });
}

/** May start executions of exactly one state machine. */
export function startExecutionPolicy(stateMachineArn: string): PolicyDocument {
  return policyDocument({
    Sid: "StartWorkflow",
    Effect: "Allow",
    Action: "states:StartExecution",
    Resource: stateMachineArn,
  });
}

/**
 * May start synchronous (EXPRESS) executions of exactly one state machine: what API Gateway's
 * StepFunctions-StartSyncExecution integration calls. StartSyncExecution is its own IAM action.
 */
export function startSyncExecutionPolicy(stateMachineArn: string): PolicyDocument {
  return policyDocument({
    Sid: "StartWorkflowSync",
    Effect: "Allow",
    Action: "states:StartSyncExecution",
    Resource: stateMachineArn,
  });
}

const STATE_MACHINE_ARN =
  /^arn:(aws[a-z-]*):states:([a-z0-9-]+):(\d{12}):stateMachine:([A-Za-z0-9_-]{1,80})$/;

/**
 * The ARN pattern of one state machine's executions, `arn:…:states:<region>:<account>:execution:<name>:*` (the
 * `execution` resource type of the Service Authorization Reference for AWS Step Functions).
 */
export function executionsArnPattern(stateMachineArn: string): string {
  const match = STATE_MACHINE_ARN.exec(stateMachineArn);
  if (!match) {
    throw new TypeError(
      `Invalid stateMachineArn ${JSON.stringify(stateMachineArn)}. Must be a state machine ARN ` +
        "arn:<partition>:states:<region>:<account>:stateMachine:<name> (no wildcard), e.g. NotifierWorkflow's output.",
    );
  }
  const [, partition, region, account, name] = match as unknown as [string, string, string, string, string];
  return `arn:${partition}:states:${region}:${account}:execution:${name}:*`;
}

/**
 * May describe the executions of exactly one state machine: how the bot learns a STANDARD execution's outcome after
 * the events API answered only `{executionArn}` (decision 0028). Not its history, not other machines' executions.
 */
export function describeExecutionsPolicy(stateMachineArn: string): PolicyDocument {
  return policyDocument({
    Sid: "DescribeWorkflowExecutions",
    Effect: "Allow",
    Action: "states:DescribeExecution",
    Resource: executionsArnPattern(stateMachineArn),
  });
}

/**
 * The bot's policy: POST the events route and, with issue 15's settings workflow, the settings route; on a STANDARD
 * stack (`stateMachineArn` given) also describe that state machine's executions. An EXPRESS stack answers with the
 * outcome, so its bot needs nothing more. The settings route is always synchronous (EXPRESS): nothing to describe.
 */
export function invokerPolicy(args: {
  eventsRouteArn: string;
  settingsRouteArn?: string;
  stateMachineArn?: string;
}): PolicyDocument {
  const statements = [
    ...invokePolicy([
      args.eventsRouteArn,
      ...(args.settingsRouteArn === undefined ? [] : [args.settingsRouteArn]),
    ]).Statement,
    ...(args.stateMachineArn === undefined ? [] : describeExecutionsPolicy(args.stateMachineArn).Statement),
  ];
  return policyDocument(...statements);
}

const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/;

function checkTableArn(tableArn: string): void {
  if (!TABLE_ARN.test(tableArn)) {
    throw new TypeError(
      `Invalid tableArn ${JSON.stringify(tableArn)}. Must be a DynamoDB table ARN ` +
        "arn:<partition>:dynamodb:<region>:<account>:table/<name> (no index, no wildcard).",
    );
  }
}

/**
 * The settings workflow's reads and conditional writes on the settings table, and nothing else in DynamoDB: no
 * DeleteItem (a change is an UpdateItem; interaction records leave by TTL), no Scan, never the delivery ledger.
 */
export function settingsTablePolicy(tableArn: string): PolicyDocument {
  checkTableArn(tableArn);
  return policyDocument({
    Sid: "ServerSettings",
    Effect: "Allow",
    Action: [...SETTINGS_TABLE_ACTIONS],
    Resource: tableArn,
  });
}

/** The workflow's reads and conditional writes on the delivery ledger table, and nothing else in DynamoDB. */
export function ledgerPolicy(tableArn: string): PolicyDocument {
  checkTableArn(tableArn);
  return policyDocument({
    Sid: "DeliveryLedger",
    Effect: "Allow",
    Action: [...LEDGER_ACTIONS],
    Resource: tableArn,
  });
}

/**
 * The permissions Step Functions needs to deliver its logs to CloudWatch Logs, as AWS documents them
 * (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html). These `logs:*Delivery*` actions
 * support no resource-level permissions, so `Resource: "*"` is the only form AWS accepts; see
 * docs/decisions/0012-log-delivery-wildcard.md.
 */
export const LOG_DELIVERY_ACTIONS = [
  "logs:CreateLogDelivery",
  "logs:GetLogDelivery",
  "logs:UpdateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:DescribeResourcePolicies",
  "logs:DescribeLogGroups",
] as const;

export function workflowLogDeliveryPolicy(): PolicyDocument {
  return policyDocument({
    Sid: "DeliverWorkflowLogs",
    Effect: "Allow",
    Action: [...LOG_DELIVERY_ACTIONS],
    Resource: "*",
  });
}

/** Actions for which `Resource: "*"` is the only form AWS accepts, so a wildcard there is not a finding. */
export const ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS: ReadonlySet<string> = new Set(LOG_DELIVERY_ACTIONS);

export interface WildcardFinding {
  statementIndex: number;
  reason: string;
}

/**
 * Lists Allow statements that grant too broadly: `Action` `*` or `service:*`, or `Resource` `*` for an action
 * that does support resource-level permissions.
 */
export function findWildcardAllows(document: PolicyDocument): WildcardFinding[] {
  const findings: WildcardFinding[] = [];
  document.Statement.forEach((statement, statementIndex) => {
    if (statement.Effect !== "Allow") return;
    const actions = toArray(statement.Action);
    const resources = toArray(statement.Resource);
    for (const action of actions) {
      if (action === "*" || action.endsWith(":*")) {
        findings.push({ statementIndex, reason: `Action "${action}" allows every action` });
      }
    }
    if (resources.includes("*")) {
      const scoped = actions.filter((action) => !ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS.has(action));
      if (scoped.length > 0 && statement.Principal === undefined) {
        findings.push({
          statementIndex,
          reason: `Resource "*" for ${scoped.join(", ")}, which support resource-level permissions`,
        });
      }
    }
  });
  return findings;
}

function toArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
