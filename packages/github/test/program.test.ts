import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { GithubDeployRoles } from "../src/components/github-deploy-roles.js";

type Res = { type: string; name: string; inputs: Record<string, unknown> };
const resources: Res[] = [];
const resolved = <T>(o: pulumi.Output<T>) => new Promise<T>((r) => o.apply(r));
const KMS_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const inlinePolicies = () => resources.filter((x) => x.type === "aws:iam/rolePolicy:RolePolicy");

describe("the stepcord-github bootstrap program", () => {
  let program: typeof import("../index.js");

  before(async () => {
    pulumi.runtime.setAllConfig({
      "project:githubOwner": "acme",
      "project:githubRepo": "stepcord",
      "project:githubOwnerId": "11",
      "project:githubRepoId": "22",
      "project:kmsKeyArn": KMS_KEY,
    });
    await pulumi.runtime.setMocks(
      {
        newResource: (a) => {
          resources.push({ type: a.type, name: a.name, inputs: a.inputs });
          return {
            id: `${a.name}-id`,
            state: { ...a.inputs, arn: `arn:aws:iam::123456789012:x/${a.name}`, name: a.name },
          };
        },
        call: (a) =>
          a.token === "aws:index/getCallerIdentity:getCallerIdentity"
            ? { accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/admin", userId: "x" }
            : a.token === "aws:index/getPartition:getPartition"
              ? { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" }
              : a.inputs,
      },
      "project",
      "stack",
      false,
    );
    program = await import("../index.js");
    await resolved(program.deployRoleArns);
  });

  const trustOf = (name: string) => {
    const r = resources.find((x) => x.type === "aws:iam/role:Role" && x.name === name);
    if (!r) throw new Error(`no role ${name}`);
    return JSON.parse(r.inputs.assumeRolePolicy as string);
  };
  const subs = (name: string) =>
    trustOf(name).Statement[0].Condition.StringLike["token.actions.githubusercontent.com:sub"];

  it("creates the GitHub OIDC provider for the sts.amazonaws.com audience", () => {
    const p = resources.find((x) => x.type === "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
    expect(p?.inputs.url).to.equal("https://token.actions.githubusercontent.com");
    expect(p?.inputs.clientIdLists).to.deep.equal(["sts.amazonaws.com"]);
  });

  it("trusts the preview role for pull_request only, in both subject formats", () => {
    expect(subs("stepcord-github-preview")).to.deep.equal([
      "repo:acme/stepcord:pull_request",
      "repo:acme@11/stepcord@22:pull_request",
    ]);
  });

  it("trusts each deploy role for its own environment only", () => {
    expect(subs("stepcord-github-deploy-dev")).to.deep.equal([
      "repo:acme/stepcord:environment:dev",
      "repo:acme@11/stepcord@22:environment:dev",
    ]);
    expect(subs("stepcord-github-deploy-prod")).to.deep.equal([
      "repo:acme/stepcord:environment:prod",
      "repo:acme@11/stepcord@22:environment:prod",
    ]);
  });

  it("never trusts a wildcard principal and always checks the audience", () => {
    for (const r of resources.filter((x) => x.type === "aws:iam/role:Role")) {
      const st = JSON.parse(r.inputs.assumeRolePolicy as string).Statement[0];
      expect(st.Principal).to.have.keys("Federated");
      expect(JSON.stringify(st.Principal)).to.not.contain("*");
      expect(st.Condition.StringEquals).to.deep.equal({
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
      });
    }
  });

  it("exports the preview role, one deploy role per environment and the provider", async () => {
    expect(Object.keys(await resolved(program.deployRoleArns))).to.deep.equal(["dev", "prod"]);
    expect(await resolved(program.previewRoleArn)).to.contain("stepcord-github-preview");
    expect(await resolved(program.oidcProviderArn)).to.contain("oidc");
  });

  it("creates the permissions boundary under its fixed name and holds every deploy role to it", async () => {
    const boundary = resources.find(
      (x) => x.type === "aws:iam/policy:Policy" && x.inputs.name === "stepcord-permissions-boundary",
    );
    expect(boundary, "the boundary policy").to.not.equal(undefined);
    const boundaryArn = await resolved(program.permissionsBoundaryArn);
    const deployPolicies = inlinePolicies().filter((x) => x.name.includes("-deploy-"));
    expect(deployPolicies).to.have.length(2);
    for (const p of deployPolicies) {
      const statements = JSON.parse(p.inputs.policy as string).Statement as Array<{
        Sid: string;
        Condition?: unknown;
      }>;
      const create = statements.find((st) => st.Sid === "CreatePrincipalsOnlyWithTheBoundary");
      expect(create?.Condition).to.deep.equal({ StringEquals: { "iam:PermissionsBoundary": boundaryArn } });
    }
  });

  it("lets the preview role decrypt with the secrets provider's key, and only that", () => {
    const onPreview = inlinePolicies().filter((x) => x.inputs.role === "stepcord-github-preview-id");
    expect(onPreview.map((x) => x.name)).to.deep.equal(["stepcord-github-preview-secrets-key"]);
    expect(JSON.parse(onPreview[0]?.inputs.policy as string).Statement).to.deep.equal([
      { Sid: "DecryptStackSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: KMS_KEY },
    ]);
  });

  it("lets each deploy role encrypt and decrypt with the secrets provider's key", () => {
    const deployPolicies = inlinePolicies().filter((x) => x.name.includes("-deploy-"));
    for (const p of deployPolicies) {
      const statements = JSON.parse(p.inputs.policy as string).Statement as Array<{ Sid: string }>;
      expect(statements.find((st) => st.Sid === "SecretsKey")).to.deep.equal({
        Sid: "SecretsKey",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt"],
        Resource: KMS_KEY,
      });
    }
  });

  it("gives the preview role no KMS policy when no secrets key is configured", async () => {
    const roles = new GithubDeployRoles("no-kms", {
      oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
      owner: "acme",
      repo: "stepcord",
      ownerId: "11",
      repoId: "22",
      environments: ["dev"],
      partition: "aws",
      accountId: "123456789012",
      permissionsBoundaryArn: "arn:aws:iam::123456789012:policy/stepcord-permissions-boundary",
    });
    await resolved(roles.deployRoleArns);
    const names = inlinePolicies()
      .map((x) => x.name)
      .filter((n) => n.startsWith("no-kms-"));
    expect(names).to.deep.equal(["no-kms-deploy-dev-policy"]);
  });

  it("parents every resource to a stepcord:github component", () => {
    const components = [
      ...new Set(resources.filter((x) => x.type.startsWith("stepcord:github:")).map((x) => x.type)),
    ];
    expect(components).to.have.members([
      "stepcord:github:PermissionsBoundary",
      "stepcord:github:DeployRoles",
    ]);
  });
});

describe("the stepcord-github bootstrap program without GitHub's numeric ids", () => {
  it("fails before creating anything, naming the gh commands that find the ids", async () => {
    pulumi.runtime.setAllConfig({ "project:githubOwner": "acme", "project:githubRepo": "stepcord" });
    const before = resources.length;
    let thrown: unknown;
    try {
      // A fresh module instance: the query string keeps it apart from the import above.
      await import(`../index.js?without-ids=${Date.now()}`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.have.property("name", "BootstrapConfigError");
    expect(String((thrown as Error).message)).to.include("gh api repos/acme/stepcord --jq .owner.id");
    expect(resources.length).to.equal(before);
  });
});
