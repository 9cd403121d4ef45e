import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_STAGE, type Route, routeKey } from "@stepcord/definitions";
import { ACCESS_LOG_FORMAT } from "../access-log-format.js";

export interface Throttling {
  ratePerSecond: number;
  burst: number;
}

export interface IamHttpApiArgs {
  description: string;
  throttling: Throttling;
  logRetentionDays: number;
}

/**
 * An HTTP API with its `$default` stage (auto-deployed, throttled, access-logged). Routes are added by the caller
 * and are always `AWS_IAM`; a helper rather than a component because it is one part of each API's concern.
 */
export function iamHttpApi(name: string, args: IamHttpApiArgs, parent: pulumi.Resource) {
  const api = new aws.apigatewayv2.Api(
    `${name}-api`,
    { protocolType: "HTTP", description: args.description },
    { parent },
  );
  const accessLogs = new aws.cloudwatch.LogGroup(
    `${name}-access-logs`,
    { retentionInDays: args.logRetentionDays },
    { parent },
  );
  const stage = new aws.apigatewayv2.Stage(
    `${name}-stage`,
    {
      apiId: api.id,
      name: DEFAULT_STAGE,
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: args.throttling.ratePerSecond,
        throttlingBurstLimit: args.throttling.burst,
        detailedMetricsEnabled: false,
      },
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
    },
    { parent },
  );
  return { api, accessLogs, stage };
}

/**
 * A route of an IAM-protected API, sending it to its integration: `AWS_IAM` always, so a caller without a SigV4
 * signature allowed by `execute-api:Invoke` on that route's ARN never reaches the integration. Declared as
 * `<name>-route` unless `resourceName` says otherwise: the name both APIs' first route has had since their first
 * deploy, which keeps its URN (and so the route) across upgrades.
 */
export function iamRoute(
  name: string,
  args: {
    api: aws.apigatewayv2.Api;
    route: Route;
    integration: aws.apigatewayv2.Integration;
    /** @default `${name}-route` */
    resourceName?: string;
  },
  parent: pulumi.Resource,
) {
  return new aws.apigatewayv2.Route(
    args.resourceName ?? `${name}-route`,
    {
      apiId: args.api.id,
      routeKey: routeKey(args.route),
      authorizationType: "AWS_IAM",
      target: pulumi.interpolate`integrations/${args.integration.id}`,
    },
    { parent },
  );
}
