import { expect } from "chai";
import {
  findWildcardAllows,
  LEDGER_ACTIONS,
  ledgerPolicy,
  startExecutionPolicy,
  startSyncExecutionPolicy,
} from "../src/index.js";
import { ACCOUNT, identityDecision } from "./support/simulate.js";

const table = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/stepcord-ledger-1a2b3c`;
const otherTable = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/orders`;
const stateMachine = `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:stepcord-notifier`;

describe("ledgerPolicy (IAM simulator)", () => {
  const policy = ledgerPolicy(table);

  it("allows the workflow's four item calls on the ledger table", async () => {
    for (const action of LEDGER_ACTIONS) {
      expect(await identityDecision(policy, action, table), action).to.equal("Allowed");
    }
  });

  it("denies the same calls on any other table, and on the table's indexes", async () => {
    for (const action of LEDGER_ACTIONS) {
      expect(await identityDecision(policy, action, otherTable), action).to.equal("ImplicitlyDenied");
      expect(await identityDecision(policy, action, `${table}/index/by-status`), action).to.equal(
        "ImplicitlyDenied",
      );
    }
  });

  it("denies scanning, querying, batch calls and dropping the table", async () => {
    for (const action of [
      "dynamodb:Scan",
      "dynamodb:Query",
      "dynamodb:BatchWriteItem",
      "dynamodb:DeleteTable",
    ]) {
      expect(await identityDecision(policy, action, table), action).to.equal("ImplicitlyDenied");
    }
  });

  it("has no wildcard and refuses a wildcard or index ARN", () => {
    expect(findWildcardAllows(policy)).to.deep.equal([]);
    for (const bad of ["*", `${table}/index/*`, `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/*`]) {
      expect(() => ledgerPolicy(bad), bad).to.throw(TypeError, "DynamoDB table ARN");
    }
  });
});

describe("startSyncExecutionPolicy (IAM simulator)", () => {
  it("allows StartSyncExecution on this state machine, which StartExecution's grant does not", async () => {
    const policy = startSyncExecutionPolicy(stateMachine);
    expect(await identityDecision(policy, "states:StartSyncExecution", stateMachine)).to.equal("Allowed");
    expect(await identityDecision(policy, "states:StartSyncExecution", `${stateMachine}-other`)).to.equal(
      "ImplicitlyDenied",
    );
    expect(
      await identityDecision(startExecutionPolicy(stateMachine), "states:StartSyncExecution", stateMachine),
    ).to.equal("ImplicitlyDenied");
  });
});
