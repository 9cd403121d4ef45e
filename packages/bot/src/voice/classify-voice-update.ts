import type { VoiceEventType } from "@stepcord/events";
import type { ToggleRules } from "../rules/guild-rules.js";
import type { VoiceSnapshot } from "./voice-snapshot.js";

export interface Classified {
  type: VoiceEventType;
  channelId: string;
  fromChannelId?: string;
}

const NO_TOGGLES: ToggleRules = {
  stream: false,
  video: false,
  speaker: false,
  serverMute: false,
  serverDeaf: false,
};

/**
 * Classifies one voice state change. `old` undefined means the bot never saw this member before
 * (cache miss): that is not a join, because the member may have been in the channel all along.
 */
export function classifyVoiceUpdate(
  old: VoiceSnapshot | undefined,
  next: VoiceSnapshot,
  rules: ToggleRules = NO_TOGGLES,
): Classified[] {
  if (old === undefined) return [];
  const from = old.channelId;
  const to = next.channelId;
  if (from === null && to === null) return [];
  if (from === null && to !== null) return [{ type: "join", channelId: to }];
  if (from !== null && to === null) return [{ type: "leave", channelId: from }];
  if (from !== null && to !== null && from !== to)
    return [{ type: "move", channelId: to, fromChannelId: from }];
  if (to === null) return [];
  const out: Classified[] = [];
  const toggle = (
    enabled: boolean,
    before: boolean,
    after: boolean,
    on: VoiceEventType,
    off: VoiceEventType,
  ) => {
    if (enabled && before !== after) out.push({ type: after ? on : off, channelId: to });
  };
  toggle(rules.stream, old.streaming, next.streaming, "stream_start", "stream_stop");
  toggle(rules.video, old.video, next.video, "video_start", "video_stop");
  toggle(rules.speaker, !old.suppress, !next.suppress, "speaker_start", "speaker_stop");
  toggle(rules.serverMute, old.serverMute, next.serverMute, "server_mute", "server_unmute");
  toggle(rules.serverDeaf, old.serverDeaf, next.serverDeaf, "server_deafen", "server_undeafen");
  return out;
}

/**
 * After a re-identify, compares the bot's own last known snapshot of a guild with the fresh
 * GUILD_CREATE snapshot: members present in both with the same channel produce nothing, so a
 * reconnect neither invents nor loses joins.
 */
export function diffSnapshots(
  lastKnown: ReadonlyMap<string, VoiceSnapshot>,
  fresh: ReadonlyMap<string, VoiceSnapshot>,
): Array<{ old: VoiceSnapshot; next: VoiceSnapshot }> {
  const pairs: Array<{ old: VoiceSnapshot; next: VoiceSnapshot }> = [];
  for (const [userId, next] of fresh) {
    const old = lastKnown.get(userId) ?? { ...next, channelId: null };
    if (old.channelId !== next.channelId) pairs.push({ old, next });
  }
  for (const [userId, old] of lastKnown) {
    if (!fresh.has(userId) && old.channelId !== null) pairs.push({ old, next: { ...old, channelId: null } });
  }
  return pairs;
}
