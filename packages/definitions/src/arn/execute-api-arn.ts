import { InvalidArnPartError } from "./invalid-arn-part-error.js";

/** HTTP APIs have one stage that needs no path prefix; its name is literally `$default`. */
export const DEFAULT_STAGE = "$default";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ExecuteApiArnParts {
  /** `aws`, `aws-cn` or `aws-us-gov`. */
  partition: string;
  /** e.g. `eu-west-1`. */
  region: string;
  /** The 12-digit account id that owns the API. */
  account: string;
  /** The API id, e.g. `a1b2c3d4e5` (lower-case letters and digits). */
  apiId: string;
  /** The stage name; for HTTP APIs normally {@link DEFAULT_STAGE}. */
  stage: string;
  /** An HTTP method, or `*` for any method. */
  method: HttpMethod | "*";
  /** The resource path starting with `/`, e.g. `/` or `/events`. */
  path: string;
}

const PARTITION = /^aws(-[a-z]+)*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT = /^\d{12}$/;
const API_ID = /^[a-z0-9]{1,64}$/;
const STAGE = /^(\$default|[A-Za-z0-9_-]{1,128})$/;
const PATH = /^\/[A-Za-z0-9._~\-/{}+*]*$/;
/** What a template literal writes when an unset or wrong value slips in. */
const POISON = /undefined|null|NaN|\[object /;

/**
 * Builds the ARN that `execute-api:Invoke` is granted on:
 * `arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD><path>`.
 * Every part is checked, so an unset stage or path throws here instead of becoming `undefined/POSTundefined`.
 *
 * @example executeApiArn({ partition: "aws", region: "eu-west-1", account: "123456789012",
 *   apiId: "a1b2c3d4e5", stage: "$default", method: "POST", path: "/" })
 * // "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/$default/POST/"
 */
export function executeApiArn(parts: ExecuteApiArnParts): string {
  const partition = checked(parts, "partition", PARTITION, "a partition such as aws, aws-cn or aws-us-gov");
  const region = checked(parts, "region", REGION, "a region such as eu-west-1");
  const account = checked(parts, "account", ACCOUNT, "a 12-digit AWS account id");
  const apiId = checked(parts, "apiId", API_ID, "an API Gateway API id (lower-case letters and digits)");
  const stage = checked(parts, "stage", STAGE, 'a stage name; HTTP APIs use "$default"');
  const method = parts.method as unknown;
  if (method !== "*" && !(HTTP_METHODS as readonly unknown[]).includes(method)) {
    throw new InvalidArnPartError("method", method, `one of ${HTTP_METHODS.join(", ")} or *`);
  }
  const path = checked(parts, "path", PATH, 'a resource path starting with "/", e.g. "/" or "/events"');
  if (path.includes("//")) throw new InvalidArnPartError("path", path, "a path without empty segments");
  return `arn:${partition}:execute-api:${region}:${account}:${apiId}/${stage}/${method as string}${path}`;
}

function checked<K extends keyof ExecuteApiArnParts>(
  parts: ExecuteApiArnParts,
  key: K,
  pattern: RegExp,
  rule: string,
): string {
  const value = parts[key] as unknown;
  if (typeof value !== "string" || value === "" || POISON.test(value) || !pattern.test(value)) {
    throw new InvalidArnPartError(key, value, rule);
  }
  return value;
}
