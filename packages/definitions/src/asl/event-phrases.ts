import type { VoiceEventType } from "@stepcord/events";

/** Discord's brand colours, as embed `color` integers. */
export const EMBED_COLORS = {
  green: 0x57f287,
  red: 0xed4245,
  blurple: 0x5865f2,
  grey: 0x99aab5,
} as const;

export interface EventPhrase {
  /** The state name in the ASL; stable, because execution histories and tests refer to it. */
  state: string;
  /** `States.Format` template; `{}` slots are filled from `args` in order. */
  template: string;
  args: string[];
  color: number;
}

const USER = "$.event.user.id";
const CHANNEL = "$.event.channel.id";

function stateChange(state: string, verb: string, color: number = EMBED_COLORS.grey): EventPhrase {
  return { state, template: `<@{}> ${verb} in <#{}>`, args: [USER, CHANNEL], color };
}

/**
 * How each event kind reads in Discord. Members and channels are written as `<@id>` and `<#id>` mentions: Discord
 * renders them as the member's current name and a link, they never ping (mentions in embeds never notify, and the
 * message also sets `allowed_mentions: {parse: []}`), and no user-controlled text reaches the markdown at all, so a
 * display name like `**x** @everyone` cannot format or ping. (Putting the name itself through `States.Format` would
 * also differ between runners: aws-local-stepfunctions strips every backslash from an intrinsic's result, which
 * would undo the producer's markdown escaping.) `leave` has two forms, with and without a session.
 */
export const EVENT_PHRASES: Record<Exclude<VoiceEventType, "leave">, EventPhrase> & {
  leave: EventPhrase;
  leaveWithSession: EventPhrase;
} = {
  join: {
    state: "DescribeJoin",
    template: "<@{}> joined <#{}>",
    args: [USER, CHANNEL],
    color: EMBED_COLORS.green,
  },
  leave: {
    state: "DescribeLeave",
    template: "<@{}> left <#{}>",
    args: [USER, CHANNEL],
    color: EMBED_COLORS.red,
  },
  leaveWithSession: {
    state: "DescribeLeaveWithSession",
    template: "<@{}> left <#{}> after {}",
    args: [USER, CHANNEL, "$.event.session.text"],
    color: EMBED_COLORS.red,
  },
  move: {
    state: "DescribeMove",
    template: "<@{}> moved from <#{}> to <#{}>",
    args: [USER, "$.event.fromChannel.id", CHANNEL],
    color: EMBED_COLORS.blurple,
  },
  stream_start: stateChange("DescribeStreamStart", "started streaming", EMBED_COLORS.blurple),
  stream_stop: stateChange("DescribeStreamStop", "stopped streaming"),
  video_start: stateChange("DescribeVideoStart", "turned their camera on", EMBED_COLORS.blurple),
  video_stop: stateChange("DescribeVideoStop", "turned their camera off"),
  speaker_start: stateChange("DescribeSpeakerStart", "became a speaker", EMBED_COLORS.blurple),
  speaker_stop: stateChange("DescribeSpeakerStop", "is no longer a speaker"),
  server_mute: stateChange("DescribeServerMute", "was server muted"),
  server_unmute: stateChange("DescribeServerUnmute", "was server unmuted"),
  server_deafen: stateChange("DescribeServerDeafen", "was server deafened"),
  server_undeafen: stateChange("DescribeServerUndeafen", "was server undeafened"),
};

/** The `States.Format(...)` expression for a phrase; quotes and backslashes are escaped as intrinsics require. */
export function formatExpression(template: string, args: readonly string[]): string {
  // `{}` stays a slot; a literal quote or backslash needs a backslash before it.
  const escaped = template.replace(/[\\']/g, (char) => `\\${char}`);
  return `States.Format('${escaped}', ${args.join(", ")})`;
}
