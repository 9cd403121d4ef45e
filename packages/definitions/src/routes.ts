import type { HttpMethod } from "./arn/execute-api-arn.js";

export interface Route {
  method: HttpMethod;
  path: string;
}

/** The inner API's only route: the workflow POSTs a Discord message here and the proxy forwards it. */
export const WEBHOOK_ROUTE = { method: "POST", path: "/" } as const satisfies Route;
/** The outer API's only route: the bot POSTs a voice event batch here and it starts one execution. */
export const EVENTS_ROUTE = { method: "POST", path: "/events" } as const satisfies Route;

/** API Gateway v2's route key, e.g. `POST /events`. */
export function routeKey(route: Route): string {
  return `${route.method} ${route.path}`;
}
