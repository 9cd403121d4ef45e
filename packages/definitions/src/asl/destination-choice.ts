import { destinationRoute } from "../routes.js";
import type { PublicDestination } from "../servers/destination-table.js";
import type { AslState } from "./asl.js";

/** What the workflow knows of a destination: which batches it takes. Never its webhook. */
export type RoutedDestination = Pick<PublicDestination, "id" | "guildId" | "voiceChannelId">;

/** Where the chosen destination sits in the state data: `{id, path, circuitKey}`. */
export const DESTINATION_PATH = "$.destination";

/** State names the routing adds; tests and the local stack refer to them. */
export const DESTINATION_STATES = {
  checkFields: "CheckRouteFields",
  listServers: "ListServers",
  countServers: "CountServers",
  checkOneServer: "CheckOneServer",
  choose: "ChooseDestination",
  noDestination: "NoDestination",
  mixedServers: "RejectMixedServers",
} as const;

/** A batch whose events come from two servers: each server has its own channel, so no single post is right. */
export const MIXED_SERVERS_ERROR = "Stepcord.MixedServers";

/**
 * The ledger key of one destination's webhook-gone circuit: a dead webhook in one server parks only the batches
 * routed to it. `aws dynamodb delete-item --key '{"pk":{"S":"circuit#g111…"}}'` closes it.
 */
export function destinationCircuitKey(destinationId: string): string {
  return `circuit#${destinationId}`;
}

/** The route state's name for a destination (ASL state names: at most 80 characters). */
export const routeStateName = (id: string) => `Route ${id}`;

/**
 * The states that pick a batch's destination before anything else happens, the way `destinationFor` does: the
 * first event's voice channel override, else its server, else the every-server destination. A batch for a server
 * with no destination ends at once as `{outcome: "no-destination"}` (no ledger write, no Discord call); a batch
 * mixing servers fails `Stepcord.MixedServers`. The chosen `{id, path, circuitKey}` lands at `$.destination`, where
 * PostToDiscord reads its `Path` and the circuit states their key.
 *
 * Entered at `DESTINATION_STATES.checkFields`; continues at `next`.
 */
export function destinationStates(args: {
  destinations: readonly RoutedDestination[];
  next: string;
  invalidInput: string;
}): Record<string, AslState> {
  const { destinations, next, invalidInput } = args;
  if (destinations.length === 0)
    throw new RangeError(
      "destinations needs at least one destination (a stack with none posts nothing); leave it out for the single route",
    );
  const ids = new Set<string>();
  for (const d of destinations) {
    if (ids.has(d.id)) throw new RangeError(`destination id ${JSON.stringify(d.id)} appears twice`);
    ids.add(d.id);
    if (d.guildId === undefined && d.voiceChannelId !== undefined)
      throw new RangeError(`destination ${d.id} names a voice channel but no server`);
  }
  // Most specific first, whatever order the table came in, so the Choice agrees with destinationFor.
  const overrides = destinations.filter((d) => d.guildId !== undefined && d.voiceChannelId !== undefined);
  const servers = destinations.filter((d) => d.guildId !== undefined && d.voiceChannelId === undefined);
  const everyServer = destinations.find((d) => d.guildId === undefined);
  const guild = "$.events[0].guild.id";
  const channel = "$.events[0].channel.id";
  const choices = [
    ...overrides.map((d) => ({
      And: [
        { Variable: guild, StringEquals: d.guildId },
        { Variable: channel, StringEquals: d.voiceChannelId },
      ],
      Next: routeStateName(d.id),
    })),
    ...servers.map((d) => ({ Variable: guild, StringEquals: d.guildId, Next: routeStateName(d.id) })),
  ];
  const otherwise =
    everyServer === undefined ? DESTINATION_STATES.noDestination : routeStateName(everyServer.id);
  // A Choice needs at least one rule; with only the every-server destination there is nothing to choose.
  const choose = choices.length === 0 ? otherwise : DESTINATION_STATES.choose;
  return {
    // Missing paths first: a comparison on a missing path is a runtime error in a Choice, not false.
    [DESTINATION_STATES.checkFields]: {
      Type: "Choice",
      Choices: [
        {
          Or: [guild, channel].flatMap((path) => [
            { Not: { Variable: path, IsPresent: true } },
            { Not: { Variable: path, IsString: true } },
          ]),
          Next: invalidInput,
        },
        // A single event cannot mix servers; skip the count (and its wildcard path) for it.
        { Variable: "$.events[1]", IsPresent: true, Next: DESTINATION_STATES.listServers },
      ],
      Default: choose,
    },
    // A wildcard is a Path, which Parameters take (AWS, "Paths" in the States Language: `$.events[*].guild.id`
    // selects every event's server id as an array); the intrinsics then read plain reference paths.
    [DESTINATION_STATES.listServers]: {
      Type: "Pass",
      Parameters: { "ids.$": "$.events[*].guild.id" },
      ResultPath: "$.servers",
      Next: DESTINATION_STATES.countServers,
    },
    [DESTINATION_STATES.countServers]: {
      Type: "Pass",
      Comment: "How many servers the batch's events come from, and how many events name one.",
      Parameters: {
        "servers.$": "States.ArrayLength(States.ArrayUnique($.servers.ids))",
        "named.$": "States.ArrayLength($.servers.ids)",
        "events.$": "States.ArrayLength($.events)",
      },
      ResultPath: "$.servers",
      Next: DESTINATION_STATES.checkOneServer,
    },
    [DESTINATION_STATES.checkOneServer]: {
      Type: "Choice",
      Choices: [
        { Not: { Variable: "$.servers.named", NumericEqualsPath: "$.servers.events" }, Next: invalidInput },
        { Not: { Variable: "$.servers.servers", NumericEquals: 1 }, Next: DESTINATION_STATES.mixedServers },
      ],
      Default: choose,
    },
    ...(choices.length === 0
      ? {}
      : {
          [DESTINATION_STATES.choose]: {
            Type: "Choice",
            Comment:
              "The first event's voice channel override, else its server, else every server (destinationFor).",
            Choices: choices,
            Default: otherwise,
          },
        }),
    ...Object.fromEntries(
      destinations.map((d) => [
        routeStateName(d.id),
        {
          Type: "Pass",
          Result: { id: d.id, path: destinationRoute(d.id).path, circuitKey: destinationCircuitKey(d.id) },
          ResultPath: DESTINATION_PATH,
          Next: next,
        } satisfies AslState,
      ]),
    ),
    // Step Functions refuses a definition with a state nothing leads to, so this one exists only when reachable.
    ...(everyServer === undefined
      ? {
          [DESTINATION_STATES.noDestination]: {
            Type: "Pass",
            Comment:
              "No destination for this server: final, cheap, nothing written, nothing posted. The bot drops it.",
            Parameters: { outcome: "no-destination", "batchId.$": "$.batchId", "guildId.$": guild },
            End: true,
          },
        }
      : {}),
    [DESTINATION_STATES.mixedServers]: {
      Type: "Fail",
      Error: MIXED_SERVERS_ERROR,
      Cause:
        "The batch's events come from more than one server; each server has its own destination. Batch per server " +
        "(the bot does), or build one batch per guild with createVoiceEventBatch() from @stepcord/events.",
    },
  };
}
