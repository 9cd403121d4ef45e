import { InvalidArnPartError } from "./invalid-arn-part-error.js";

export interface ExecuteApiHostParts {
  apiId: string;
  region: string;
  /** `amazonaws.com`, or `amazonaws.com.cn` in the China partition. @default "amazonaws.com" */
  dnsSuffix?: string;
}

const DEFAULT_DNS_SUFFIX = "amazonaws.com";

/**
 * The bare host of an API's default endpoint, `<apiId>.execute-api.<region>.amazonaws.com`. Step Functions'
 * `apigateway:invoke` wants exactly this as `ApiEndpoint` (no scheme, no path), and SigV4 signs it as `host`.
 */
export function executeApiHost({
  apiId,
  region,
  dnsSuffix = DEFAULT_DNS_SUFFIX,
}: ExecuteApiHostParts): string {
  if (!/^[a-z0-9]{1,64}$/.test(String(apiId)) || String(apiId) === "undefined") {
    throw new InvalidArnPartError("apiId", apiId, "an API Gateway API id (lower-case letters and digits)");
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(String(region))) {
    throw new InvalidArnPartError("region", region, "a region such as eu-west-1");
  }
  return `${apiId}.execute-api.${region}.${dnsSuffix}`;
}

/** The https URL of a route on an API's `$default` stage, e.g. `https://<host>/events`. */
export function executeApiUrl(parts: ExecuteApiHostParts & { path: string }): string {
  if (!parts.path.startsWith("/"))
    throw new InvalidArnPartError("path", parts.path, 'a path starting with "/"');
  return `https://${executeApiHost(parts)}${parts.path}`;
}
