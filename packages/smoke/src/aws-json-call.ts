import { type Credentials, type CredentialsProvider, signedRequest } from "@stepcord/signer";

/** An AWS JSON-protocol API's error answer (`{"__type": …, "message": …}`). */
export class AwsCallError extends Error {
  override readonly name = "AwsCallError";
  readonly code = "STEPCORD_SMOKE_AWS_CALL";
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(`${operation} answered ${status} ${type}: ${message}`);
  }
}

export interface AwsJsonCall {
  /** e.g. `https://states.us-east-1.amazonaws.com`. */
  endpoint: string;
  service: "states" | "logs";
  region: string;
  /** `AWSStepFunctions.DescribeExecution` (JSON 1.0) or `Logs_20140328.FilterLogEvents` (JSON 1.1). */
  target: string;
  body: Record<string, unknown>;
  credentials: Credentials | CredentialsProvider;
}

/** AWS's JSON protocols: Step Functions speaks 1.0, CloudWatch Logs 1.1 (their API models' `jsonVersion`). */
const JSON_VERSION = { states: "1.0", logs: "1.1" } as const;

/** One signed call to an AWS JSON-protocol API; returns the parsed answer or throws AwsCallError. */
export async function awsJsonCall<T>(call: AwsJsonCall): Promise<T> {
  const response = await signedRequest(call.endpoint, {
    method: "POST",
    headers: {
      "content-type": `application/x-amz-json-${JSON_VERSION[call.service]}`,
      "x-amz-target": call.target,
    },
    body: JSON.stringify(call.body),
    credentials: call.credentials,
    region: call.region,
    service: call.service,
  });
  const text = await response.body.text();
  const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  if (response.statusCode >= 300) {
    // The type may be qualified (`com.amazonaws.states#AccessDeniedException`); keep the name.
    const type = String(parsed.__type ?? "UnknownError").replace(/^.*#/, "");
    const message = String(parsed.message ?? parsed.Message ?? "");
    throw new AwsCallError(call.target.replace(/^.*\./, ""), response.statusCode, type, message);
  }
  return parsed as T;
}

/** The public endpoint of an AWS service in a region (the standard partition). */
export function serviceEndpoint(service: "states" | "logs", region: string): string {
  return `https://${service}.${region}.amazonaws.com`;
}
