import type { HttpMethod } from "./arn/execute-api-arn.js";

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
 */
export function destinationRoute(id: string): Route {
  if (!/^[A-Za-z0-9-]{1,80}$/.test(id)) {
    throw new RangeError(`destination id ${JSON.stringify(id)} must be 1-80 letters, digits or dashes`);
  }
  return { method: "POST", path: `/destinations/${id}` };
}

/** API Gateway v2's route key, e.g. `POST /events`. */
export function routeKey(route: Route): string {
  return `${route.method} ${route.path}`;
}
