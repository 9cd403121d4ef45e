import { expect } from "chai";
import {
  checkRoleInlinePolicySize,
  DEFAULT_STAGE,
  destinationRoute,
  executeApiArn,
  invokePolicy,
  ledgerPolicy,
  MAX_ROLE_INLINE_POLICY_CHARS,
  rolePolicyChars,
  workflowLogDeliveryPolicy,
} from "../src/index.js";

const scope = {
  partition: "aws",
  region: "eu-west-1",
  account: "123456789012",
  apiId: "w3bh00k1d",
  stage: DEFAULT_STAGE,
};
const ledger = ledgerPolicy("arn:aws:dynamodb:eu-west-1:123456789012:table/stepcord-ledger-1a2b3c4");

/** The workflow role's three inline policies with `servers` servers, each with one channel override. */
function workflowRolePolicies(servers: number) {
  const ids = ["default"];
  for (let i = 0; i < servers; i++) {
    const guild = String(100000000000000000n + BigInt(i));
    ids.push(`g${guild}`, `g${guild}-c${guild}`);
  }
  const arns = ids.map((id) => executeApiArn({ ...scope, ...destinationRoute(id) }));
  return [invokePolicy(arns), ledger, workflowLogDeliveryPolicy()];
}

describe("checkRoleInlinePolicySize", () => {
  it("counts the documents' JSON the way IAM does, without white space", () => {
    const document = invokePolicy(["arn:aws:execute-api:eu-west-1:123456789012:a/$default/POST/"]);
    expect(rolePolicyChars([document])).to.equal(JSON.stringify(document).length);
    expect(rolePolicyChars([document, document])).to.equal(2 * JSON.stringify(document).length);
  });

  it("accepts the workflow role of a stack with 30 servers, each with a channel override", () => {
    expect(() => checkRoleInlinePolicySize("the workflow role", workflowRolePolicies(30))).not.to.throw();
  });

  it("refuses, naming the count and the fix, once the role's policies pass IAM's 10,240 characters", () => {
    const policies = workflowRolePolicies(60);
    expect(rolePolicyChars(policies)).to.be.greaterThan(MAX_ROLE_INLINE_POLICY_CHARS);
    expect(() => checkRoleInlinePolicySize("the workflow role", policies)).to.throw(
      RangeError,
      /the workflow role come to \d+ characters; IAM allows 10240 per role\. .*split them over two stacks/,
    );
  });
});
