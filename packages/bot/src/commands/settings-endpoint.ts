import { EVENTS_ROUTE, SETTINGS_ROUTE } from "@stepcord/definitions";

/**
 * Where `SettingsCall`s go: SETTINGS_ENDPOINT when set (tests, a proxy), else the events endpoint's own API with its
 * `/events` (EVENTS_ROUTE) replaced by `/settings` (SETTINGS_ROUTE), the stage prefix kept
 * (`https://abc.execute-api.eu-west-1.amazonaws.com/prod/events` → `…/prod/settings`); undefined when the events
 * endpoint's path does not end in `/events` and nothing is configured.
 */
export function settingsEndpoint(eventsEndpoint: string, configured: string | undefined): string | undefined {
  if (configured !== undefined) return configured;
  const url = new URL(eventsEndpoint);
  if (!url.pathname.endsWith(EVENTS_ROUTE.path)) return undefined;
  url.pathname = `${url.pathname.slice(0, -EVENTS_ROUTE.path.length)}${SETTINGS_ROUTE.path}`;
  url.search = "";
  return url.toString();
}
