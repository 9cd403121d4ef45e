/** Minimal HTTP helpers over Node's global fetch (undici is not resolvable from this package). */
export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined for an empty body. */
  json: unknown;
}

// Text bodies (GET /_fake/channel) are not JSON; only JSON bodies are parsed.
const parseMaybe = (text: string): unknown => {
  try {
    return text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
};

export async function send(
  url: string,
  init: { method?: string; body?: string; contentType?: string | null; userAgent?: string } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  if (init.contentType !== null && init.body !== undefined)
    headers["content-type"] = init.contentType ?? "application/json";
  if (init.userAgent !== undefined) headers["user-agent"] = init.userAgent;
  const response = await fetch(url, {
    method: init.method ?? "POST",
    headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: parseMaybe(text) };
}

export const postJson = (url: string, body: unknown): Promise<HttpResult> =>
  send(url, { body: JSON.stringify(body) });

/** A clock tests move by hand, so rate-limit windows are crossed without sleeping. */
export class ManualClock {
  constructor(public ms: number) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}
