import { expect } from "chai";
import {
  type AslState,
  NOTIFIER_STATES,
  taskWorstCaseSeconds,
  UnboundedTimeBudgetError,
  WEBHOOK_TIMEOUT_MS,
  worstCaseSeconds,
} from "../src/index.js";
import { testDefinition } from "./support/run-notifier.js";

describe("the notifier's time budget", () => {
  for (const workflowType of ["EXPRESS", "STANDARD"] as const) {
    it(`fits ${workflowType}'s slowest path, every call at its timeout and every retry spent, in its TimeoutSeconds`, () => {
      const definition = testDefinition({ workflowType });
      const budget = worstCaseSeconds(definition);
      expect(budget.seconds, budget.path.join(" → ")).to.be.at.most(definition.TimeoutSeconds);
    });
  }

  it("waits for the webhook API's answer longer than the API waits for Discord, so a late 200 or its 504 arrives", () => {
    for (const workflowType of ["EXPRESS", "STANDARD"] as const) {
      const post = testDefinition({ workflowType }).States[NOTIFIER_STATES.post];
      expect(post?.TimeoutSeconds, workflowType).to.be.greaterThan(WEBHOOK_TIMEOUT_MS / 1000);
    }
  });
});

describe("worstCaseSeconds", () => {
  it("adds up each retrier's attempts and its waits, capped at MaxDelaySeconds", () => {
    const task: AslState = {
      Type: "Task",
      TimeoutSeconds: 10,
      Retry: [
        { ErrorEquals: ["A"], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3 },
        { ErrorEquals: ["B"], IntervalSeconds: 5, BackoffRate: 2, MaxAttempts: 2, MaxDelaySeconds: 6 },
      ],
    };
    // 6 attempts of 10 s; waits 1 + 2 + 4 and 5 + 6.
    expect(taskWorstCaseSeconds("T", task)).to.equal(60 + 7 + 11);
  });

  it("follows the slowest of Next, Choices, Default and Catch", () => {
    const slow: AslState = { Type: "Task", TimeoutSeconds: 7, End: true };
    const fast: AslState = { Type: "Task", TimeoutSeconds: 1, End: true };
    const budget = worstCaseSeconds({
      Comment: "",
      QueryLanguage: "JSONPath",
      StartAt: "Call",
      TimeoutSeconds: 60,
      States: {
        Call: {
          Type: "Task",
          TimeoutSeconds: 2,
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Slow" }],
          Next: "Pick",
        },
        Pick: {
          Type: "Choice",
          Choices: [{ Variable: "$.x", IsPresent: true, Next: "Fast" }],
          Default: "Fast",
        },
        Fast: fast,
        Slow: slow,
      },
    });
    expect(budget).to.deep.equal({ seconds: 9, path: ["Call", "Slow"] });
  });

  it("refuses a Task without TimeoutSeconds and a loop, naming the state", () => {
    const definition = (States: Record<string, AslState>) => ({
      Comment: "",
      QueryLanguage: "JSONPath" as const,
      StartAt: "A",
      TimeoutSeconds: 60,
      States,
    });
    expect(() => worstCaseSeconds(definition({ A: { Type: "Task", End: true } })))
      .to.throw(UnboundedTimeBudgetError)
      .with.property("state", "A");
    expect(() =>
      worstCaseSeconds(definition({ A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "A" } })),
    ).to.throw(UnboundedTimeBudgetError, /loop/);
  });
});
