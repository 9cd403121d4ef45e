import type { PolicyDocument } from "@stepcord/definitions";
import { identityDecision, pbacAllows } from "@stepcord/definitions/testing";
import { expect } from "chai";
import {
  DEFAULT_SECRET_KEYS,
  DEFAULT_TEST_CONFIG,
  MOCK_ACCOUNT,
  MOCK_WEBHOOK_URL,
  type ProgramView,
  runProgram,
} from "./harness/program.js";
import { runProgramInChild } from "./harness/program-in-child.js";
import {
  GUILD_A,
  GUILD_B,
  serversConfig,
  THREAD_B,
  TOKEN_A,
  TOKEN_A_QUIET,
  TOKEN_B,
  TWO_SERVERS,
  VOICE_A,
} from "./harness/servers-fixtures.js";

const ROUTE = "aws:apigatewayv2/route:Route";
const INTEGRATION = "aws:apigatewayv2/integration:Integration";
const MOCK_TOKEN = MOCK_WEBHOOK_URL.split("/").at(-1) as string;
const v10 = (token: string, id: string) => `https://discord.com/api/v10/webhooks/${id}/${token}`;

/** Every string anywhere inside a value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("the Pulumi program with two servers and an every-server webhook", () => {
  let program: ProgramView;
  let webhookApi: string;
  before(function () {
    this.timeout(60_000);
    const servers = serversConfig(TWO_SERVERS);
    program = runProgramInChild({ ...DEFAULT_TEST_CONFIG, ...servers.config }, [
      ...DEFAULT_SECRET_KEYS,
      ...servers.secretKeys,
    ]);
    webhookApi = program.outputs.webhookApiId as string;
  });

  /** The webhook API's routes by key, each with the integration its target names. */
  function webhookRoutes() {
    const integrations = new Map(program.ofType(INTEGRATION).map((i) => [`integrations/${i.name}-id`, i]));
    return new Map(
      program
        .ofType(ROUTE)
        .filter((route) => route.name.startsWith("stepcord-webhook-"))
        .map((route) => [
          route.inputs.routeKey as string,
          { route, integration: integrations.get(route.inputs.target as string) },
        ]),
    );
  }

  it("declares one AWS_IAM route per destination, each to its own HTTP_PROXY integration", () => {
    const routes = webhookRoutes();
    expect([...routes.keys()].sort()).to.deep.equal([
      "POST /",
      `POST /destinations/g${GUILD_A}`,
      `POST /destinations/g${GUILD_A}-c${VOICE_A}`,
      `POST /destinations/g${GUILD_B}`,
    ]);
    const integrationNames = new Set<string>();
    for (const [key, { route, integration }] of routes) {
      expect(route.inputs.authorizationType, key).to.equal("AWS_IAM");
      expect(integration?.inputs.integrationType, key).to.equal("HTTP_PROXY");
      integrationNames.add(integration?.name as string);
    }
    expect(integrationNames.size).to.equal(4);
  });

  it("sends each destination to its own webhook, with its thread as Discord's thread_id", () => {
    const uriOf = (key: string) => webhookRoutes().get(key)?.integration?.inputs.integrationUri;
    expect(uriOf(`POST /destinations/g${GUILD_A}`)).to.equal(
      `${v10(TOKEN_A, "500000000000000001")}?wait=true`,
    );
    expect(uriOf(`POST /destinations/g${GUILD_A}-c${VOICE_A}`)).to.equal(
      `${v10(TOKEN_A_QUIET, "500000000000000003")}?wait=true`,
    );
    expect(uriOf(`POST /destinations/g${GUILD_B}`)).to.equal(
      `${v10(TOKEN_B, "500000000000000002")}?wait=true&thread_id=${THREAD_B}`,
    );
    expect(uriOf("POST /")).to.equal(
      `${MOCK_WEBHOOK_URL.replace("/api/webhooks/", "/api/v10/webhooks/")}?wait=true`,
    );
  });

  it("puts each token in exactly one input, its integration's URI, and sends that input as a secret", () => {
    for (const token of [MOCK_TOKEN, TOKEN_A, TOKEN_A_QUIET, TOKEN_B]) {
      const carriers = program.resources.flatMap((resource) =>
        Object.entries(resource.inputs)
          .filter(([, value]) => strings(value).some((text) => text.includes(token)))
          .map(([key]) => ({ resource, key })),
      );
      expect(
        carriers.map((c) => `${c.resource.type}.${c.key}`),
        token.slice(0, 4),
      ).to.deep.equal([`${INTEGRATION}.integrationUri`]);
      expect(carriers[0]?.resource.secretInputs).to.include("integrationUri");
    }
  });

  it("keeps the every-server destination's route and integration under the names and URNs a single-webhook stack has", async () => {
    const single = await runProgram();
    for (const [type, name] of [
      [ROUTE, "stepcord-webhook-route"],
      [INTEGRATION, "stepcord-webhook-discord"],
    ] as const) {
      const before = single.one(type, name);
      const after = program.resources.find((r) => r.type === type && r.name === name);
      expect(after?.urn, name).to.equal(before.urn);
      expect(after?.inputs, name).to.deep.equal(before.inputs);
    }
  });

  it("lets the state machine role invoke exactly the configured routes: not another method, stage, path or API", async () => {
    const policy = JSON.parse(
      program.one("aws:iam/rolePolicy:RolePolicy", "-notifier-invoke-webhook").inputs.policy as string,
    ) as PolicyDocument;
    const arn = (stage: string, route: string, apiId = webhookApi) =>
      `arn:aws:execute-api:eu-west-1:${MOCK_ACCOUNT}:${apiId}/${stage}/${route}`;
    const configured = [
      "POST/",
      `POST/destinations/g${GUILD_A}`,
      `POST/destinations/g${GUILD_A}-c${VOICE_A}`,
      `POST/destinations/g${GUILD_B}`,
    ];
    // iam-simulate knows no resource type for the root route's ARN (it ends in `POST/`), so that one is asked of
    // the repo's own evaluator only, as program-iam.test.ts does; every other ARN is asked of both.
    for (const route of configured) {
      expect(pbacAllows(policy, "execute-api:Invoke", arn("$default", route)), route).to.equal(true);
      if (route !== "POST/")
        expect(await identityDecision(policy, "execute-api:Invoke", arn("$default", route)), route).to.equal(
          "Allowed",
        );
    }
    const neighbours = [
      arn("$default", `GET/destinations/g${GUILD_A}`),
      arn("prod", `POST/destinations/g${GUILD_B}`),
      arn("$default", "POST/destinations/g999999999999999999"),
      arn("$default", `POST/destinations/g${GUILD_B}-c${VOICE_A}`),
      arn("$default", `POST/destinations/g${GUILD_A}/extra`),
      arn("$default", "POST/destinations/default"),
      arn("$default", `POST/destinations/g${GUILD_A}`, program.outputs.eventsApiId as string),
    ];
    for (const resource of neighbours) {
      expect(pbacAllows(policy, "execute-api:Invoke", resource), resource).to.equal(false);
      expect(await identityDecision(policy, "execute-api:Invoke", resource), resource).to.equal(
        "ImplicitlyDenied",
      );
    }
    expect(pbacAllows(policy, "execute-api:Invoke", arn("$default", "GET/"))).to.equal(false);
  });

  it("exports the bot's directory of servers, rules and destinations, with no token in any output", () => {
    const directory = program.outputs.servers as {
      destinations: { id: string; guildId?: string; voiceChannelId?: string; rateLimitKey: string }[];
      rules: Record<string, unknown>;
      everyServer: boolean;
    };
    expect(directory.destinations.map((d) => d.id)).to.deep.equal([
      `g${GUILD_A}-c${VOICE_A}`,
      `g${GUILD_A}`,
      `g${GUILD_B}`,
      "default",
    ]);
    expect(directory.rules).to.have.all.keys(GUILD_B);
    expect(directory.everyServer).to.equal(true);
    const text = JSON.stringify(program.outputs);
    for (const token of [MOCK_TOKEN, TOKEN_A, TOKEN_A_QUIET, TOKEN_B]) expect(text).not.to.include(token);
    expect(text).not.to.include("/webhooks/");
    expect(program.secretOutputs).to.deep.equal(["botSecretAccessKey"]);
  });

  it("fails the preview, naming IAM's limit, when the routes would not fit the workflow role's policies", function () {
    this.timeout(60_000);
    const many = Object.fromEntries(
      Array.from({ length: 60 }, (_, i) => {
        const guild = String(100000000000000000n + BigInt(i));
        const webhook = `https://discord.com/api/webhooks/${String(600000000000000000n + BigInt(i))}/${TOKEN_A}`;
        return [guild, { webhookUrl: webhook, channels: { [guild]: { threadId: THREAD_B } } }];
      }),
    );
    const servers = serversConfig(many);
    expect(() =>
      runProgramInChild({ ...DEFAULT_TEST_CONFIG, ...servers.config }, [
        ...DEFAULT_SECRET_KEYS,
        ...servers.secretKeys,
      ]),
    ).to.throw(/stepcord-notifier-role come to \d+ characters; IAM allows 10240 per role/);
  });
});
