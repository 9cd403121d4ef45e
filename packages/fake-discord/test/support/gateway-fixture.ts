import type { FakeGuild } from "../../src/gateway/index.js";
import type { RawGatewayClient } from "./raw-gateway-client.js";

/** A guild with one voice channel and one member in it. */
export function guild(id = "100000000000000001"): FakeGuild {
  return {
    id,
    name: `Guild ${id}`,
    channels: [{ id: "200000000000000001", name: "Lounge", type: 2 }],
    members: [{ user: { id: "300000000000000001", username: "ana" } }],
    voice_states: [{ user_id: "300000000000000001", channel_id: "200000000000000001" }],
  };
}

/** READY's data, once the client has it. */
export async function ready(client: RawGatewayClient) {
  const payload = await client.next((p) => p.t === "READY");
  return payload.d as { session_id: string; resume_gateway_url: string; guilds: Array<{ id: string }> };
}
