/** Two servers, as `pulumi config set --secret --path` leaves them: the map the program gets, decrypted. */
export const GUILD_A = "111111111111111111";
export const GUILD_B = "222222222222222222";
export const VOICE_A = "333333333333333333";
export const THREAD_B = "444444444444444444";
export const TOKEN_A = "A".repeat(68);
export const TOKEN_B = "B".repeat(68);
export const TOKEN_A_QUIET = "Q".repeat(68);
export const WEBHOOK_A = `https://discord.com/api/webhooks/500000000000000001/${TOKEN_A}`;
export const WEBHOOK_B = `https://discord.com/api/webhooks/500000000000000002/${TOKEN_B}`;
export const WEBHOOK_A_QUIET = `https://discord.com/api/webhooks/500000000000000003/${TOKEN_A_QUIET}`;

/** Server A with a channel override to another webhook, server B into a thread with its own rules. */
export const TWO_SERVERS = {
  [GUILD_A]: { name: "A", webhookUrl: WEBHOOK_A, channels: { [VOICE_A]: { webhookUrl: WEBHOOK_A_QUIET } } },
  [GUILD_B]: {
    webhookUrl: WEBHOOK_B,
    threadId: THREAD_B,
    rules: { quietHours: { from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" }, minMembers: 2 },
  },
};

/**
 * `pulumi config set --secret --path 'stepcord:servers.<guild>.webhookUrl' <url>` stores the URL as a `secure` leaf
 * of the `stepcord:servers` map; the engine then lists the whole key among the secret ones (`Map.SecureKeys()`,
 * pulumi/pulumi sdk/go/common/resource/config/map.go and map_test.go TestDecrypt) and hands the program the map as
 * JSON with the leaf decrypted. A bare path segment such as a guild id is a map key, not a list index: only `[n]` is
 * an index (ParsePropertyPath, sdk/go/common/resource/properties_path.go), so the map keeps the id as its key.
 */
export function serversConfig(servers: unknown): { config: Record<string, string>; secretKeys: string[] } {
  return { config: { "stepcord:servers": JSON.stringify(servers) }, secretKeys: ["stepcord:servers"] };
}
