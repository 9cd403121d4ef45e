import type { HttpMethod } from "./arn/execute-api-arn.js";
import { EVERY_SERVER_DESTINATION_ID } from "./servers/destination-table.js";

export interface Route {
  method: HttpMethod;
  path: string;
}

/** The inner API's only route: the workflow POSTs a Discord message here and the proxy forwards it. */
export const WEBHOOK_ROUTE = { method: "POST", path: "/" } as const satisfies Route;
/** The outer API's only route: the bot POSTs a voice event batch here and it starts one execution. */
export const EVENTS_ROUTE = { method: "POST", path: "/events" } as const satisfies Route;

/**
 * One destination's route on the webhook API (issue 14): the workflow POSTs a message for destination `id`
 * (`destinationTable`'s id, e.g. `g111…`) here, and its own HTTP_PROXY integration holds that destination's URL.
 *
 * The every-server destination (`default`, the stack's `discordWebhookUrl`) keeps today's `POST /`: a stack
 * deployed before issue 14 then upgrades without touching its route or the role's grant. Moving it would open a
 * window in `pulumi up` where the old definition POSTs to a route that is gone, and the 404 API Gateway answers
 * reads as Discord's "Unknown Webhook" (`WEBHOOK_GONE_ERRORS`), which opens the circuit (decision 0029).
 */
export function destinationRoute(id: string): Route {
  if (id === EVERY_SERVER_DESTINATION_ID) return WEBHOOK_ROUTE;
  if (!/^[A-Za-z0-9-]{1,80}$/.test(id)) {
    throw new RangeError(`destination id ${JSON.stringify(id)} must be 1-80 letters, digits or dashes`);
  }
  return { method: "POST", path: `/destinations/${id}` };
}

/** The outer API's settings route (issue 15): the bot forwards one `/stepcord` command here as a `SettingsCall`. */
export const SETTINGS_ROUTE = { method: "POST", path: "/settings" } as const satisfies Route;

/** API Gateway v2's route key, e.g. `POST /events`. */
export function routeKey(route: Route): string {
  return `${route.method} ${route.path}`;
}
