import { SETTINGS_ROUTE, SettingsAnswer, type SettingsCall } from "@stepcord/definitions";
import { type Credentials, type CredentialsProvider, signedRequest } from "@stepcord/signer";
import { z } from "zod";
import { errorMessage } from "../error-message.js";
import { SettingsCallError } from "./settings-call-error.js";

/** How long one call may take: far inside the 15 minutes an interaction token lasts, long for a sync execution. */
export const SETTINGS_CALL_TIMEOUT_MS = 10_000;

/**
 * StartSyncExecution's response as the events API passes it on (HTTP 200 whatever the execution did; `output` a JSON
 * string when it SUCCEEDED): API reference, StartSyncExecution, "Response Syntax".
 */
const SyncExecution = z.object({
  status: z.enum(["SUCCEEDED", "FAILED", "TIMED_OUT"]),
  output: z.string().optional(),
  error: z.string().optional(),
});

export interface SettingsClientOptions {
  /** settingsEndpoint(): undefined makes every call fail with SETTINGS_NOT_CONFIGURED. */
  url: string | undefined;
  credentials: Credentials | CredentialsProvider;
  region: string | undefined;
  /** @default SETTINGS_CALL_TIMEOUT_MS */
  timeoutMs?: number;
}

/** One SigV4-signed `POST /settings` (SETTINGS_ROUTE) per call, answered by the settings workflow. */
export class SettingsClient {
  /** Calls made, for the bench's "settings calls per batch". */
  calls = 0;

  constructor(private readonly o: SettingsClientOptions) {}

  /** The workflow's answer; throws SettingsCallError with the fix when there is none to use. */
  async call(call: SettingsCall): Promise<SettingsAnswer> {
    const { url } = this.o;
    const fail = (code: SettingsCallError["code"], detail: string, status?: number, cause?: unknown) =>
      new SettingsCallError(
        code,
        url,
        call.guildId,
        detail,
        status,
        cause === undefined ? undefined : { cause },
      );
    if (url === undefined) throw fail("SETTINGS_NOT_CONFIGURED", "no settings URL");
    this.calls += 1;
    let status: number;
    let text: string;
    try {
      const res = await signedRequest(url, {
        method: SETTINGS_ROUTE.method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(call),
        credentials: this.o.credentials,
        service: "execute-api",
        ...(this.o.region ? { region: this.o.region } : {}),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? SETTINGS_CALL_TIMEOUT_MS),
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (error) {
      throw fail("SETTINGS_UNREACHABLE", errorMessage(error), undefined, error);
    }
    if (status === 401 || status === 403) throw fail("SETTINGS_FORBIDDEN", `HTTP ${status}`, status);
    if (status === 404) throw fail("SETTINGS_NOT_DEPLOYED", "HTTP 404", status);
    if (status !== 200) throw fail("SETTINGS_FAILED", `HTTP ${status}`, status);
    let execution: z.infer<typeof SyncExecution>;
    try {
      execution = SyncExecution.parse(JSON.parse(text));
    } catch (error) {
      throw fail("SETTINGS_BAD_ANSWER", "HTTP 200, not StartSyncExecution's answer", status, error);
    }
    if (execution.status !== "SUCCEEDED")
      throw fail("SETTINGS_FAILED", `execution ${execution.status} ${execution.error ?? ""}`.trim(), status);
    try {
      return SettingsAnswer.parse(JSON.parse(execution.output ?? "null"));
    } catch (error) {
      throw fail("SETTINGS_BAD_ANSWER", "the execution's output is not a SettingsAnswer", status, error);
    }
  }
}
