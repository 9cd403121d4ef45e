import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { CIRCUIT_KEY } from "@stepcord/definitions";
import { parseDeliveryOutcome } from "@stepcord/events";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { type LocalStack, startLocalStack } from "../src/index.js";
import { postSigned } from "./support/post.js";

const run = promisify(execFile);

describe("closing the webhook circuit with the command docs/deploy.md gives", () => {
  let stack: LocalStack;
  before(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
  });
  after(() => stack.close());

  const send = async (batchId: string) => {
    const answer = await postSigned(
      stack.eventsEndpoint,
      { ...fixtureBatches.join, batchId },
      stack.identities.bot,
      stack,
    );
    return parseDeliveryOutcome(JSON.parse(answer.body));
  };

  it("lets a parked batch be redelivered once `aws dynamodb delete-item` removed the circuit item", async function () {
    this.timeout(60_000);
    try {
      await run("aws", ["--version"]);
    } catch {
      if (process.env.CI === "true") throw new Error("the aws CLI is required under CI=true");
      console.log("      skipped: the aws CLI is not installed");
      this.skip();
    }
    stack.fakeWebhook?.injectFaults([{ status: 404, code: 10015 }]);
    const parked = "50000000-0000-4000-8000-000000000001";
    expect((await send(parked)).outcome).to.equal("parked");
    expect((await send(parked)).outcome, "the circuit is open").to.equal("parked");
    // The runbook's command, with the two variables `pnpm local` prints.
    const printed = Object.fromEntries(stack.envLines().map((line) => line.split(/=(.*)/s).slice(0, 2)));
    await run(
      "aws",
      [
        "dynamodb",
        "delete-item",
        "--table-name",
        String(printed.STEPCORD_LEDGER_TABLE),
        "--key",
        JSON.stringify({ pk: { S: CIRCUIT_KEY } }),
        "--endpoint-url",
        String(printed.STEPCORD_LEDGER_ENDPOINT),
      ],
      {
        env: {
          PATH: process.env.PATH,
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          AWS_DEFAULT_REGION: stack.region,
          AWS_CONFIG_FILE: "/dev/null",
          AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        },
      },
    );
    expect(await send(parked)).to.deep.include({ outcome: "delivered", batchId: parked });
    expect(stack.fakeWebhook?.messages()).to.have.length(1);
  });
});
