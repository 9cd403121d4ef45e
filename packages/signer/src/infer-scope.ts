import { isIP } from "node:net";
import { SigningScopeError } from "./signing-scope-error.js";

/** The SigV4 scope of a request: the AWS service name and region. */
export interface SigningScope {
  readonly service: string;
  readonly region: string;
}

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
const EXECUTE_API = /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;
const GENERIC = /^([a-z0-9-]+)\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/**
 * Infers service and region from `<id>.execute-api.<region>.amazonaws.com` or `<service>.<region>.amazonaws.com`.
 * Unlike aws4, it never falls back to us-east-1: custom domains, VPC endpoints, ports, IPs and localhost throw
 * a SigningScopeError that says to pass region and service explicitly.
 */
export function inferServiceAndRegion(host: string): SigningScope {
  const cached = inferredScopes.get(host);
  if (cached !== undefined) return cached;
  const scope = inferUncached(host);
  // A bounded memo: a process talks to a handful of hosts, and a flood of distinct ones must not grow memory.
  if (inferredScopes.size >= MAX_REMEMBERED_HOSTS) inferredScopes.clear();
  inferredScopes.set(host, scope);
  return scope;
}

const MAX_REMEMBERED_HOSTS = 256;
const inferredScopes = new Map<string, SigningScope>();

function inferUncached(host: string): SigningScope {
  const lower = host.trim().toLowerCase();
  if (lower === "") throw new SigningScopeError(host, "the host is empty");
  if (/:\d+$/.test(lower) || lower.startsWith("[")) {
    throw new SigningScopeError(
      host,
      "the host carries a port or is an IPv6 literal, so it is not an AWS endpoint",
    );
  }
  if (lower === "localhost" || lower.endsWith(".localhost") || isIP(lower) !== 0) {
    throw new SigningScopeError(host, "the host is local or an IP address");
  }
  if (lower.includes(".vpce.") || lower.startsWith("vpce-")) {
    throw new SigningScopeError(host, "the host is a VPC endpoint, whose name does not carry the service");
  }
  const api = EXECUTE_API.exec(lower);
  if (api?.[1] && REGION.test(api[1])) return { service: "execute-api", region: api[1] };
  const generic = GENERIC.exec(lower);
  if (generic?.[1] && generic[2] && REGION.test(generic[2]))
    return { service: generic[1].replace(/-fips$/, ""), region: generic[2] };
  throw new SigningScopeError(
    host,
    "it is not an <id>.execute-api.<region>.amazonaws.com or <service>.<region>.amazonaws.com name",
  );
}

/** Explicit region/service win; whatever is missing is inferred from the host. */
export function resolveScope(
  host: string,
  region: string | undefined,
  service: string | undefined,
): SigningScope {
  if (region !== undefined && service !== undefined) return { region, service };
  const inferred = inferServiceAndRegion(host);
  return { region: region ?? inferred.region, service: service ?? inferred.service };
}
