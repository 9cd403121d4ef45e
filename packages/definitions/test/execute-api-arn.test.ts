import { expect } from "chai";
import fc from "fast-check";
import {
  DEFAULT_STAGE,
  executeApiArn,
  executeApiHost,
  executeApiUrl,
  InvalidArnPartError,
} from "../src/index.js";

const webhookRoute = {
  partition: "aws",
  region: "eu-west-1",
  account: "123456789012",
  apiId: "a1b2c3d4e5",
  stage: DEFAULT_STAGE,
  method: "POST",
  path: "/",
} as const;

describe("executeApiArn", () => {
  it("puts $default and the path after the method, never 'undefined'", () => {
    expect(executeApiArn(webhookRoute)).to.equal(
      "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/$default/POST/",
    );
    expect(executeApiArn({ ...webhookRoute, path: "/events" })).to.equal(
      "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/$default/POST/events",
    );
  });

  it("refuses the parts AWS CDK turns into .../undefined/POSTundefined (aws/aws-cdk#17464)", () => {
    const cdkWay = { ...webhookRoute, stage: undefined, path: undefined } as unknown as typeof webhookRoute;
    expect(() => executeApiArn(cdkWay)).to.throw(
      InvalidArnPartError,
      'Invalid ARN part "stage": got undefined',
    );
    expect(() => executeApiArn({ ...webhookRoute, stage: "undefined" })).to.throw(
      InvalidArnPartError,
      "stage",
    );
    expect(() => executeApiArn({ ...webhookRoute, path: "undefined" })).to.throw(InvalidArnPartError, "path");
  });

  it("names the part and the rule when a part is malformed", () => {
    const cases: [Partial<Record<keyof typeof webhookRoute, unknown>>, string][] = [
      [{ account: "12345" }, "account"],
      [{ account: "" }, "account"],
      [{ region: "Europe" }, "region"],
      [{ partition: "amazon" }, "partition"],
      [{ apiId: "[object Object]" }, "apiId"],
      [{ apiId: "NaN" }, "apiId"],
      [{ method: "FETCH" }, "method"],
      [{ path: "events" }, "path"],
      [{ path: "//events" }, "path"],
      [{ stage: "" }, "stage"],
      [{ stage: null }, "stage"],
    ];
    for (const [override, part] of cases) {
      const parts = { ...webhookRoute, ...override } as typeof webhookRoute;
      expect(() => executeApiArn(parts), JSON.stringify(override))
        .to.throw(InvalidArnPartError)
        .with.property("part", part);
    }
  });

  it("always yields six colon fields and a stage/METHOD/path resource for valid parts (property)", () => {
    const lower = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789".split(""));
    const parts = fc.record({
      partition: fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
      region: fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"),
      account: fc.stringMatching(/^\d{12}$/),
      apiId: fc.array(lower, { minLength: 1, maxLength: 12 }).map((chars) => chars.join("")),
      stage: fc.oneof(fc.constant(DEFAULT_STAGE), fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/)),
      method: fc.constantFrom("GET", "POST", "PUT", "DELETE", "*" as const),
      path: fc
        .array(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { maxLength: 4 })
        .map((segments) => `/${segments.join("/")}`),
    });
    fc.assert(
      fc.property(parts, (p) => {
        const arn = executeApiArn(p);
        const fields = arn.split(":");
        expect(fields).to.have.length(6);
        expect(fields.slice(0, 5)).to.deep.equal(["arn", p.partition, "execute-api", p.region, p.account]);
        expect(fields[5]).to.equal(`${p.apiId}/${p.stage}/${p.method}${p.path}`);
        expect(arn).not.to.match(/undefined|null|NaN|\[object/);
      }),
    );
  });

  it("throws rather than builds whenever any part is missing (property)", () => {
    const keys = ["partition", "region", "account", "apiId", "stage", "method", "path"] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.constantFrom(undefined, null, "", "undefined", Number.NaN, {}),
        (key, bad) => {
          const parts = { ...webhookRoute, [key]: bad } as unknown as typeof webhookRoute;
          expect(() => executeApiArn(parts)).to.throw(InvalidArnPartError);
        },
      ),
    );
  });
});

describe("executeApiHost", () => {
  it("is the bare host Step Functions wants as ApiEndpoint, without scheme or path", () => {
    expect(executeApiHost({ apiId: "a1b2c3d4e5", region: "eu-west-1" })).to.equal(
      "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com",
    );
  });

  it("builds the https URL of a route for the bot", () => {
    expect(executeApiUrl({ apiId: "a1b2c3d4e5", region: "eu-west-1", path: "/events" })).to.equal(
      "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/events",
    );
  });

  it("refuses an unresolved API id", () => {
    expect(() => executeApiHost({ apiId: "undefined", region: "eu-west-1" })).to.throw(
      InvalidArnPartError,
      "apiId",
    );
  });
});
