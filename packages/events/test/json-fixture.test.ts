import { readFileSync } from "node:fs";
import { expect } from "chai";
import { fixtureBatches } from "../src/fixtures.js";
import { parseVoiceEventBatch } from "../src/index.js";

describe("fixtures/join.json", () => {
  it("is the join fixture batch, so the README's sigv4 example posts a valid batch", () => {
    const onDisk = JSON.parse(readFileSync(new URL("../fixtures/join.json", import.meta.url), "utf8"));
    expect(onDisk).to.deep.equal(fixtureBatches.join);
    expect(parseVoiceEventBatch(onDisk)).to.deep.equal(fixtureBatches.join);
  });
});
