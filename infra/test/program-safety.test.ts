import { findWildcardAllows, type PolicyDocument } from "@stepcord/definitions";
import { expect } from "chai";
import { MOCK_WEBHOOK_URL, type MockedProgram, runProgram } from "./harness/program.js";

const TOKEN = MOCK_WEBHOOK_URL.split("/").at(-1) as string;
const CONTRACT_OUTPUTS = [
  "botAccessKeyId",
  "botSecretAccessKey",
  "dashboardUrl",
  "deliveryLedgerTable",
  "eventsApiId",
  "eventsEndpoint",
  "invokerPolicyArn",
  "region",
  "servers",
  "settingsEndpoint",
  "settingsStateMachineArn",
  "settingsTable",
  "stateMachineArn",
  "webhookApiId",
];

/** Every string anywhere inside a value, with its path. */
function strings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => strings(item, path ? `${path}.${key}` : key));
  }
  return [];
}

function policyDocuments(program: MockedProgram): [string, PolicyDocument][] {
  const documents: [string, PolicyDocument][] = [];
  for (const resource of program.resources) {
    for (const key of ["policy", "assumeRolePolicy"]) {
      const text = resource.inputs[key];
      if (typeof text === "string" && text.includes("Statement"))
        documents.push([`${resource.name}.${key}`, JSON.parse(text)]);
    }
  }
  return documents;
}

describe("the Pulumi program's safety rules", () => {
  let program: MockedProgram;
  before(async () => {
    program = await runProgram();
  });

  it("never puts undefined, null, NaN or [object Object] into any input", () => {
    for (const resource of program.resources) {
      for (const [path, text] of strings(resource.inputs)) {
        expect(text, `${resource.name}.${path}`).not.to.match(/undefined|\[object Object\]|\bNaN\b/);
      }
    }
  });

  it("has no Allow with a bare * except AWS's documented log-delivery actions", () => {
    const documents = policyDocuments(program);
    expect(documents.length).to.be.greaterThan(5);
    for (const [where, document] of documents) {
      expect(findWildcardAllows(document), where).to.deep.equal([]);
    }
  });

  it("sends the webhook URL only as a secret, in exactly one input", () => {
    const carriers = program.resources.flatMap((resource) =>
      strings(resource.inputs)
        .filter(([, text]) => text.includes(TOKEN))
        .map(([path]) => ({ resource, key: path.split(".")[0] as string })),
    );
    expect(carriers.map((c) => `${c.resource.name}.${c.key}`)).to.deep.equal([
      "stepcord-webhook-discord.integrationUri",
    ]);
    for (const { resource, key } of carriers) expect(resource.secretInputs).to.include(key);
  });

  it("exports the contract's outputs and no webhook URL", () => {
    expect(Object.keys(program.outputs).sort()).to.deep.equal(CONTRACT_OUTPUTS);
    expect(JSON.stringify(program.outputs)).not.to.include(TOKEN);
    expect(program.outputs.eventsEndpoint).to.match(
      /^https:\/\/[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com\/events$/,
    );
  });

  it("marks the bot's secret access key as a secret output", () => {
    expect(program.secretOutputs).to.deep.equal(["botSecretAccessKey"]);
  });

  it("tags every AWS resource through a provider with default tags", () => {
    const provider = program.one("pulumi:providers:aws");
    // Providers receive nested inputs as JSON text.
    expect(JSON.parse(provider.inputs.defaultTags as string)).to.deep.equal({
      tags: { project: "stepcord", stack: "test", "managed-by": "pulumi" },
    });
    const awsResources = program.resources.filter((r) => r.type.startsWith("aws:"));
    expect(awsResources.length).to.be.greaterThan(30);
    for (const resource of awsResources)
      expect(resource.provider, resource.name).to.include("::stepcord-aws::");
  });

  it("names every component and child stepcord-<concern>-<role>", () => {
    for (const resource of program.resources)
      expect(resource.name).to.match(/^stepcord-[a-z]+(-[a-z0-9]+)*$/);
    const components = program.resources.filter((r) => r.type.startsWith("stepcord:")).map((r) => r.type);
    expect(components.sort()).to.deep.equal([
      "stepcord:events:EventsApi",
      "stepcord:identity:BotIdentity",
      "stepcord:ledger:DeliveryLedger",
      "stepcord:monitoring:Monitoring",
      "stepcord:settings:SettingsTable",
      "stepcord:webhook:WebhookProxy",
      "stepcord:workflow:NotifierWorkflow",
      "stepcord:workflow:SettingsWorkflow",
    ]);
  });
});
