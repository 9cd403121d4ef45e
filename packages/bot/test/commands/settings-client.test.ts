import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { memberPermissionsSplit, noServerSettings } from "@stepcord/definitions";
import { expect } from "chai";
import { SettingsCallError } from "../../src/commands/settings-call-error.js";
import { SettingsClient } from "../../src/commands/settings-client.js";
import { TEST_CREDENTIALS } from "../support/verifying-server.js";

const GUILD = "100000000000000001";
const CALL = {
  version: 1 as const,
  interactionId: "1300000000000000001",
  guildId: GUILD,
  userId: "300000000000000001",
  memberPermissions: "32",
  ...memberPermissionsSplit("32"),
  request: { kind: "status" as const },
};

describe("SettingsClient", () => {
  let reply: [number, string] = [200, ""];
  const seen: Array<{ path: string; authorization: string | undefined }> = [];
  const server: Server = createServer((req, res) => {
    seen.push({ path: req.url ?? "", authorization: req.headers.authorization });
    req.resume();
    req.on("end", () => res.writeHead(reply[0], { "content-type": "application/json" }).end(reply[1]));
  });
  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/prod/settings`;
  const client = (over: Partial<ConstructorParameters<typeof SettingsClient>[0]> = {}) =>
    new SettingsClient({ url: url(), credentials: TEST_CREDENTIALS, region: "eu-west-1", ...over });
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof SettingsCallError) return error;
      throw error;
    }
    throw new Error("expected a SettingsCallError");
  };

  before(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  });
  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it("signs the POST for execute-api and reads the SettingsAnswer out of StartSyncExecution's output", async () => {
    const answer = { outcome: "status", settings: noServerSettings(GUILD) };
    reply = [200, JSON.stringify({ status: "SUCCEEDED", output: JSON.stringify(answer) })];
    expect(await client().call(CALL)).to.deep.equal(answer);
    expect(seen.at(-1)?.authorization).to.match(
      /^AWS4-HMAC-SHA256 Credential=AKIDSTEPCORDTEST\/\d{8}\/eu-west-1\/execute-api\//,
    );
  });

  it("names a 403 as the bot identity's missing grant, with the fix", async () => {
    reply = [403, '{"message":"Forbidden"}'];
    const error = await failure(client().call(CALL));
    expect(error.code).to.equal("SETTINGS_FORBIDDEN");
    expect(error.message).to.contain("pulumi up");
    expect(error.passing).to.equal(false);
  });

  it("names a 404 as a stack without the settings route", async () => {
    reply = [404, '{"message":"Not Found"}'];
    expect((await failure(client().call(CALL))).code).to.equal("SETTINGS_NOT_DEPLOYED");
  });

  it("takes a 5xx and a failed execution as passing faults the admin can retry", async () => {
    reply = [500, ""];
    expect((await failure(client().call(CALL))).passing).to.equal(true);
    reply = [200, JSON.stringify({ status: "FAILED", error: "States.TaskFailed", cause: "x" })];
    const failed = await failure(client().call(CALL));
    expect([failed.code, failed.passing]).to.deep.equal(["SETTINGS_FAILED", true]);
  });

  it("refuses an output that is not a SettingsAnswer as a version mismatch", async () => {
    reply = [200, JSON.stringify({ status: "SUCCEEDED", output: '{"outcome":"delivered"}' })];
    expect((await failure(client().call(CALL))).code).to.equal("SETTINGS_BAD_ANSWER");
  });

  it("says the endpoint is unreachable when nothing answers", async () => {
    const error = await failure(client({ url: "http://127.0.0.1:1/settings" }).call(CALL));
    expect([error.code, error.passing]).to.deep.equal(["SETTINGS_UNREACHABLE", true]);
  });

  it("calls nothing without a settings URL and says which variable to set", async () => {
    const before = seen.length;
    const error = await failure(client({ url: undefined }).call(CALL));
    expect(error.code).to.equal("SETTINGS_NOT_CONFIGURED");
    expect(error.message).to.contain("SETTINGS_ENDPOINT");
    expect(seen.length).to.equal(before);
  });
});
