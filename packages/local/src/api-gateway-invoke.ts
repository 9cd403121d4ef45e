import { type Credentials, signedRequest } from "@stepcord/signer";
import type { Logger } from "pino";

/** The parameters of an `arn:aws:states:::apigateway:invoke` Task, after JSONPath resolution. */
export interface InvokeParameters {
  ApiEndpoint: string;
  Method: string;
  Path?: string;
  Stage?: string;
  AuthType?: "NO_AUTH" | "IAM_ROLE" | "RESOURCE_POLICY";
  Headers?: Record<string, string[]>;
  RequestBody?: unknown;
}

export interface ApiGatewayInvokeOptions {
  /** Maps each `ApiEndpoint` host to the local API serving it, e.g. `<id>.execute-api...` → `http://127.0.0.1:4567`. */
  endpoints: ReadonlyMap<string, string>;
  /** The state machine role's credentials (with session token), as Step Functions would use them. */
  credentials: Credentials;
  region: string;
  logger: Logger;
}

/** An error named like Step Functions' (`ApiGateway.<status>`), so the ASL's Retry and Catch match it. */
export class ApiGatewayError extends Error {
  constructor(status: number, body: string) {
    super(body);
    this.name = `ApiGateway.${status}`;
  }
}

/**
 * The local stand-in for Step Functions' API Gateway integration: signs with the role's credentials, calls the local
 * API, and maps a non-2xx answer to `ApiGateway.<status>` with the body as cause, at once, as AWS does (a 429's
 * `retry_after` is the definition's business, not the integration's).
 */
export function apiGatewayInvokeHandler(options: ApiGatewayInvokeOptions) {
  return async (input: unknown): Promise<Record<string, unknown>> => {
    const parameters = input as InvokeParameters;
    const base = options.endpoints.get(parameters.ApiEndpoint);
    if (!base) throw new ApiGatewayError(404, `No local API serves ${parameters.ApiEndpoint}.`);
    if (parameters.AuthType !== "IAM_ROLE") {
      throw new ApiGatewayError(
        403,
        `The local webhook API requires AuthType IAM_ROLE, got ${parameters.AuthType}.`,
      );
    }
    const path = `${parameters.Stage ? `/${parameters.Stage}` : ""}${parameters.Path ?? "/"}`;
    const headers = Object.fromEntries(
      Object.entries(parameters.Headers ?? {}).map(([name, values]) => [name, values.join(",")]),
    );
    const body = parameters.RequestBody === undefined ? undefined : JSON.stringify(parameters.RequestBody);
    const response = await signedRequest(`${base}${path}`, {
      method: parameters.Method as "POST",
      headers,
      ...(body === undefined ? {} : { body }),
      credentials: options.credentials,
      region: options.region,
      service: "execute-api",
    });
    const text = await response.body.text();
    const responseHeaders = Object.fromEntries(
      Object.entries(response.headers).map(([name, value]) => [name, ([] as string[]).concat(value ?? [])]),
    );
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return {
        StatusCode: response.statusCode,
        StatusText: response.statusCode === 204 ? "No Content" : "OK",
        Headers: responseHeaders,
        ResponseBody: parseJson(text),
      };
    }
    throw new ApiGatewayError(response.statusCode, text);
  };
}

function parseJson(text: string): unknown {
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
