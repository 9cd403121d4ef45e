import { readFileSync } from "node:fs";
import { expect } from "chai";
import { parse } from "yaml";
import { CONTAINER_INSIGHTS, DEFAULTS } from "../src/config.js";

const project = parse(readFileSync(new URL("../Pulumi.yaml", import.meta.url), "utf8")) as {
  name: string;
  config: Record<string, { default?: unknown; description?: string }>;
};

describe("the stepcord-bot Pulumi.yaml", () => {
  it("declares the same defaults the program applies", () => {
    for (const [key, value] of Object.entries(DEFAULTS))
      expect(project.config[key]?.default, key).to.equal(value);
  });

  it("lists every Container Insights level the program accepts", () => {
    for (const level of CONTAINER_INSIGHTS)
      expect(project.config.containerInsights?.description, level).to.include(level);
  });
});
