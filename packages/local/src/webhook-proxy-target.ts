import {
  WEBHOOK_TIMEOUT_MS,
  webhookIntegrationUri,
  webhookProxyRequestParameters,
} from "@stepcord/definitions";
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
 * What an HTTP API answers when its integration outlives `timeoutMilliseconds`: 504 (AWS knowledge center,
 * "api-gateway-504-errors": "If an integration request takes longer than your ... maximum integration timeout ...,
 * API Gateway returns an HTTP 504 status code"). The body text is API Gateway's generic one.
 */
export const INTEGRATION_TIMEOUT_ANSWER: IntegrationResponse = {
  status: 504,
  headers: { "content-type": "application/json", "x-amzn-errortype": "InternalServerErrorException" },
  body: JSON.stringify({ message: "Gateway Timeout" }),
};

/**
 * The webhook API's HTTP_PROXY integration: POST to the webhook URL with `?wait=true`, with the same header
 * overwrites the Pulumi program configures (`overwrite:header.User-Agent`, `overwrite:header.Content-Type`), and the
 * same integration timeout (`WEBHOOK_TIMEOUT_MS`, which infra passes as `timeoutMilliseconds`).
 */
export function webhookProxyTarget(args: {
  webhookUrl: string;
  /** A thread of the webhook's channel (a destination's `threadId`). */
  threadId?: string;
  userAgent: string;
  timeoutMs?: number;
}) {
  const timeoutMs = args.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const uri = webhookIntegrationUri(args.webhookUrl, args.threadId);
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
    // One deadline for the whole exchange, headers and body: API Gateway times the integration, not each read.
    const deadline = AbortSignal.timeout(timeoutMs);
    let response: Awaited<ReturnType<typeof request>>;
    let answer: Buffer;
    try {
      response = await request(uri, { method: "POST", headers: forwarded, body, signal: deadline });
      answer = Buffer.from(await response.body.arrayBuffer());
    } catch (error) {
      if (deadline.aborted) return INTEGRATION_TIMEOUT_ANSWER;
      throw error;
    }
    const passed: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined && !["connection", "transfer-encoding", "keep-alive"].includes(name)) {
        passed[name] = Array.isArray(value) ? value.join(",") : value;
      }
    }
    return { status: response.statusCode, headers: passed, body: answer };
  };
}
