import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_STAGE,
  EVENTS_ROUTE,
  executeApiArn,
  executeApiUrl,
  SETTINGS_ROUTE,
  serviceTrustPolicy,
  startExecutionIntegration,
  startExecutionPolicy,
  startSyncExecutionPolicy,
} from "@stepcord/definitions";
import type { WorkflowType } from "../config.js";
import { iamHttpApi, iamRoute, type Throttling } from "./iam-http-api.js";
import type { AccountContext } from "./notifier-workflow.js";

export interface EventsApiArgs {
  aws: pulumi.Input<AccountContext>;
  stateMachineArn: pulumi.Input<string>;
  /** EXPRESS is started synchronously (the bot gets the outcome), STANDARD asynchronously. */
  workflowType: WorkflowType;
  throttling: Throttling;
  logRetentionDays: number;
  /** ARN of a permissions boundary for the roles/users this component creates (the GitHub bootstrap makes one). */
  permissionsBoundary?: string | undefined;
  /**
   * The settings workflow (issue 15): `POST /settings` starts it synchronously, through its own integration and its
   * own role, which may start that state machine only. Left out: no settings route.
   */
  settingsStateMachineArn?: pulumi.Input<string> | undefined;
}

/** The outer, IAM-protected API the bot POSTs batches to; each request starts one workflow execution. */
export class EventsApi extends pulumi.ComponentResource {
  readonly apiId: pulumi.Output<string>;
  /** The full https URL the bot POSTs to, ending in `/events`. */
  readonly endpoint: pulumi.Output<string>;
  /** `arn:...:<apiId>/$default/POST/events`, what the bot's policy grants. */
  readonly routeArn: pulumi.Output<string>;
  /** The https URL the bot POSTs a `SettingsCall` to, ending in `/settings`; undefined without the settings route. */
  readonly settingsEndpoint: pulumi.Output<string | undefined>;
  /** `arn:...:<apiId>/$default/POST/settings`; undefined without the settings route. */
  readonly settingsRouteArn: pulumi.Output<string | undefined>;

  constructor(name: string, args: EventsApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:events:EventsApi", name, {}, opts);
    const context = pulumi.output(args.aws);
    const { api } = iamHttpApi(
      name,
      {
        description: "stepcord: the bot's IAM-protected way to start the notifier workflow",
        throttling: args.throttling,
        logRetentionDays: args.logRetentionDays,
      },
      this,
    );
    const role = new aws.iam.Role(
      `${name}-start-role`,
      {
        description: "stepcord events API: may start the notifier workflow, nothing else",
        ...(args.permissionsBoundary ? { permissionsBoundary: args.permissionsBoundary } : {}),
        // No source condition: API Gateway sends neither aws:SourceAccount nor aws:SourceArn when it assumes an
        // integration's credentials role, so one would refuse every POST /events (decision 0014).
        assumeRolePolicy: context.apply((c) =>
          JSON.stringify(serviceTrustPolicy({ service: "apigateway.amazonaws.com", ...c })),
        ),
      },
      { parent: this },
    );
    const start = new aws.iam.RolePolicy(
      `${name}-start-workflow`,
      {
        role: role.id,
        policy: pulumi
          .output(args.stateMachineArn)
          .apply((arn) =>
            JSON.stringify(
              args.workflowType === "EXPRESS" ? startSyncExecutionPolicy(arn) : startExecutionPolicy(arn),
            ),
          ),
      },
      { parent: this },
    );
    const settings = pulumi
      .all([args.stateMachineArn, role.arn])
      .apply(([stateMachineArn, credentialsArn]) =>
        startExecutionIntegration({ stateMachineArn, credentialsArn, workflowType: args.workflowType }),
      );
    const integration = new aws.apigatewayv2.Integration(
      `${name}-start-execution`,
      {
        apiId: api.id,
        integrationType: "AWS_PROXY",
        integrationSubtype:
          args.workflowType === "EXPRESS"
            ? "StepFunctions-StartSyncExecution"
            : "StepFunctions-StartExecution",
        credentialsArn: role.arn,
        payloadFormatVersion: "1.0",
        requestParameters: settings.requestParameters,
        timeoutMilliseconds: settings.timeoutMilliseconds,
      },
      { parent: this, dependsOn: [start] },
    );
    iamRoute(name, { api, route: EVENTS_ROUTE, integration }, this);
    if (args.settingsStateMachineArn !== undefined) {
      this.settingsRoute(name, api, context, args.settingsStateMachineArn, args.permissionsBoundary);
    }
    this.apiId = api.id;
    this.endpoint = pulumi
      .all([api.id, context])
      .apply(([apiId, c]) => executeApiUrl({ apiId, region: c.region, path: EVENTS_ROUTE.path }));
    this.routeArn = pulumi
      .all([api.id, context])
      .apply(([apiId, c]) => executeApiArn({ ...c, apiId, stage: DEFAULT_STAGE, ...EVENTS_ROUTE }));
    this.settingsEndpoint = pulumi
      .all([api.id, context])
      .apply(([apiId, c]) =>
        args.settingsStateMachineArn === undefined
          ? undefined
          : executeApiUrl({ apiId, region: c.region, path: SETTINGS_ROUTE.path }),
      );
    this.settingsRouteArn = pulumi
      .all([api.id, context])
      .apply(([apiId, c]) =>
        args.settingsStateMachineArn === undefined
          ? undefined
          : executeApiArn({ ...c, apiId, stage: DEFAULT_STAGE, ...SETTINGS_ROUTE }),
      );
    this.registerOutputs({
      apiId: this.apiId,
      endpoint: this.endpoint,
      settingsEndpoint: this.settingsEndpoint,
    });
  }

  /** `POST /settings` → StartSyncExecution of the settings workflow, with a role that may start only that machine. */
  private settingsRoute(
    name: string,
    api: aws.apigatewayv2.Api,
    context: pulumi.Output<AccountContext>,
    stateMachineArn: pulumi.Input<string>,
    permissionsBoundary: string | undefined,
  ): void {
    const role = new aws.iam.Role(
      `${name}-settings-role`,
      {
        description: "stepcord events API: may start the settings workflow, nothing else",
        ...(permissionsBoundary ? { permissionsBoundary } : {}),
        // As the start role: API Gateway sends no source keys for an integration's credentials role (decision 0014).
        assumeRolePolicy: context.apply((c) =>
          JSON.stringify(serviceTrustPolicy({ service: "apigateway.amazonaws.com", ...c })),
        ),
      },
      { parent: this },
    );
    const start = new aws.iam.RolePolicy(
      `${name}-start-settings`,
      {
        role: role.id,
        policy: pulumi.output(stateMachineArn).apply((arn) => JSON.stringify(startSyncExecutionPolicy(arn))),
      },
      { parent: this },
    );
    const settings = pulumi
      .all([stateMachineArn, role.arn])
      .apply(([arn, credentialsArn]) =>
        startExecutionIntegration({ stateMachineArn: arn, credentialsArn, workflowType: "EXPRESS" }),
      );
    const integration = new aws.apigatewayv2.Integration(
      `${name}-settings-integration`,
      {
        apiId: api.id,
        integrationType: "AWS_PROXY",
        integrationSubtype: "StepFunctions-StartSyncExecution",
        credentialsArn: role.arn,
        payloadFormatVersion: "1.0",
        requestParameters: settings.requestParameters,
        timeoutMilliseconds: settings.timeoutMilliseconds,
      },
      { parent: this, dependsOn: [start] },
    );
    iamRoute(name, { api, route: SETTINGS_ROUTE, integration, resourceName: `${name}-settings-route` }, this);
  }
}
