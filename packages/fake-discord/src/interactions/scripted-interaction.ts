/**
 * A member using a slash command, as the fake gateway delivers it: the INTERACTION_CREATE payload
 * (receiving-and-responding.mdx, "Interaction Structure"; gateway-events.mdx, "Interaction Create"), after the
 * checks Discord's client and API make before an app ever sees it.
 */
import { randomBytes } from "node:crypto";
import type { FakeChannel, FakeGuild, FakeMember } from "../gateway/fake-guild.js";
import type { StoredCommand } from "./application-command-store.js";

type Json = Record<string, unknown>;

/** One option as the member filled it in, nested under its subcommand (receiving-and-responding.mdx, "Application Command Interaction Data Option Structure"). */
export interface ScriptedOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: ScriptedOption[];
  focused?: boolean;
}

export interface ScriptedInteraction {
  guildId: string;
  channelId: string;
  member: FakeMember;
  /** The member's computed permissions in the channel, a decimal bit set (what `member.permissions` carries). */
  permissions: string;
  command: string;
  options?: ScriptedOption[];
  /** 2 APPLICATION_COMMAND (default) or 4 APPLICATION_COMMAND_AUTOCOMPLETE. */
  type?: 2 | 4;
  /** @default "en-US" */
  locale?: string;
  /**
   * A server admin let this member use the command in Server Settings > Integrations (application-commands.mdx,
   * "Permissions": a permission "for a specific user, role, or channel" overrides `default_member_permissions`), so
   * Discord sends the interaction whatever `permissions` lacks; the app must still check `member.permissions` itself.
   */
  allowedByOverwrite?: boolean;
}

export type ScriptedInteractionRefusal =
  | "UNKNOWN_COMMAND"
  | "NOT_IN_CONTEXT"
  | "MISSING_PERMISSIONS"
  | "INVALID_OPTIONS"
  | "UNKNOWN_CHANNEL";

export class ScriptedInteractionError extends Error {
  override readonly name = "ScriptedInteractionError" as const;
  constructor(
    readonly code: ScriptedInteractionRefusal,
    message: string,
  ) {
    super(message);
  }
}

const ADMINISTRATOR = 1n << 3n;

/**
 * application-commands.mdx, "Permissions": "If you don't have permission to use a command, it will not show up in
 * the command picker. Members with the Administrator permission can use all commands." A member needs every bit of
 * `default_member_permissions`; "0" leaves the command to administrators.
 */
export function memberMaySee(command: StoredCommand, permissions: string): boolean {
  const bits = BigInt(permissions);
  if ((bits & ADMINISTRATOR) !== 0n) return true;
  const required = command.default_member_permissions;
  if (typeof required !== "string") return true;
  const need = BigInt(required);
  return need !== 0n && (bits & need) === need;
}

interface DefinedOption {
  type: number;
  name: string;
  required?: boolean;
  options?: DefinedOption[];
  channel_types?: number[];
  min_value?: number;
  max_value?: number;
  min_length?: number;
  max_length?: number;
  choices?: Array<{ value: unknown }>;
  autocomplete?: boolean;
}

/**
 * What the client lets a member send: only defined options of the defined type, every required one (not while
 * autocompleting: application-commands.mdx, "Autocomplete", "options that are otherwise required might not be
 * present"), values inside min/max and choices, channels of the allowed types. Returns the first problem.
 */
function clientProblem(
  defined: DefinedOption[] | undefined,
  given: ScriptedOption[],
  channels: FakeChannel[],
  autocomplete: boolean,
): string | undefined {
  for (const g of given) {
    const d = defined?.find((o) => o.name === g.name);
    if (!d) return `no option "${g.name}"`;
    if (d.type !== g.type) return `option "${g.name}" is type ${d.type}, not ${g.type}`;
    if (d.type === 1 || d.type === 2) {
      const inner = clientProblem(d.options, g.options ?? [], channels, autocomplete);
      if (inner) return inner;
      continue;
    }
    if (g.focused) continue; // partial input while typing
    const v = g.value;
    if (
      typeof v === "number" &&
      ((d.min_value !== undefined && v < d.min_value) || (d.max_value !== undefined && v > d.max_value))
    )
      return `option "${g.name}" ${v} is outside ${d.min_value}-${d.max_value}`;
    if (
      typeof v === "string" &&
      ((d.min_length !== undefined && [...v].length < d.min_length) ||
        (d.max_length !== undefined && [...v].length > d.max_length))
    )
      return `option "${g.name}" has a length outside ${d.min_length ?? 0}-${d.max_length ?? 6000}`;
    if (d.choices && !d.choices.some((c) => c.value === v))
      return `option "${g.name}" is not one of its choices`;
    if (d.type === 7) {
      const channel = channels.find((c) => c.id === v);
      if (!channel) return `option "${g.name}": no channel ${String(v)} in this guild`;
      if (d.channel_types && !d.channel_types.includes(channel.type))
        return `option "${g.name}": channel type ${channel.type} is not in ${d.channel_types.join(", ")}`;
    }
  }
  const nested = (defined ?? []).some((o) => o.type === 1 || o.type === 2);
  if (nested && given.length !== 1) return "pick exactly one subcommand";
  if (!autocomplete)
    for (const d of defined ?? [])
      if (d.required && !given.some((g) => g.name === d.name)) return `option "${d.name}" is required`;
  return undefined;
}

function channelIds(options: ScriptedOption[]): string[] {
  return options.flatMap((o) => (o.type === 7 ? [String(o.value)] : channelIds(o.options ?? [])));
}

/** A token shaped like Discord's (base64url of `interaction:{id}:{random}`), distinct per interaction. */
export function interactionToken(id: string): string {
  return Buffer.from(`interaction:${id}:${randomBytes(48).toString("base64url")}`).toString("base64url");
}

/** Checks what Discord would check and builds the INTERACTION_CREATE `d`. Throws ScriptedInteractionError. */
export function interactionCreatePayload(args: {
  spec: ScriptedInteraction;
  guild: FakeGuild;
  command: StoredCommand | undefined;
  id: string;
  token: string;
  applicationId: string;
}): Json {
  const { spec, guild, command, id, token, applicationId } = args;
  if (!command)
    throw new ScriptedInteractionError(
      "UNKNOWN_COMMAND",
      `/${spec.command} is not registered for guild ${guild.id}; register it first.`,
    );
  // Global commands: "contexts ... where the command can be used"; GUILD is 0 (receiving-and-responding.mdx).
  const contexts = command.contexts;
  if (command.guild_id === undefined && Array.isArray(contexts) && !contexts.includes(0))
    throw new ScriptedInteractionError(
      "NOT_IN_CONTEXT",
      `/${spec.command} is not available in guilds (contexts ${contexts.join(", ")}).`,
    );
  if (spec.allowedByOverwrite !== true && !memberMaySee(command, spec.permissions))
    throw new ScriptedInteractionError(
      "MISSING_PERMISSIONS",
      `Discord hides /${spec.command} from a member with permissions ${spec.permissions} (it needs ${String(command.default_member_permissions)}).`,
    );
  const type = spec.type ?? 2;
  const options = spec.options ?? [];
  const problem = clientProblem(
    command.options as DefinedOption[] | undefined,
    options,
    guild.channels,
    type === 4,
  );
  if (problem)
    throw new ScriptedInteractionError(
      "INVALID_OPTIONS",
      `Discord's client would not send this: ${problem}.`,
    );
  const channel = guild.channels.find((c) => c.id === spec.channelId);
  if (!channel)
    throw new ScriptedInteractionError(
      "UNKNOWN_CHANNEL",
      `No channel ${spec.channelId} in guild ${guild.id}.`,
    );
  const resolvedChannels = Object.fromEntries(
    channelIds(options).map((cid) => {
      const c = guild.channels.find((x) => x.id === cid) as FakeChannel;
      // "Resolved Data Structure": partial channels with id, name, type and permissions.
      return [
        cid,
        {
          id: c.id,
          name: c.name,
          type: c.type,
          permissions: spec.permissions,
          parent_id: c.parent_id ?? null,
        },
      ];
    }),
  );
  const locale = spec.locale ?? "en-US";
  return {
    id,
    application_id: applicationId,
    type,
    token,
    version: 1,
    guild_id: guild.id,
    guild: { id: guild.id, locale: "en-US", features: [] },
    channel_id: channel.id,
    channel: { id: channel.id, name: channel.name, type: channel.type, guild_id: guild.id },
    member: {
      user: { discriminator: "0", global_name: null, avatar: null, ...spec.member.user },
      roles: spec.member.roles ?? [],
      nick: spec.member.nick ?? null,
      permissions: spec.permissions,
      joined_at: "2024-01-01T00:00:00.000000+00:00",
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
    },
    locale,
    guild_locale: "en-US",
    app_permissions: "0",
    entitlements: [],
    authorizing_integration_owners: { "0": guild.id },
    context: 0,
    attachment_size_limit: 10_485_760,
    data: {
      id: command.id,
      name: command.name,
      type: 1,
      ...(command.guild_id === undefined ? {} : { guild_id: command.guild_id }),
      ...(options.length > 0 ? { options } : {}),
      ...(Object.keys(resolvedChannels).length > 0 ? { resolved: { channels: resolvedChannels } } : {}),
    },
  };
}
