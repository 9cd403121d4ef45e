import { expect } from "chai";
import { pino } from "pino";
import { logDestination, terminalLogFormat } from "../src/log-destination.js";

function capture(pretty: boolean, colour = false) {
  const lines: string[] = [];
  const logger = pino(
    { redact: ["token"] },
    logDestination({ sink: { write: (text) => lines.push(text) }, pretty, colour }),
  );
  return { logger, lines };
}

describe("logDestination", () => {
  it("writes pino's JSON lines when not pretty, as log collectors expect", () => {
    const { logger, lines } = capture(false);
    logger.info({ guild: "g1" }, "delivered");
    const entry = JSON.parse(lines[0] ?? "") as Record<string, unknown>;
    expect(entry).to.include({ level: 30, msg: "delivered", guild: "g1" });
  });

  it("writes one readable line with the level, message and fields when pretty, and no epoch time", () => {
    const { logger, lines } = capture(true);
    logger.info({ guild: "g1" }, "delivered");
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: delivered \{"guild":"g1"\}\n$/);
  });

  it("redacts secrets in pretty lines too", () => {
    const { logger, lines } = capture(true);
    logger.info({ token: "secret-token-value" }, "login");
    expect(lines.join("")).not.to.include("secret-token-value");
  });

  it("colours pretty lines only when asked", () => {
    const ESC = String.fromCharCode(27);
    const plain = capture(true, false);
    const coloured = capture(true, true);
    plain.logger.warn("slow");
    coloured.logger.warn("slow");
    expect(plain.lines[0]).not.to.include(ESC);
    expect(coloured.lines[0]).to.include(`${ESC}[`);
  });
});

describe("terminalLogFormat", () => {
  it("is JSON when the stream is not a terminal", () => {
    expect(terminalLogFormat({ isTTY: false }, {})).to.deep.equal({ pretty: false, colour: false });
    expect(terminalLogFormat({}, {})).to.deep.equal({ pretty: false, colour: false });
  });

  it("is pretty and coloured on a terminal, and not coloured with NO_COLOR", () => {
    expect(terminalLogFormat({ isTTY: true }, {})).to.deep.equal({ pretty: true, colour: true });
    expect(terminalLogFormat({ isTTY: true }, { NO_COLOR: "1" })).to.deep.equal({
      pretty: true,
      colour: false,
    });
  });
});
