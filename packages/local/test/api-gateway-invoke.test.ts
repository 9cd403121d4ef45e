import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { pino } from "pino";
import { apiGatewayInvokeHandler } from "../src/api-gateway-invoke.js";

describe("the apigateway:invoke stand-in", () => {
  let server: Server;
  let base: string;
  before(async () => {
    // Discord's 429 as the webhook proxy passes it through: retry_after 5 s.
    server = createServer((_req, res) => {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "5" });
      res.end(JSON.stringify({ message: "You are being rate limited.", retry_after: 5, global: false }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("fails a 429 as ApiGateway.429 with Discord's answer as the cause, leaving any wait to the definition", async () => {
    const handler = apiGatewayInvokeHandler({
      endpoints: new Map([["api.example", base]]),
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
      region: "us-east-1",
      logger: pino({ level: "silent" }),
    });
    const error = await handler({
      ApiEndpoint: "api.example",
      Method: "POST",
      AuthType: "IAM_ROLE",
      RequestBody: {},
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.name).to.equal("ApiGateway.429");
    expect(JSON.parse(error?.message ?? "{}")).to.include({ retry_after: 5 });
  });
});
