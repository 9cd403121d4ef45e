/**
 * The parts of Discord's application command object stepcord sends, typed from the docs
 * (discord/discord-api-docs, developers/interactions/application-commands.mdx, "Application Command Structure" and
 * "Application Command Option Structure"). Only the fields a bulk overwrite takes; Discord adds `id`, `version`,
 * `application_id` and `guild_id` itself.
 */

/** application-commands.mdx, "Application Command Types". */
export const ApplicationCommandType = { ChatInput: 1 } as const;

/** application-commands.mdx, "Application Command Option Type". */
export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  Channel: 7,
} as const;
export type OptionType = (typeof OptionType)[keyof typeof OptionType];

/** resources/channel.mdx, "Channel Types": the two kinds of voice channel a member can sit in. */
export const ChannelType = { GuildVoice: 2, GuildStageVoice: 13 } as const;

/** receiving-and-responding.mdx, "Interaction Context Types". */
export const InteractionContextType = { Guild: 0, BotDm: 1, PrivateChannel: 2 } as const;

/** resources/application.mdx, "Application Integration Types". */
export const ApplicationIntegrationType = { GuildInstall: 0, UserInstall: 1 } as const;

/** The locales stepcord localizes into (reference.mdx, "Locales"): `en-US` is the default, `ja` the second. */
export type CommandLocale = "en-US" | "ja";
export type Localizations = Readonly<Record<CommandLocale, string>>;

export interface OptionChoice {
  name: string;
  name_localizations?: Localizations;
  value: string | number;
}

export interface CommandOption {
  type: OptionType;
  name: string;
  name_localizations?: Localizations;
  description: string;
  description_localizations?: Localizations;
  required?: boolean;
  choices?: OptionChoice[];
  options?: CommandOption[];
  channel_types?: number[];
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  autocomplete?: boolean;
}

export interface ApplicationCommandDefinition {
  type: typeof ApplicationCommandType.ChatInput;
  name: string;
  name_localizations?: Localizations;
  description: string;
  description_localizations?: Localizations;
  options?: CommandOption[];
  /** A permission bit set serialized as a string (application-commands.mdx, "Using Default Permissions"). */
  default_member_permissions: string | null;
  integration_types?: number[];
  contexts?: number[];
  nsfw?: boolean;
}
