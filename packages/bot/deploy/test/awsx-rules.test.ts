import { expect } from "chai";
import { awsxFargateServiceErrors } from "./support/awsx-rules.js";

// The transcription must refuse what awsx refuses, or the stack test that relies on it could never fail.
describe("the transcription of awsx's FargateService checks", () => {
  const task = { container: { name: "bot" } };

  it("refuses networkConfiguration together with assignPublicIp, as awsx/ecs/fargateService.ts:44-46 does", () => {
    expect(
      awsxFargateServiceErrors({ taskDefinitionArgs: task, networkConfiguration: {}, assignPublicIp: true }),
    ).to.deep.equal(["Only one of `networkConfiguration` or `assignPublicIp` can be provided."]);
  });

  it("refuses a service without any task definition", () => {
    expect(awsxFargateServiceErrors({ networkConfiguration: {} })).to.deep.equal([
      "Either `taskDefinition` or `taskDefinitionArgs` must be provided.",
    ]);
  });

  it("refuses a task definition with both one container and a map of them", () => {
    expect(awsxFargateServiceErrors({ taskDefinitionArgs: { container: {}, containers: {} } })).to.deep.equal(
      ["Exactly one of [container] or [containers] must be provided"],
    );
  });

  it("refuses role args next to an existing role's ARN", () => {
    expect(
      awsxFargateServiceErrors({ taskDefinitionArgs: { ...task, taskRole: { roleArn: "arn", args: {} } } }),
    ).to.deep.equal(["Can't define role args if specified an existing role ARN"]);
  });

  it("accepts one container, existing roles and its own network configuration", () => {
    expect(
      awsxFargateServiceErrors({
        networkConfiguration: {},
        taskDefinitionArgs: { ...task, taskRole: { roleArn: "a" }, executionRole: { roleArn: "b" } },
      }),
    ).to.deep.equal([]);
  });
});
