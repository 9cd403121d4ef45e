import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_STAGE } from "@stepcord/definitions";
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
