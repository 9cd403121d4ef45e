import { expect } from "chai";
import { classifyAnswer } from "../../src/delivery/delivery-outcome.js";

const actions = (codes: number[]) => codes.map((code) => `${code} ${classifyAnswer(code).action}`);

describe("classifyAnswer", () => {
  it("counts every 2xx as delivered", () => {
    expect(actions([200, 201, 202, 204, 299])).to.deep.equal([
      "200 delivered",
      "201 delivered",
      "202 delivered",
      "204 delivered",
      "299 delivered",
    ]);
  });

  it("rejects a 4xx that refuses the batch itself, such as 400, 404 and 413", () => {
    expect(actions([400, 404, 413, 422])).to.deep.equal([
      "400 reject",
      "404 reject",
      "413 reject",
      "422 reject",
    ]);
  });

  it("retries a 403 (the signature or the grant, not the batch) and a 429 (throttling)", () => {
    expect(classifyAnswer(403)).to.deep.equal({ action: "retry", why: "signing" });
    expect(classifyAnswer(429)).to.deep.equal({ action: "retry", why: "throttled" });
  });

  it("retries 5xx and any status it does not expect, such as a redirect", () => {
    expect(actions([500, 502, 503, 504, 301, 100])).to.deep.equal([
      "500 retry",
      "502 retry",
      "503 retry",
      "504 retry",
      "301 retry",
      "100 retry",
    ]);
  });
});
