import { notifierDefinition } from "@stepcord/definitions";
import { expect } from "chai";
import { pino } from "pino";
import { LOCAL_WEBHOOK_HOST, UnsupportedDefinitionError, WorkflowRunner } from "../src/index.js";

const logger = pino({ level: "silent" });
const definition = notifierDefinition({
  webhookApiHost: LOCAL_WEBHOOK_HOST,
  ledgerTableName: "stepcord-ledger",
});

describe("WorkflowRunner", () => {
  it("refuses a JSONata definition, which aws-local-stepfunctions would ignore silently", () => {
    expect(
      () =>
        new WorkflowRunner({
          stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:x",
          definition: { ...definition, QueryLanguage: "JSONata" as never },
          taskHandlers: { PostToDiscord: async () => ({}) },
          logger,
        }),
    ).to.throw(UnsupportedDefinitionError, "JSONata");
  });

  it("refuses to start when a Task state has no local handler, instead of calling real AWS", () => {
    expect(
      () =>
        new WorkflowRunner({
          stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:x",
          definition,
          taskHandlers: {},
          logger,
        }),
    ).to.throw(UnsupportedDefinitionError, "PostToDiscord");
  });
});
