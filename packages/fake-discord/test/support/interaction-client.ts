import type { DispatchedInteraction, FakeDiscord } from "../../src/gateway/index.js";

/** The interaction routes as a bot calls them: no Authorization header (discord.js sends these with auth: false). */
export function interactionRest(fake: FakeDiscord) {
  const api = `${fake.restUrl}/v10`;
  const send = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text.length > 0 ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    };
  };
  return {
    callback: (i: Pick<DispatchedInteraction, "id" | "token">, body: unknown, query = "") =>
      send("POST", `${api}/interactions/${i.id}/${i.token}/callback${query}`, body),
    followup: (i: Pick<DispatchedInteraction, "applicationId" | "token">, body: unknown) =>
      send("POST", `${api}/webhooks/${i.applicationId}/${i.token}`, body),
    editOriginal: (i: Pick<DispatchedInteraction, "applicationId" | "token">, body: unknown) =>
      send("PATCH", `${api}/webhooks/${i.applicationId}/${i.token}/messages/@original`, body),
    getOriginal: (i: Pick<DispatchedInteraction, "applicationId" | "token">) =>
      send("GET", `${api}/webhooks/${i.applicationId}/${i.token}/messages/@original`),
  };
}

/** Registers `commands` globally through the bulk overwrite route, with the bot token. */
export async function registerGlobally(fake: FakeDiscord, commands: unknown[]): Promise<void> {
  const res = await fetch(`${fake.restUrl}/v10/applications/${fake.applicationId}/commands`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bot ${fake.token}` },
    body: JSON.stringify(commands),
  });
  if (res.status !== 200) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
}
