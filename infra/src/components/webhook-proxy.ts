import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  executeApiHost,
  WEBHOOK_ROUTE,
  WEBHOOK_TIMEOUT_MS,
  webhookIntegrationUri,
  webhookProxyRequestParameters,
} from "@stepcord/definitions";
import { iamHttpApi, iamRoute, type Throttling } from "./iam-http-api.js";

export interface WebhookProxyArgs {
  /** The Discord webhook URL; a secret, and it stays one in every input it reaches. */
  webhookUrl: pulumi.Output<string>;
  /** `DiscordBot (<repo url>, <version>)`. */
  userAgent: string;
  region: pulumi.Input<string>;
  throttling: Throttling;
  logRetentionDays: number;
}

/**
 * The inner, IAM-protected API that forwards the workflow's message to the Discord webhook. The webhook URL (which
 * holds its token) lives only in this integration's URI, so no state machine definition, log or output carries it.
 */
export class WebhookProxy extends pulumi.ComponentResource {
  readonly apiId: pulumi.Output<string>;
  /** The bare host Step Functions calls: `<apiId>.execute-api.<region>.amazonaws.com`. */
  readonly host: pulumi.Output<string>;
  readonly accessLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: WebhookProxyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:webhook:WebhookProxy", name, {}, opts);
    const { api, accessLogs } = iamHttpApi(
      name,
      {
        description: "stepcord: the workflow's IAM-protected way to the Discord webhook",
        throttling: args.throttling,
        logRetentionDays: args.logRetentionDays,
      },
      this,
    );
    const integration = new aws.apigatewayv2.Integration(
      `${name}-discord`,
      {
        apiId: api.id,
        integrationType: "HTTP_PROXY",
        integrationMethod: "POST",
        // pulumi.secret keeps the token encrypted in state and masked in previews.
        integrationUri: pulumi.secret(args.webhookUrl.apply(webhookIntegrationUri)),
        payloadFormatVersion: "1.0",
        requestParameters: webhookProxyRequestParameters(args.userAgent),
        timeoutMilliseconds: WEBHOOK_TIMEOUT_MS,
      },
      { parent: this },
    );
    iamRoute(name, { api, route: WEBHOOK_ROUTE, integration }, this);
    this.apiId = api.id;
    this.host = pulumi
      .all([api.id, args.region])
      .apply(([apiId, region]) => executeApiHost({ apiId, region }));
    this.accessLogGroupName = accessLogs.name;
    this.registerOutputs({ apiId: this.apiId, host: this.host });
  }
}
