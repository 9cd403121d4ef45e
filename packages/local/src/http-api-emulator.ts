import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { DEFAULT_STAGE, executeApiArn, type Route, routeKey } from "@stepcord/definitions";
import { SigV4VerificationError } from "@stepcord/signer";
import type { Logger } from "pino";
import type { Authorizer } from "./authorizer.js";
import { callerIdentity, listen } from "./caller-identity.js";
import { PayloadTooLargeError, readBody, sendAwsError, sendPayloadTooLarge } from "./http-io.js";
import { LOCAL_ACCOUNT, LOCAL_PARTITION, type LocalIdentity } from "./local-account.js";

export interface IntegrationRequest {
  body: Buffer;
  headers: IncomingHttpHeaders;
  identity: LocalIdentity;
}

export interface IntegrationResponse {
  status: number;
  headers?: Record<string, string>;
  body: Buffer | string;
}

export interface EmulatedRoute extends Route {
  integration: (request: IntegrationRequest) => Promise<IntegrationResponse>;
}

export interface HttpApiEmulatorOptions {
  name: string;
  apiId: string;
  region: string;
  identities: LocalIdentity[];
  authorizer: Authorizer;
  routes: EmulatedRoute[];
  logger: Logger;
  host?: string;
  port?: number;
  now?: () => Date;
}

export interface RunningHttpApi {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTP API with `AWS_IAM` routes, as API Gateway runs it: unknown route → 404; then SigV4 verification with
 * AWS's 403 answers; then `execute-api:Invoke` on the route's ARN against the caller's policies; then the integration.
 */
export async function startHttpApi(options: HttpApiEmulatorOptions): Promise<RunningHttpApi> {
  const log = options.logger.child({ api: options.name });
  const server: Server = createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      const route = options.routes.find((r) => r.method === request.method && r.path === path);
      if (!route) {
        sendAwsError(response, 404, "NotFoundException", "Not Found");
        return;
      }
      let identity: LocalIdentity;
      try {
        identity = await callerIdentity(request, body, {
          identities: options.identities,
          region: options.region,
          service: "execute-api",
          now: options.now,
          // Both stepcord APIs are HTTP APIs (apigatewayv2), which answer an unsigned call 403 Forbidden.
          apiType: "HTTP",
        });
      } catch (error) {
        if (!(error instanceof SigV4VerificationError)) throw error;
        log.warn(
          { route: routeKey(route), code: error.code, ...error.detail },
          "rejected an unsigned or badly signed call",
        );
        sendAwsError(response, error.status, error.awsErrorType, error.message);
        return;
      }
      const resource = executeApiArn({
        partition: LOCAL_PARTITION,
        region: options.region,
        account: LOCAL_ACCOUNT,
        apiId: options.apiId,
        stage: DEFAULT_STAGE,
        method: route.method,
        path: route.path,
      });
      if (!options.authorizer.allows(identity, "execute-api:Invoke", resource)) {
        log.warn({ route: routeKey(route), caller: identity.arn }, "denied by IAM policy");
        sendAwsError(
          response,
          403,
          "AccessDeniedException",
          `User: ${identity.arn} is not authorized to perform: execute-api:Invoke on resource: ${resource}`,
        );
        return;
      }
      const answer = await route.integration({ body, headers: request.headers, identity });
      response.writeHead(answer.status, answer.headers ?? {});
      response.end(answer.body);
      log.debug({ route: routeKey(route), caller: identity.arn, status: answer.status }, "served");
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        sendPayloadTooLarge(response);
        return;
      }
      log.error({ err: error }, "integration failed");
      if (!response.headersSent)
        sendAwsError(response, 500, "InternalServerErrorException", "Internal Server Error");
      else response.end();
    }
  });
  return listen(server, options.host, options.port);
}
