import { StateMachine } from "aws-local-stepfunctions";
import { expect } from "chai";

/**
 * The local engine is patched (patches/aws-local-stepfunctions@3.0.0.patch) to be as strict as Step Functions is
 * documented to be: States.MathAdd, States.MathRandom and States.ArrayRange take "integer" values
 * (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html), a 32-bit int on the JVM. Unverified
 * beyond the docs' "integer"; docs/local-stack.md lists it as a deliberate strictness.
 */
async function failureOf(expression: string, input: Record<string, number>): Promise<Error | undefined> {
  const machine = new StateMachine({
    StartAt: "Compute",
    States: { Compute: { Type: "Pass", Parameters: { "value.$": expression }, End: true } },
  } as never);
  try {
    await machine.run(input).result;
    return undefined;
  } catch (error) {
    return (error as Error).cause as Error;
  }
}

describe("intrinsic integer range (the patched local engine)", () => {
  it("adds values whose arguments and sum are 32-bit integers", async () => {
    expect(await failureOf("States.MathAdd($.a, $.b)", { a: 2_147_483_646, b: 1 })).to.equal(undefined);
    expect(await failureOf("States.MathAdd($.a, $.b)", { a: -2_147_483_647, b: -1 })).to.equal(undefined);
  });

  it("fails the execution with States.Runtime when a MathAdd argument is beyond 2^31 - 1", async () => {
    const failure = await failureOf("States.MathAdd($.a, $.b)", { a: 2 ** 53 - 1, b: -(2 ** 52) });
    expect(failure?.name).to.equal("States.Runtime");
  });

  it("fails the execution with States.Runtime when a MathAdd sum leaves the 32-bit range", async () => {
    expect((await failureOf("States.MathAdd($.a, $.b)", { a: 2_147_483_647, b: 1 }))?.name).to.equal(
      "States.Runtime",
    );
    expect((await failureOf("States.MathAdd($.a, $.b)", { a: -2_147_483_648, b: -1 }))?.name).to.equal(
      "States.Runtime",
    );
  });

  it("fails States.MathRandom with a bound beyond 2^31 - 1", async () => {
    expect((await failureOf("States.MathRandom($.a, $.b)", { a: 0, b: 2 ** 31 }))?.name).to.equal(
      "States.Runtime",
    );
  });

  it("fails States.ArrayRange with an end beyond 2^31 - 1", async () => {
    expect(
      (await failureOf("States.ArrayRange($.a, $.b, 1)", { a: 2 ** 31, b: 2 ** 31 + 2 }))?.name,
    ).to.equal("States.Runtime");
  });
});
