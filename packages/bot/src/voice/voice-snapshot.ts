/** What the classifier needs from one member's voice state; plain data so classification stays pure. */
export interface VoiceSnapshot {
  userId: string;
  channelId: string | null;
  streaming: boolean;
  video: boolean;
  /** Stage channels: true while the member is in the audience. */
  suppress: boolean;
  serverMute: boolean;
  serverDeaf: boolean;
}

/** The subset of discord.js's VoiceState read here (channelId, never `.channel`). */
export interface VoiceStateLike {
  id: string;
  channelId: string | null;
  streaming: boolean | null;
  selfVideo: boolean | null;
  suppress: boolean | null;
  serverMute: boolean | null;
  serverDeaf: boolean | null;
}

export function toSnapshot(state: VoiceStateLike): VoiceSnapshot {
  return {
    userId: state.id,
    channelId: state.channelId,
    streaming: state.streaming ?? false,
    video: state.selfVideo ?? false,
    suppress: state.suppress ?? false,
    serverMute: state.serverMute ?? false,
    serverDeaf: state.serverDeaf ?? false,
  };
}
