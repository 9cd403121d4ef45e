import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  type Destination,
  destinationRoute,
  EVERY_SERVER_DESTINATION_ID,
  executeApiHost,
  WEBHOOK_TIMEOUT_MS,
  webhookIntegrationUri,
  webhookProxyRequestParameters,
} from "@stepcord/definitions";
import { iamHttpApi, iamRoute, type Throttling } from "./iam-http-api.js";

export interface WebhookProxyArgs {
  /**
   * Where notices go (`destinationTable`), each with its webhook URL: secrets, wrapped with `pulumi.secret` in the
   * one input each reaches, its own integration's URI.
   */
  destinations: readonly Destination[];
  /** `DiscordBot (<repo url>, <version>)`. */
  userAgent: string;
  region: pulumi.Input<string>;
  throttling: Throttling;
  logRetentionDays: number;
}

/**
 * The child resource names of destination `id`. The every-server destination keeps the names the single webhook
 * had before issue 14 (`<name>-discord`, `<name>-route`), so its URNs, and the resources, survive the upgrade;
 * every other id is stable for as long as its config entry exists, so adding a server only adds.
 */
export function destinationResourceNames(name: string, id: string) {
  return id === EVERY_SERVER_DESTINATION_ID
    ? { integration: `${name}-discord`, route: `${name}-route` }
    : { integration: `${name}-discord-${id}`, route: `${name}-route-${id}` };
}

/**
 * The inner, IAM-protected API that forwards the workflow's message to a Discord webhook: one route and one
 * HTTP_PROXY integration per destination. Each webhook URL (which holds its token) lives only in its integration's
 * URI, so no state machine definition, log or output carries it.
 */
export class WebhookProxy extends pulumi.ComponentResource {
  readonly apiId: pulumi.Output<string>;
  /** The bare host Step Functions calls: `<apiId>.execute-api.<region>.amazonaws.com`. */
  readonly host: pulumi.Output<string>;
  readonly accessLogGroupName: pulumi.Output<string>;
  /** One per destination; the workflow must not be given a route before it exists (see NotifierWorkflow). */
  readonly routes: aws.apigatewayv2.Route[];

  constructor(name: string, args: WebhookProxyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:webhook:WebhookProxy", name, {}, opts);
    if (args.destinations.length === 0) {
      throw new TypeError(
        "WebhookProxy needs at least one destination (destinationTable of a validated config).",
      );
    }
    const { api, accessLogs } = iamHttpApi(
      name,
      {
        description: "stepcord: the workflow's IAM-protected way to the Discord webhook",
        throttling: args.throttling,
        logRetentionDays: args.logRetentionDays,
      },
      this,
    );
    this.routes = args.destinations.map((destination) => {
      const names = destinationResourceNames(name, destination.id);
      const integration = new aws.apigatewayv2.Integration(
        names.integration,
        {
          apiId: api.id,
          integrationType: "HTTP_PROXY",
          integrationMethod: "POST",
          // pulumi.secret keeps the token encrypted in state and masked in previews.
          integrationUri: pulumi.secret(webhookIntegrationUri(destination.webhook.url, destination.threadId)),
          payloadFormatVersion: "1.0",
          requestParameters: webhookProxyRequestParameters(args.userAgent),
          timeoutMilliseconds: WEBHOOK_TIMEOUT_MS,
        },
        { parent: this },
      );
      return iamRoute(
        name,
        { api, route: destinationRoute(destination.id), integration, resourceName: names.route },
        this,
      );
    });
    this.apiId = api.id;
    this.host = pulumi
      .all([api.id, args.region])
      .apply(([apiId, region]) => executeApiHost({ apiId, region }));
    this.accessLogGroupName = accessLogs.name;
    this.registerOutputs({ apiId: this.apiId, host: this.host });
  }
}
