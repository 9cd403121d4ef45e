import { invalidFormBody, tooManyCommands } from "../webhook/discord-error.js";
import type { SnowflakeGenerator } from "../webhook/snowflake.js";
import { applicationCommandListErrors, MAX_CHAT_INPUT_COMMANDS } from "./application-command-rules.js";

type Json = Record<string, unknown>;

/** "global", or a guild id. */
export type CommandScope = string;
export const GLOBAL_SCOPE: CommandScope = "global";

/** An application command as Discord stores and returns it. */
export interface StoredCommand extends Json {
  id: string;
  application_id: string;
  version: string;
  name: string;
  type: number;
}

const same = (a: Json, b: Json): boolean => JSON.stringify(a) === JSON.stringify(b);

function withoutLocalizations(o: Json, locale: string | undefined): Json {
  const { name_localizations, description_localizations, options, ...rest } = o;
  const out: Json = { ...rest };
  // application-commands.mdx, "Retrieving localized commands": the list GETs carry `name_localized` and
  // `description_localized` for the requester's locale instead of the dictionaries, when that locale is present.
  const pick = (dict: unknown) =>
    locale !== undefined && typeof dict === "object" && dict !== null
      ? (dict as Record<string, string>)[locale]
      : undefined;
  const name = pick(name_localizations);
  const description = pick(description_localizations);
  if (name !== undefined) out.name_localized = name;
  if (description !== undefined) out.description_localized = description;
  if (Array.isArray(options))
    out.options = options.map((child) => withoutLocalizations(child as Json, locale));
  return out;
}

/** The commands of one application, per scope, as the bulk overwrite and list routes see them. */
export class ApplicationCommandStore {
  private readonly scopes = new Map<CommandScope, StoredCommand[]>();
  /** Bulk overwrites accepted, per scope; a registration-only-when-changed test counts them. */
  readonly overwrites = new Map<CommandScope, number>();

  constructor(
    private readonly applicationId: string,
    private readonly ids: SnowflakeGenerator,
  ) {}

  /**
   * application-commands.mdx, "Bulk Overwrite ... Application Commands": "Takes a list of application commands,
   * overwriting the existing command list"; a command that keeps its name and type keeps its id (names are "unique
   * per application, per type, within each scope", and POST "upserts" by name), and `version` moves only when the
   * command changed ("Autoincrementing version identifier updated during substantial record changes").
   */
  overwrite(scope: CommandScope, body: unknown): StoredCommand[] {
    const errors = applicationCommandListErrors(body);
    if (!errors.isEmpty) throw invalidFormBody(errors.toTree());
    const list = body as Json[];
    if (list.filter((c) => (c.type ?? 1) === 1).length > MAX_CHAT_INPUT_COMMANDS) throw tooManyCommands();
    const before = this.scopes.get(scope) ?? [];
    const after = list.map((input) => {
      const type = typeof input.type === "number" ? input.type : 1;
      const { id: _id, ...definition } = input;
      const normalized: Json = {
        type,
        nsfw: false,
        default_member_permissions: null,
        ...definition,
        ...(scope === GLOBAL_SCOPE ? {} : { guild_id: scope }),
      };
      const old = before.find((c) => c.name === input.name && c.type === type);
      if (old) {
        const { id, application_id, version, ...oldDefinition } = old;
        if (same(oldDefinition, normalized)) return old;
        return { ...normalized, id, application_id, version: this.ids.next() } as StoredCommand;
      }
      return {
        ...normalized,
        id: this.ids.next(),
        application_id: this.applicationId,
        version: this.ids.next(),
      } as StoredCommand;
    });
    this.scopes.set(scope, after);
    this.overwrites.set(scope, (this.overwrites.get(scope) ?? 0) + 1);
    return after;
  }

  /** The list GET: without `with_localizations=true`, dictionaries become the requester's `*_localized` fields. */
  list(scope: CommandScope, options: { withLocalizations: boolean; locale: string | undefined }): Json[] {
    const commands = this.scopes.get(scope) ?? [];
    return options.withLocalizations
      ? commands
      : commands.map((c) => withoutLocalizations(c, options.locale));
  }

  /** The command a member in `guildId` can invoke by this name: the guild's own first, then the global one. */
  find(guildId: string, name: string): StoredCommand | undefined {
    const guild = this.scopes.get(guildId)?.find((c) => c.name === name && c.type === 1);
    return guild ?? this.scopes.get(GLOBAL_SCOPE)?.find((c) => c.name === name && c.type === 1);
  }
}
