import { DiscordApiError, invalidJson, methodNotAllowed, missingAccess } from "../webhook/discord-error.js";
import { type ApplicationCommandStore, GLOBAL_SCOPE } from "./application-command-store.js";
import type { InteractionLedger } from "./interaction-ledger.js";

export interface InteractionRouteDeps {
  commands: ApplicationCommandStore;
  interactions: InteractionLedger;
  applicationId: string;
}

export interface InteractionRequest {
  method: string;
  /** Without the `/api/v10` prefix. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface MatchedRoute {
  /**
   * Whether the route takes the bot token. Command routes do (application-commands.mdx, "Endpoints": "all endpoints
   * take either a bot token or client credentials token"); the interaction callback and the interaction webhook are
   * authenticated by the token in the path, and discord.js sends them with `auth: false`
   * (discord.js 14 src/structures/interfaces/InteractionResponses.js, src/structures/Webhook.js).
   */
  botAuth: boolean;
  handle(req: InteractionRequest): [number, unknown];
}

function json(body: string): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    throw invalidJson();
  }
}

// reference.mdx, "Boolean Query Strings".
const queryTrue = (v: string | null) => v === "true" || v === "True" || v === "1";

/** The route a request is for, or undefined when it is none of the command or interaction routes. */
export function matchInteractionRoute(
  method: string,
  path: string,
  deps: InteractionRouteDeps,
): MatchedRoute | undefined {
  // discord.js sends `@original` percent-encoded (`%40original`, @discordjs/rest encodes path segments).
  const parts = path
    .split("/")
    .filter((p) => p.length > 0)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  const guard = (allowed: string[]) => {
    if (!allowed.includes(method)) throw methodNotAllowed();
  };

  // /applications/{application.id}/commands and /applications/{application.id}/guilds/{guild.id}/commands
  if (
    parts[0] === "applications" &&
    parts.at(-1) === "commands" &&
    (parts.length === 3 || (parts.length === 5 && parts[2] === "guilds"))
  ) {
    const scope = parts.length === 5 ? (parts[3] as string) : GLOBAL_SCOPE;
    return {
      botAuth: true,
      handle(req) {
        guard(["GET", "PUT"]);
        if (parts[1] !== deps.applicationId) throw missingAccess();
        if (req.method === "PUT") return [200, deps.commands.overwrite(scope, json(req.body))];
        const locale = req.headers["x-discord-locale"];
        return [
          200,
          deps.commands.list(scope, {
            withLocalizations: queryTrue(req.query.get("with_localizations")),
            locale: typeof locale === "string" ? locale : undefined,
          }),
        ];
      },
    };
  }
  // /interactions/{interaction.id}/{interaction.token}/callback
  if (parts[0] === "interactions" && parts.length === 4 && parts[3] === "callback")
    return {
      botAuth: false,
      handle(req) {
        guard(["POST"]);
        return deps.interactions.callback(
          parts[1] as string,
          parts[2] as string,
          json(req.body),
          queryTrue(req.query.get("with_response")),
        );
      },
    };
  // /webhooks/{application.id}/{interaction.token}[/messages/@original]: the application's id is the interaction
  // webhook's; incoming webhooks are the separate fake webhook server's.
  if (parts[0] === "webhooks" && parts.length >= 3 && parts[1] === deps.applicationId) {
    const [, app, token] = parts as [string, string, string];
    if (parts.length === 3)
      return {
        botAuth: false,
        handle(req) {
          guard(["POST"]);
          return deps.interactions.followup(app, token, json(req.body));
        },
      };
    if (parts.length === 5 && parts[3] === "messages" && parts[4] === "@original")
      return {
        botAuth: false,
        handle(req) {
          guard(["GET", "PATCH"]);
          return req.method === "GET"
            ? deps.interactions.getOriginal(app, token)
            : deps.interactions.editOriginal(app, token, json(req.body));
        },
      };
  }
  return undefined;
}

/** Runs a matched route, turning a DiscordApiError into Discord's status and JSON body. */
export function answer(route: MatchedRoute, req: InteractionRequest): [number, unknown] {
  try {
    return route.handle(req);
  } catch (error) {
    if (error instanceof DiscordApiError) return [error.status, error.body];
    throw error;
  }
}
