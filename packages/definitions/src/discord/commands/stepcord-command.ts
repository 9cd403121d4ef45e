import { MANAGE_GUILD_PERMISSION } from "../permissions.js";
import {
  type ApplicationCommandDefinition,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  type CommandOption,
  InteractionContextType,
  type Localizations,
  OptionType,
} from "./application-command.js";
import {
  CLOCK_TIME_MAX_LENGTH,
  DURATION_MAX_LENGTH,
  EVENT_KINDS_MAX_LENGTH,
  MIN_MEMBERS_RANGE,
  TIME_ZONE_MAX_LENGTH,
} from "./settings-limits.js";

export const STEPCORD_COMMAND_NAME = "stepcord";

/** The subcommands, by the name Discord sends back in `data.options[0].name` (never localized: localization.mdx). */
export const SETTINGS_SUBCOMMANDS = [
  "status",
  "pause",
  "resume",
  "quiet",
  "quiet-off",
  "min-members",
  "events",
  "ignore",
  "unignore",
] as const;
export type SettingsSubcommand = (typeof SETTINGS_SUBCOMMANDS)[number];

/** Option names, as Discord sends them back. */
export const SettingsOption = {
  duration: "duration",
  from: "from",
  to: "to",
  timezone: "timezone",
  count: "count",
  kinds: "kinds",
  channel: "channel",
} as const;

/**
 * `en-US` repeats the default on purpose: application-commands.mdx, "Locale fallbacks", warns that without it an
 * en-US user may see an en-GB value.
 */
const text = (en: string, ja: string): Localizations => ({ "en-US": en, ja });

interface Texts {
  name: string;
  ja: string;
  description: string;
  jaDescription: string;
}

function named(t: Texts) {
  return {
    name: t.name,
    name_localizations: text(t.name, t.ja),
    description: t.description,
    description_localizations: text(t.description, t.jaDescription),
  };
}

function subcommand(t: Texts, options: CommandOption[] = []): CommandOption {
  return { type: OptionType.Subcommand, ...named(t), ...(options.length > 0 ? { options } : {}) };
}

const voiceChannel = (ja: string, description: string, jaDescription: string): CommandOption => ({
  type: OptionType.Channel,
  ...named({ name: SettingsOption.channel, ja, description, jaDescription }),
  required: true,
  // Only the channels a member can sit in; application-commands.mdx: "The channels shown will be restricted to these".
  channel_types: [ChannelType.GuildVoice, ChannelType.GuildStageVoice],
});

const clockTime = (name: string, ja: string, description: string, jaDescription: string): CommandOption => ({
  type: OptionType.String,
  ...named({ name, ja, description, jaDescription }),
  required: true,
  min_length: 1,
  max_length: CLOCK_TIME_MAX_LENGTH,
});

/**
 * The `/stepcord` command, for a bulk overwrite (PUT /applications/{application.id}/commands).
 *
 * - Subcommands, not groups: application-commands.mdx, "Subcommands and Subcommand Groups", allows a group to hold
 *   only subcommands, so `quiet` could not be a group and still take `<from> <to>`. `quiet-off` is its own
 *   subcommand, which keeps `/stepcord quiet 23 7 Asia/Tokyo` as short as the issue asks.
 * - Guild-only through `contexts: [GUILD]` and `integration_types: [GUILD_INSTALL]`; `dm_permission` is deprecated
 *   ("use `contexts` instead", "Application Command Structure").
 * - `default_member_permissions` = MANAGE_GUILD as a string: Discord hides the command from everyone else, and
 *   "Members with the Administrator permission can use all commands" ("Permissions").
 */
export function stepcordCommand(): ApplicationCommandDefinition {
  return {
    type: ApplicationCommandType.ChatInput,
    ...named({
      name: STEPCORD_COMMAND_NAME,
      ja: STEPCORD_COMMAND_NAME,
      description: "Tune stepcord's voice notices for this server",
      jaDescription: "このサーバーのボイス通知(stepcord)を設定します",
    }),
    default_member_permissions: MANAGE_GUILD_PERMISSION,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: [InteractionContextType.Guild],
    options: [
      subcommand({
        name: "status",
        ja: "状態",
        description: "Show this server's rules and where notices go",
        jaDescription: "このサーバーの設定と通知先を表示します",
      }),
      subcommand(
        {
          name: "pause",
          ja: "一時停止",
          description: "Stop notices for a while, or until resume",
          jaDescription: "しばらくの間、または再開するまで通知を止めます",
        },
        [
          {
            type: OptionType.String,
            ...named({
              name: SettingsOption.duration,
              ja: "期間",
              description: "How long, such as 30m, 2h or 1d (at most 7d); empty = until resume",
              jaDescription: "30m、2h、1d のような長さ(最大 7d)。空なら再開まで",
            }),
            required: false,
            min_length: 2,
            max_length: DURATION_MAX_LENGTH,
          },
        ],
      ),
      subcommand({
        name: "resume",
        ja: "再開",
        description: "Send notices again",
        jaDescription: "通知を再開します",
      }),
      subcommand(
        {
          name: "quiet",
          ja: "静音時間",
          description: "Send notices silently between two times of day",
          jaDescription: "指定した時間帯は通知音なしで送ります",
        },
        [
          clockTime(
            SettingsOption.from,
            "開始",
            "Start: an hour 0-23 or HH:MM",
            "開始時刻: 0〜23 の時、または HH:MM",
          ),
          clockTime(
            SettingsOption.to,
            "終了",
            "End: an hour 0-23 or HH:MM",
            "終了時刻: 0〜23 の時、または HH:MM",
          ),
          {
            type: OptionType.String,
            ...named({
              name: SettingsOption.timezone,
              ja: "タイムゾーン",
              description: "An IANA time zone such as Asia/Tokyo; default UTC",
              jaDescription: "Asia/Tokyo のような IANA タイムゾーン。既定は UTC",
            }),
            required: false,
            max_length: TIME_ZONE_MAX_LENGTH,
            autocomplete: true,
          },
        ],
      ),
      subcommand({
        name: "quiet-off",
        ja: "静音解除",
        description: "End quiet hours",
        jaDescription: "静音時間を解除します",
      }),
      subcommand(
        {
          name: "min-members",
          ja: "最少人数",
          description: "Notify only when a channel has at least this many members",
          jaDescription: "チャンネルにこの人数以上いるときだけ通知します",
        },
        [
          {
            type: OptionType.Integer,
            ...named({
              name: SettingsOption.count,
              ja: "人数",
              description: "Members, 0-99 (0 = always notify)",
              jaDescription: "人数 0〜99(0 = 常に通知)",
            }),
            required: true,
            min_value: MIN_MEMBERS_RANGE.min,
            max_value: MIN_MEMBERS_RANGE.max,
          },
        ],
      ),
      subcommand(
        {
          name: "events",
          ja: "通知種類",
          description: "Choose which voice events are announced",
          jaDescription: "通知するボイスイベントの種類を選びます",
        },
        [
          {
            type: OptionType.String,
            ...named({
              name: SettingsOption.kinds,
              ja: "種類",
              description: "Words from: join leave move stream video stage mute deafen, or all",
              jaDescription: "join leave move stream video stage mute deafen から選ぶか all",
            }),
            required: true,
            min_length: 1,
            max_length: EVENT_KINDS_MAX_LENGTH,
          },
        ],
      ),
      subcommand(
        {
          name: "ignore",
          ja: "除外",
          description: "Stop announcing one voice channel",
          jaDescription: "ボイスチャンネルを通知の対象外にします",
        },
        [voiceChannel("除外チャンネル", "The voice channel to leave out", "対象外にするボイスチャンネル")],
      ),
      subcommand(
        {
          name: "unignore",
          ja: "除外解除",
          description: "Announce an ignored voice channel again",
          jaDescription: "対象外にしたボイスチャンネルを戻します",
        },
        [voiceChannel("解除チャンネル", "The voice channel to announce again", "通知を戻すボイスチャンネル")],
      ),
    ],
  };
}
