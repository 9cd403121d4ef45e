import { expect } from "chai";
import { inferServiceAndRegion } from "../src/infer-scope.js";
import { SigningScopeError } from "../src/signing-scope-error.js";

describe("inferServiceAndRegion", () => {
  it("reads execute-api and the region from an API Gateway host", () => {
    expect(inferServiceAndRegion("abc123defg.execute-api.eu-west-1.amazonaws.com")).to.deep.equal({
      service: "execute-api",
      region: "eu-west-1",
    });
  });

  it("reads service and region from a generic <service>.<region>.amazonaws.com host", () => {
    expect(inferServiceAndRegion("states.us-gov-west-1.amazonaws.com")).to.deep.equal({
      service: "states",
      region: "us-gov-west-1",
    });
  });

  it("signs FIPS endpoints with the service's own name", () => {
    expect(inferServiceAndRegion("states-fips.us-east-2.amazonaws.com")).to.deep.equal({
      service: "states",
      region: "us-east-2",
    });
  });

  for (const [host, why] of [
    ["api.stepcord.example", "a custom domain"],
    ["vpce-0123-abcd.execute-api.eu-west-1.vpce.amazonaws.com", "a VPC endpoint"],
    ["abc.execute-api.eu-west-1.amazonaws.com:8443", "a host with a port"],
    ["localhost", "localhost"],
    ["127.0.0.1", "an IP address"],
    ["sts.amazonaws.com", "a global endpoint, where aws4 would silently pick us-east-1"],
  ] as const) {
    it(`refuses ${why} and says to pass region and service explicitly`, () => {
      expect(() => inferServiceAndRegion(host))
        .to.throw(SigningScopeError, /Pass region and service explicitly/)
        .with.property("code", "STEPCORD_SIGNING_SCOPE");
    });
  }
});
