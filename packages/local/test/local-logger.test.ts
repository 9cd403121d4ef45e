import { expect } from "chai";
import { localLogger } from "../src/local-logger.js";

describe("localLogger (pnpm local's and pnpm demo's logger)", () => {
  const logged = (fields: Record<string, unknown>) => {
    const lines: string[] = [];
    localLogger({ env: {}, defaultLevel: "info", sink: { write: (line) => lines.push(line) } }).info(
      fields,
      "x",
    );
    return lines.join("");
  };

  it("writes a token field, at the top or one level down, as [Redacted]", () => {
    const line = logged({ token: "MTIz.secret-token", bot: { token: "MTIz.nested-token" } });
    expect(line).to.not.include("secret-token").and.not.include("nested-token");
    expect(JSON.parse(line)).to.deep.include({ token: "[Redacted]", bot: { token: "[Redacted]" } });
  });

  it("writes the environment's DISCORD_TOKEN and AWS secret key, as serve-live hands them to the bot, redacted", () => {
    const line = logged({
      env: { DISCORD_TOKEN: "MTIz.env-token", AWS_SECRET_ACCESS_KEY: "env-secret-key" },
    });
    expect(line).to.not.include("env-token").and.not.include("env-secret-key");
  });
});
