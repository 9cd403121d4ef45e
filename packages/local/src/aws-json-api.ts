import { createServer } from "node:http";
import { SigV4VerificationError } from "@stepcord/signer";
import type { Logger } from "pino";
import type { Authorizer } from "./authorizer.js";
import { callerIdentity, listen } from "./caller-identity.js";
import { PayloadTooLargeError, readBody, sendJson, sendPayloadTooLarge } from "./http-io.js";
import type { LocalIdentity } from "./local-account.js";

/** An error an operation answers with 400 and `{"__type": type, "message": message}`, as AWS JSON services do. */
export class AwsJsonError extends Error {
  override readonly name = "AwsJsonError";
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** One operation of an AWS JSON service: the resource IAM is asked about, and the answer's body. */
export interface AwsJsonOperation {
  resource(params: Record<string, unknown>): string;
  run(params: Record<string, unknown>): unknown;
}

/** What every local AWS JSON service is started with, beside its own operations. */
export interface AwsJsonServerOptions {
  identities: LocalIdentity[];
  authorizer: Authorizer;
  region: string;
  logger: Logger;
  host?: string | undefined;
  port?: number | undefined;
}

/** The server's options out of a service's own, which extend them. */
export function serverOptions(options: AwsJsonServerOptions): AwsJsonServerOptions {
  const { identities, authorizer, region, logger, host, port } = options;
  return { identities, authorizer, region, logger, host, port };
}

export interface AwsJsonApiOptions extends AwsJsonServerOptions {
  /** The SigV4 service name and IAM action prefix (`states`, `logs`). */
  service: string;
  /** `X-Amz-Target` is `<targetPrefix><Operation>` (`AWSStepFunctions.`, `Logs_20140328.`). */
  targetPrefix: string;
  /** The awsJson protocol version the service speaks, which names its content type. */
  protocol: "1.0" | "1.1";
  operations: Record<string, AwsJsonOperation>;
  /** What a failure the stand-in did not expect is answered with (status 500), and the words it is logged under. */
  internalFailure: { type: string; message: string; logMessage: string };
}

/**
 * An AWS JSON protocol service (`POST /` with `X-Amz-Target`), the skeleton the local Step Functions and CloudWatch
 * Logs APIs share: SigV4 verified for `service`, an unknown target answered UnknownOperationException, a body that
 * is not a JSON object SerializationException, an identity whose policies do not allow `<service>:<Operation>` on
 * the operation's resource AccessDeniedException, then the operation's answer. Source: the awsJson1_0/awsJson1_1
 * protocols, https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html (errors as `__type` with 400).
 */
export async function startAwsJsonApi(options: AwsJsonApiOptions) {
  const headers = { "content-type": `application/x-amz-json-${options.protocol}` };
  const server = createServer(async (request, response) => {
    const answerError = (status: number, type: string, message: string) =>
      sendJson(response, status, { __type: type, message }, headers);
    try {
      const body = await readBody(request);
      let identity: LocalIdentity;
      try {
        identity = await callerIdentity(request, body, {
          identities: options.identities,
          region: options.region,
          service: options.service,
        });
      } catch (error) {
        if (!(error instanceof SigV4VerificationError)) throw error;
        answerError(400, error.awsErrorType, error.message);
        return;
      }
      const target = String(request.headers["x-amz-target"] ?? "");
      const name = target.startsWith(options.targetPrefix) ? target.slice(options.targetPrefix.length) : "";
      const operation = Object.hasOwn(options.operations, name) ? options.operations[name] : undefined;
      if (operation === undefined) {
        const named = target === "" ? "(no X-Amz-Target)" : target;
        answerError(400, "UnknownOperationException", `The local stack does not implement ${named}.`);
        return;
      }
      const params = parseParams(body);
      if (params === undefined) {
        // AWS JSON services answer a body they cannot deserialise with 400 SerializationException.
        answerError(400, "SerializationException", "The request body is not a JSON object.");
        return;
      }
      const action = `${options.service}:${name}`;
      const resource = operation.resource(params);
      if (!options.authorizer.allows(identity, action, resource)) {
        answerError(
          400,
          "AccessDeniedException",
          `User: ${identity.arn} is not authorized to perform: ${action} on resource: ${resource}`,
        );
        return;
      }
      sendJson(response, 200, operation.run(params), headers);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) sendPayloadTooLarge(response);
      else if (error instanceof AwsJsonError) answerError(400, error.type, error.message);
      else {
        options.logger.error({ err: error }, options.internalFailure.logMessage);
        answerError(500, options.internalFailure.type, options.internalFailure.message);
      }
    }
  });
  return listen(server, options.host, options.port);
}

/** The operation's parameters, or undefined when the body is not a JSON object (an empty body means `{}`). */
function parseParams(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}
