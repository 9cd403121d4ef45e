import { webhookIntegrationUri, webhookProxyRequestParameters } from "@stepcord/definitions";
import { request } from "undici";
import type { IntegrationRequest, IntegrationResponse } from "./http-api-emulator.js";

/** Headers API Gateway drops on an HTTP proxy (hop-by-hop, or its own). */
const DROPPED = new Set([
  "host",
  "connection",
  "content-length",
  "authorization",
  "x-amz-date",
  "x-amz-security-token",
  "x-amz-content-sha256",
  "transfer-encoding",
]);

/**
 * The webhook API's HTTP_PROXY integration: POST to the webhook URL with `?wait=true`, with the same header
 * overwrites the Pulumi program configures (`overwrite:header.User-Agent`, `overwrite:header.Content-Type`).
 */
export function webhookProxyTarget(args: { webhookUrl: string; userAgent: string }) {
  const uri = webhookIntegrationUri(args.webhookUrl);
  const overwrites = Object.entries(webhookProxyRequestParameters(args.userAgent)).map(([key, value]) => [
    key.replace(/^overwrite:header\./, "").toLowerCase(),
    value,
  ]);
  return async ({ body, headers }: IntegrationRequest): Promise<IntegrationResponse> => {
    const forwarded: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (!DROPPED.has(name) && value !== undefined)
        forwarded[name] = Array.isArray(value) ? value.join(",") : value;
    }
    for (const [name, value] of overwrites) forwarded[name as string] = value as string;
    const response = await request(uri, { method: "POST", headers: forwarded, body });
    const answer = Buffer.from(await response.body.arrayBuffer());
    const passed: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined && !["connection", "transfer-encoding", "keep-alive"].includes(name)) {
        passed[name] = Array.isArray(value) ? value.join(",") : value;
      }
    }
    return { status: response.statusCode, headers: passed, body: answer };
  };
}
