import { expect } from "chai";
import {
  SETTINGS_TIMEOUT_SECONDS,
  ServerSettings,
  SettingsAnswer,
  settingsDefinition,
  settingsTaskResources,
  worstCaseSeconds,
} from "../src/index.js";
import { aslValidatorProblems, languageServiceProblems } from "./support/index.js";
import { testSettingsDefinition } from "./support/run-settings.js";

describe("settingsDefinition", () => {
  it("passes the States Language schema and AWS's language service", async () => {
    const definition = testSettingsDefinition();
    expect(aslValidatorProblems(definition)).to.deep.equal([]);
    expect(await languageServiceProblems(definition)).to.deep.equal([]);
  });

  it("is JSONPath and fits its slowest path inside its 25 s", () => {
    const definition = testSettingsDefinition();
    expect(definition.QueryLanguage).to.equal("JSONPath");
    expect(definition.TimeoutSeconds).to.equal(SETTINGS_TIMEOUT_SECONDS).and.equal(25);
    expect(worstCaseSeconds(definition).seconds).to.be.at.most(SETTINGS_TIMEOUT_SECONDS);
  });

  it("calls only DynamoDB's GetItem, PutItem and UpdateItem", () => {
    expect([...new Set(settingsTaskResources(testSettingsDefinition()))].sort()).to.deep.equal([
      "arn:aws:states:::dynamodb:getItem",
      "arn:aws:states:::dynamodb:putItem",
      "arn:aws:states:::dynamodb:updateItem",
    ]);
  });

  it("names its table in every Task, and no other", () => {
    const definition = settingsDefinition({ settingsTableName: "stepcord-settings-abc" });
    const tables = Object.values(definition.States)
      .filter((state) => state.Type === "Task")
      .map((state) => (state.Parameters as { TableName: string }).TableName);
    expect([...new Set(tables)]).to.deep.equal(["stepcord-settings-abc"]);
  });

  it("refuses a table name that is not one, naming it", () => {
    expect(() => settingsDefinition({ settingsTableName: "a b" })).to.throw(TypeError, /"a b"/);
  });

  it("answers only in SettingsAnswer's outcomes", () => {
    const outcomes = Object.values(testSettingsDefinition().States)
      .filter((state) => state.Type === "Pass" && state.End === true)
      .map(
        (state) => (state.Parameters as { outcome?: string; "outcome.$"?: string }).outcome ?? "(from state)",
      );
    for (const outcome of outcomes.filter((o) => o !== "(from state)")) {
      expect(SettingsAnswer.options.map((o) => o.shape.outcome.value)).to.include(outcome);
    }
    expect(ServerSettings).to.exist;
  });
});
