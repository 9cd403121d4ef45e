import {
  DEFAULT_STAGE,
  EVENTS_ROUTE,
  executeApiArn,
  executeApiHost,
  invokePolicy,
  invokerPolicy,
  ledgerPolicy,
  type PolicyDocument,
  policyDocument,
  SETTINGS_ROUTE,
  serviceTrustPolicy,
  settingsTablePolicy,
  WEBHOOK_ROUTE,
} from "@stepcord/definitions";
import type { LocalServiceRole } from "./service-role.js";

/** The local stack's pretend AWS account; ids follow AWS's shapes so the same builders accept them. */
export const LOCAL_ACCOUNT = "000000000000";
export const LOCAL_PARTITION = "aws";
export const LOCAL_REGION = "us-east-1";
export const LOCAL_EVENTS_API_ID = "localevents";
export const LOCAL_WEBHOOK_API_ID = "localwebhook";
export const LOCAL_STATE_MACHINE_ARN = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:stepcord-notifier`;
export const LOCAL_EVENTS_START_ROLE_ARN = `arn:aws:iam::${LOCAL_ACCOUNT}:role/stepcord-events-start-role`;
export const LOCAL_WORKFLOW_ROLE_ARN = `arn:aws:iam::${LOCAL_ACCOUNT}:role/stepcord-notifier-role`;
/** The settings workflow (issue 15), its role and the events API's role that starts it, named as infra names them. */
export const LOCAL_SETTINGS_STATE_MACHINE_ARN = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:stepcord-settings`;
export const LOCAL_SETTINGS_ROLE_ARN = `arn:aws:iam::${LOCAL_ACCOUNT}:role/stepcord-settings-role`;
export const LOCAL_EVENTS_SETTINGS_ROLE_ARN = `arn:aws:iam::${LOCAL_ACCOUNT}:role/stepcord-events-settings-role`;
/** The workflow's log group, under the `/aws/vendedlogs/states/` prefix NotifierWorkflow uses. */
export const LOCAL_WORKFLOW_LOG_GROUP = "/aws/vendedlogs/states/stepcord-notifier-logs-local";
/** Its ARN as IAM names it (no `:*`); DescribeStateMachine's logging destination adds `:*`. */
export const LOCAL_WORKFLOW_LOG_GROUP_ARN = `arn:aws:logs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:log-group:${LOCAL_WORKFLOW_LOG_GROUP}`;

const scope = {
  partition: LOCAL_PARTITION,
  region: LOCAL_REGION,
  account: LOCAL_ACCOUNT,
  stage: DEFAULT_STAGE,
};
export const LOCAL_EVENTS_ROUTE_ARN = executeApiArn({
  ...scope,
  apiId: LOCAL_EVENTS_API_ID,
  ...EVENTS_ROUTE,
});
export const LOCAL_WEBHOOK_ROUTE_ARN = executeApiArn({
  ...scope,
  apiId: LOCAL_WEBHOOK_API_ID,
  ...WEBHOOK_ROUTE,
});
export const LOCAL_SETTINGS_ROUTE_ARN = executeApiArn({
  ...scope,
  apiId: LOCAL_EVENTS_API_ID,
  ...SETTINGS_ROUTE,
});
export const LOCAL_LEDGER_TABLE = "stepcord-delivery-ledger";
export const LOCAL_SETTINGS_TABLE = "stepcord-settings";
export const LOCAL_SETTINGS_TABLE_ARN = `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${LOCAL_SETTINGS_TABLE}`;
export const LOCAL_LEDGER_TABLE_ARN = `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${LOCAL_LEDGER_TABLE}`;
/** What the state machine's ApiEndpoint names; the local invoke handler maps it to the local webhook API. */
export const LOCAL_WEBHOOK_HOST = executeApiHost({ apiId: LOCAL_WEBHOOK_API_ID, region: LOCAL_REGION });

export interface ServiceRoleTrustOverrides {
  /** Replaces the events API's StartExecution role's trust policy. @default what EventsApi deploys */
  eventsStart?: PolicyDocument;
  /** Replaces the state machine role's trust policy. @default what NotifierWorkflow deploys */
  workflow?: PolicyDocument;
  /** Replaces the trust policy of the events API's role that starts the settings workflow. @default what EventsApi deploys */
  eventsSettings?: PolicyDocument;
  /** Replaces the settings workflow role's trust policy. @default what SettingsWorkflow deploys */
  settings?: PolicyDocument;
}

/**
 * The two roles AWS services assume in the local stack, with the trust policies the Pulumi program deploys (the same
 * builder, the local account and region), unless overridden to show a wrong trust failing as it does on AWS.
 */
export function localServiceRoles(overrides: ServiceRoleTrustOverrides = {}) {
  const scope = { partition: LOCAL_PARTITION, region: LOCAL_REGION, account: LOCAL_ACCOUNT };
  const eventsStart: LocalServiceRole = {
    arn: LOCAL_EVENTS_START_ROLE_ARN,
    trustPolicy:
      overrides.eventsStart ?? serviceTrustPolicy({ service: "apigateway.amazonaws.com", ...scope }),
  };
  const workflow: LocalServiceRole = {
    arn: LOCAL_WORKFLOW_ROLE_ARN,
    trustPolicy: overrides.workflow ?? serviceTrustPolicy({ service: "states.amazonaws.com", ...scope }),
  };
  const eventsSettings: LocalServiceRole = {
    arn: LOCAL_EVENTS_SETTINGS_ROLE_ARN,
    trustPolicy:
      overrides.eventsSettings ?? serviceTrustPolicy({ service: "apigateway.amazonaws.com", ...scope }),
  };
  const settings: LocalServiceRole = {
    arn: LOCAL_SETTINGS_ROLE_ARN,
    trustPolicy: overrides.settings ?? serviceTrustPolicy({ service: "states.amazonaws.com", ...scope }),
  };
  return { eventsStart, workflow, eventsSettings, settings };
}

export interface LocalIdentity {
  /** e.g. `arn:aws:iam::000000000000:user/stepcord-bot`. */
  arn: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  policies: PolicyDocument[];
}

export interface LocalIdentityOverrides {
  /**
   * Replaces the state machine role's policies, e.g. to prove that an invoke policy built the AWS CDK way
   * (`.../undefined/POSTundefined`) is refused by the webhook API as on AWS. Build them with the same builders.
   * @default [invokePolicy([LOCAL_WEBHOOK_ROUTE_ARN]), ledgerPolicy(LOCAL_LEDGER_TABLE_ARN)], what NotifierWorkflow deploys
   */
  workflowRolePolicies?: PolicyDocument[];
  /**
   * A STANDARD stack's bot may also describe the workflow's executions, as BotIdentity grants it (decision 0028).
   * @default "EXPRESS"
   */
  workflowType?: "EXPRESS" | "STANDARD";
}

/**
 * Development credentials, public on purpose: they only open this machine's local stack. Override with
 * STEPCORD_LOCAL_BOT_ACCESS_KEY_ID / STEPCORD_LOCAL_BOT_SECRET_ACCESS_KEY and
 * STEPCORD_LOCAL_OPERATOR_ACCESS_KEY_ID / STEPCORD_LOCAL_OPERATOR_SECRET_ACCESS_KEY.
 */
export function localIdentities(
  env: NodeJS.ProcessEnv = process.env,
  overrides: LocalIdentityOverrides = {},
) {
  const bot: LocalIdentity = {
    arn: `arn:aws:iam::${LOCAL_ACCOUNT}:user/stepcord/stepcord-bot`,
    accessKeyId: env.STEPCORD_LOCAL_BOT_ACCESS_KEY_ID ?? "AKIASTEPCORDLOCALBOT",
    secretAccessKey: env.STEPCORD_LOCAL_BOT_SECRET_ACCESS_KEY ?? "stepcord-local-bot-secret-not-for-aws",
    // The same builder as BotIdentity's managed policy.
    policies: [
      invokerPolicy({
        eventsRouteArn: LOCAL_EVENTS_ROUTE_ARN,
        settingsRouteArn: LOCAL_SETTINGS_ROUTE_ARN,
        ...(overrides.workflowType === "STANDARD" ? { stateMachineArn: LOCAL_STATE_MACHINE_ARN } : {}),
      }),
    ],
  };
  const workflowRole: LocalIdentity = {
    // The session Step Functions gets from assuming LOCAL_WORKFLOW_ROLE_ARN.
    arn: `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/stepcord-notifier-role/local-execution`,
    accessKeyId: "ASIASTEPCORDLOCALSFN",
    secretAccessKey: "stepcord-local-workflow-role-secret",
    // Role credentials carry a session token, as on AWS; the verifier checks it.
    sessionToken: "stepcord-local-session-token+/=",
    // The same builders as NotifierWorkflow's role policies.
    policies: overrides.workflowRolePolicies ?? [
      invokePolicy([LOCAL_WEBHOOK_ROUTE_ARN]),
      ledgerPolicy(LOCAL_LEDGER_TABLE_ARN),
    ],
  };
  const settingsRole: LocalIdentity = {
    // The session Step Functions gets from assuming LOCAL_SETTINGS_ROLE_ARN for the settings workflow.
    arn: `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/stepcord-settings-role/local-execution`,
    accessKeyId: "ASIASTEPCORDLOCALSET",
    secretAccessKey: "stepcord-local-settings-role-secret",
    sessionToken: "stepcord-local-settings-session-token+/=",
    // The same builder as SettingsWorkflow's table policy: its own table, never the ledger.
    policies: [settingsTablePolicy(LOCAL_SETTINGS_TABLE_ARN)],
  };
  const operator: LocalIdentity = {
    arn: `arn:aws:iam::${LOCAL_ACCOUNT}:user/stepcord-operator`,
    accessKeyId: env.STEPCORD_LOCAL_OPERATOR_ACCESS_KEY_ID ?? "AKIASTEPCORDLOCALOPS",
    secretAccessKey: env.STEPCORD_LOCAL_OPERATOR_SECRET_ACCESS_KEY ?? "stepcord-local-operator-secret",
    policies: [
      policyDocument(
        {
          Sid: "ReadAndRunTheWorkflow",
          Effect: "Allow",
          Action: [
            "states:DescribeStateMachine",
            "states:StartExecution",
            "states:ListExecutions",
            "states:DescribeExecution",
            "states:GetExecutionHistory",
          ],
          Resource: [
            LOCAL_STATE_MACHINE_ARN,
            `${LOCAL_STATE_MACHINE_ARN.replace(":stateMachine:", ":execution:")}:*`,
          ],
        },
        // ListStateMachines supports no resource-level permissions (AWS documents Resource "*").
        { Sid: "ListMachines", Effect: "Allow", Action: "states:ListStateMachines", Resource: "*" },
        // Express executions have no DescribeExecution: their results are in the workflow's log group.
        {
          Sid: "ReadTheWorkflowLogs",
          Effect: "Allow",
          Action: "logs:FilterLogEvents",
          Resource: LOCAL_WORKFLOW_LOG_GROUP_ARN,
        },
      ),
    ],
  };
  return { bot, workflowRole, settingsRole, operator };
}
export type LocalIdentities = ReturnType<typeof localIdentities>;
export type LocalServiceRoles = ReturnType<typeof localServiceRoles>;
