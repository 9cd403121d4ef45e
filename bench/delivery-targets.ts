// Where bench/delivery.ts's batches go: the workflow stand-in behind a SigV4-verifying server (the bot's own tests'
// endpoint), or the local stack (packages/local: the events API emulator with SigV4 and IAM, StartSyncExecution of the
// notifier ASL in aws-local-stepfunctions, the ledger on dynalite, the webhook API, the stricter fake Discord webhook).
// Each target says what Discord showed, so the same scenario is counted the same way on both.
import { type Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from "undici";
import {
  type ReceivedBatch,
  startVerifyingServer,
  TEST_CREDENTIALS,
} from "../packages/bot/test/support/verifying-server.js";
import {
  CHANNEL_BUCKET,
  WEBHOOK_BUCKET,
  WorkflowStandIn,
} from "../packages/bot/test/support/workflow-stand-in.js";
import { startLocalStack } from "../packages/local/src/index.js";

export type TargetName = "stand-in" | "local-stack";

/** A request as the bot signed and sent it, to send again unchanged. */
export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface DeliveryTarget {
  name: TargetName;
  /** What the bot needs to reach it: EVENTS_ENDPOINT, AWS_REGION and the bot identity's keys (a child reads them). */
  botEnv: Record<string, string>;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Every event Discord showed, as `type:userId`, in the order of the messages. */
  shown(): string[];
  /** Messages Discord showed. */
  messages(): number;
  /** Discord 429s the workflow met (each one counts toward Discord's invalid-request limit). */
  rateLimited(): number;
  /** Every signed `POST /events` the bot sent, in order. */
  signedRequests(): SignedRequest[];
  close(): Promise<void>;
}

export interface TargetOptions {
  /** Discord's two buckets (5 per 2 s per webhook, 30 per 60 s per channel); off for the replay, which counts posts. */
  buckets: boolean;
}

export function startTarget(name: TargetName, options: TargetOptions): Promise<DeliveryTarget> {
  return name === "stand-in" ? standInTarget(options) : localStackTarget(options);
}

const eventsOf = (batches: ReceivedBatch[]) =>
  batches.flatMap((b) => b.events.map((e) => `${e.type}:${e.user.id}`));

async function standInTarget(options: TargetOptions): Promise<DeliveryTarget> {
  const server = await startVerifyingServer();
  // Every guild through the one webhook, as the deployment and the local stack have it.
  const workflow = new WorkflowStandIn({
    webhookOf: () => "the-webhook",
    ...(options.buckets ? { buckets: [WEBHOOK_BUCKET, CHANNEL_BUCKET] } : {}),
  });
  server.answerWith((batch) => workflow.answer(batch));
  return {
    name: "stand-in",
    botEnv: {
      EVENTS_ENDPOINT: server.url,
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    },
    credentials: TEST_CREDENTIALS,
    shown: () => eventsOf(workflow.posted),
    messages: () => workflow.posted.length,
    rateLimited: () => workflow.rateLimited,
    signedRequests: () =>
      server.signedRequests.map((r) => {
        const headers: Record<string, string> = {};
        for (let i = 0; i < r.rawHeaders.length; i += 2)
          headers[r.rawHeaders[i] as string] = r.rawHeaders[i + 1] as string;
        return { url: `${new URL(server.url).origin}${r.path}`, headers, body: r.body };
      }),
    close: () => server.close(),
  };
}

/** The verb each event phrase of the ASL starts with (packages/definitions/src/asl/event-phrases.ts), as its type. */
const TYPE_OF_VERB: Record<string, string> = { joined: "join", left: "leave", moved: "move" };

/** The events one message shows: each embed's description starts `<@userId> <verb>` (event-phrases.ts). */
export function eventsInMessage(body: Record<string, unknown>): string[] {
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Array<{ description?: unknown }>) : [];
  return embeds.flatMap((e) => {
    const match = /^<@(\d+)> (\w+)/.exec(typeof e.description === "string" ? e.description : "");
    return match?.[1] === undefined || match[2] === undefined
      ? []
      : [`${TYPE_OF_VERB[match[2]] ?? match[2]}:${match[1]}`];
  });
}

async function localStackTarget(options: TargetOptions): Promise<DeliveryTarget> {
  const stack = await startLocalStack({
    workflowType: "EXPRESS",
    // The stricter fake's defaults are Discord's buckets; the replay turns them off as the stand-in's replay does.
    fakeWebhook: options.buckets ? {} : { rateLimit: false, channelRateLimit: false },
  });
  const webhook = stack.fakeWebhook;
  if (webhook === undefined) throw new Error("The local stack started without its fake Discord webhook.");
  const recorder = recordSignedPosts(stack.eventsEndpoint);
  const bot = stack.identities.bot;
  return {
    name: "local-stack",
    botEnv: stack.botEnv(),
    credentials: { accessKeyId: bot.accessKeyId, secretAccessKey: bot.secretAccessKey },
    shown: () => webhook.messages().flatMap((m) => eventsInMessage(m.body)),
    messages: () => webhook.messages().length,
    rateLimited: () => webhook.requests().filter((r) => r.status === 429).length,
    signedRequests: () => recorder.requests,
    async close() {
      recorder.stop();
      await stack.close();
    },
  };
}

/**
 * Records what this process sends to `endpoint` after the signer's interceptor (which signedRequest composes onto the
 * global dispatcher), so the replay can send the same bytes again. An in-process bot only; a child's are not seen.
 */
function recordSignedPosts(endpoint: string): { requests: SignedRequest[]; stop(): void } {
  const previous = getGlobalDispatcher();
  const target = new URL(endpoint);
  const requests: SignedRequest[] = [];
  const record: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
    const url = new URL(opts.path, opts.origin ?? undefined);
    if (opts.method === "POST" && url.origin === target.origin && url.pathname === target.pathname)
      requests.push({ url: url.href, headers: headersOf(opts.headers), body: String(opts.body) });
    return dispatch(opts, handler);
  };
  setGlobalDispatcher(previous.compose(record));
  return { requests, stop: () => setGlobalDispatcher(previous) };
}

function headersOf(headers: Dispatcher.DispatchOptions["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined || headers === null) return out;
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2) out[String(headers[i])] = String(headers[i + 1]);
    return out;
  }
  for (const [k, v] of Object.entries(headers as Record<string, unknown>))
    if (v !== undefined) out[k] = String(v);
  return out;
}
