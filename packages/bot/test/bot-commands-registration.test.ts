import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "chai";
import pino from "pino";
import { REGISTERED_COMMANDS_FILE } from "../src/commands/command-registration.js";
import { until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";

describe("registering /stepcord at start", () => {
  let rig: BotRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("registers the command once, globally, and not again on a restart with the same definition", async () => {
    rig = await startBotRig();
    await until(() => rig?.fake.commandOverwrites("global") === 1);
    await rig.stopBot();
    const lines: string[] = [];
    await rig.startBot({ logger: pino({ level: "info" }, { write: (line: string) => lines.push(line) }) });
    await until(() => lines.some((l) => l.includes("/stepcord is registered")));
    expect(rig.fake.commandOverwrites("global")).to.equal(1);
    expect(rig.fake.registeredCommands("global").map((c) => c.name)).to.deep.equal(["stepcord"]);
  });

  it("registers again when the stored definition differs from the one this version defines", async () => {
    rig = await startBotRig();
    await until(() => rig?.fake.commandOverwrites("global") === 1);
    await rig.stopBot();
    await writeFile(
      join(rig.outboxDir, REGISTERED_COMMANDS_FILE),
      JSON.stringify({ applicationId: rig.fake.applicationId, scope: "global", hash: "an older definition" }),
    );
    await rig.startBot();
    await until(() => rig?.fake.commandOverwrites("global") === 2);
  });
});
