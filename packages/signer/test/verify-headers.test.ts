import { expect } from "chai";
import { sign } from "../src/sign.js";
import { verify } from "../src/verify.js";

const credentials = { accessKeyId: "AKIDHEADERS", secretAccessKey: "headers/secret" };
const NOW = new Date("2026-02-03T04:05:06Z");
const options = { lookup: async () => ({ secretAccessKey: credentials.secretAccessKey }), now: NOW };

function signedWithRepeatedHeader() {
  return sign({
    request: {
      method: "GET",
      url: "https://abc.execute-api.us-east-1.amazonaws.com/p",
      headers: { "X-Dup": "a,b" },
    },
    credentials,
    now: NOW,
  });
}

describe("verify's header input", () => {
  it("accepts node's rawHeaders, joining a repeated header with a comma", async () => {
    const signed = signedWithRepeatedHeader();
    const raw = Object.entries(signed.headers)
      .filter(([name]) => name !== "x-dup")
      .flat();
    raw.push("X-Dup", "a", "X-Dup", "b");
    const result = await verify({ method: "GET", url: "/p", headers: raw }, options);
    expect(result.accessKeyId).to.equal(credentials.accessKeyId);
  });

  it("accepts header objects whose repeated values are arrays", async () => {
    const signed = signedWithRepeatedHeader();
    const result = await verify(
      { method: "GET", url: "/p", headers: { ...signed.headers, "x-dup": ["a", "b"] } },
      options,
    );
    expect(result.mode).to.equal("header");
  });

  it("accepts header names in any case", async () => {
    const signed = signedWithRepeatedHeader();
    const upper = Object.fromEntries(
      Object.entries(signed.headers).map(([name, value]) => [name.toUpperCase(), value]),
    );
    expect((await verify({ method: "GET", url: "/p", headers: upper }, options)).accessKeyId).to.equal(
      "AKIDHEADERS",
    );
  });

  it("accepts a path and raw query given separately, or an absolute URL", async () => {
    const signed = sign({
      request: { method: "GET", url: "https://abc.execute-api.us-east-1.amazonaws.com/p?z=1&a=%2F" },
      credentials,
      now: NOW,
    });
    const url = new URL(signed.url);
    const separate = await verify(
      { method: "GET", path: url.pathname, query: url.search.slice(1), headers: signed.headers },
      options,
    );
    const absolute = await verify({ method: "GET", url: signed.url, headers: signed.headers }, options);
    expect([separate.mode, absolute.mode]).to.deep.equal(["header", "header"]);
  });
});
