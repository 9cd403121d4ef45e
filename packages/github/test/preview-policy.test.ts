import { pbacAllows } from "@stepcord/definitions/testing";
import { expect } from "chai";
import { deployPolicy } from "../src/deploy-policy.js";
import { previewSecretsKeyPolicy } from "../src/preview-policy.js";
import { ACCOUNT, BOUNDARY_ARN, REGION } from "./support/simulate.js";

// pbac, not iam-simulate: iam-simulate rightly denies every KMS call without a key policy, and these tests are about
// the identity policies alone. On AWS the key policy must let IAM policies grant access (the default key policy does).
const decide = (policy: object, action: string, resource: string) =>
  pbacAllows(policy as never, action, resource) ? "Allowed" : "ImplicitlyDenied";

const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const otherKey = `arn:aws:kms:${REGION}:${ACCOUNT}:key/99999999-0000-4000-8000-000000000000`;

describe("previewSecretsKeyPolicy", () => {
  const policy = previewSecretsKeyPolicy({ kmsKeyArn: key });

  it("lets a preview decrypt stack secrets with the secrets provider's key", () => {
    expect(decide(policy, "kms:Decrypt", key)).to.equal("Allowed");
  });

  it("allows nothing else: no other key, no encryption, no key management", () => {
    expect(decide(policy, "kms:Decrypt", otherKey)).to.equal("ImplicitlyDenied");
    for (const action of [
      "kms:Encrypt",
      "kms:GenerateDataKey",
      "kms:ReEncryptFrom",
      "kms:ScheduleKeyDeletion",
    ]) {
      expect(decide(policy, action, key), action).to.equal("ImplicitlyDenied");
    }
  });
});

describe("the deploy policy's use of the secrets key", () => {
  const policy = deployPolicy({
    partition: "aws",
    accountId: ACCOUNT,
    permissionsBoundaryArn: BOUNDARY_ARN,
    kmsKeyArn: key,
  });

  it("encrypts and decrypts with that key, what Pulumi's awskms provider calls", () => {
    expect(decide(policy, "kms:Encrypt", key)).to.equal("Allowed");
    expect(decide(policy, "kms:Decrypt", key)).to.equal("Allowed");
  });

  it("may not use another key or manage the key", () => {
    expect(decide(policy, "kms:Decrypt", otherKey)).to.equal("ImplicitlyDenied");
    expect(decide(policy, "kms:ScheduleKeyDeletion", key)).to.equal("ImplicitlyDenied");
    expect(decide(policy, "kms:PutKeyPolicy", key)).to.equal("ImplicitlyDenied");
  });
});
