import { expect } from "chai";
import {
  autocompleteResult,
  deferredEphemeral,
  ECHO_MAX_CHARACTERS,
  EPHEMERAL_FLAG,
  ephemeralMessage,
  escapeUserText,
  resolveTimeZone,
  timeZoneSuggestions,
} from "../src/index.js";

describe("escapeUserText", () => {
  it("escapes markdown so it shows as typed", () => {
    expect(escapeUserText("**b** _i_ ~~s~~ `c` ||x|| > q")).to.equal(
      "\\*\\*b\\*\\* \\_i\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|x\\|\\| \\> q",
    );
  });

  it("breaks mentions, channel links and masked links", () => {
    expect(escapeUserText("<@123> @here <#9> [x](https://e.com)")).to.equal(
      "\\<\\@123\\> \\@here \\<\\#9\\> \\[x\\]\\(https\\:\\/\\/e.com\\)",
    );
  });

  it("flattens newlines so a reply cannot grow a heading or a block", () => {
    expect(escapeUserText("a\n# b")).to.equal("a \\# b");
  });

  it("cuts long text to a fixed number of characters", () => {
    expect([...escapeUserText("あ".repeat(100))].length).to.equal(ECHO_MAX_CHARACTERS + 1);
  });
});

describe("interaction responses", () => {
  it("answers ephemerally, mentioning nobody (type 4, flags 64, parse [])", () => {
    expect(ephemeralMessage("ok")).to.deep.equal({
      type: 4,
      data: { content: "ok", flags: 64, allowed_mentions: { parse: [] } },
    });
  });

  it("defers with EPHEMERAL, the only flag a type 5 may carry", () => {
    expect(deferredEphemeral()).to.deep.equal({ type: 5, data: { flags: EPHEMERAL_FLAG } });
  });

  it("answers autocomplete with at most 25 choices (type 8)", () => {
    const result = autocompleteResult(Array.from({ length: 40 }, (_, i) => `Zone/${i}`));
    expect(result.type).to.equal(8);
    expect(result.data.choices).to.have.length(25);
    expect(result.data.choices[0]).to.deep.equal({ name: "Zone/0", value: "Zone/0" });
  });
});

describe("time zones", () => {
  const zones = ["UTC", "America/New_York", "Asia/Tokyo", "Asia/Tomsk", "Asia/Vostok", "Europe/Istanbul"];

  it("suggests zones whose city starts with the query before those that merely contain it", () => {
    expect(timeZoneSuggestions("to", zones)).to.deep.equal(["Asia/Tokyo", "Asia/Tomsk", "Asia/Vostok"]);
  });

  it("reads spaces as underscores, as in New York", () => {
    expect(timeZoneSuggestions("new york", zones)).to.deep.equal(["America/New_York"]);
  });

  it("never suggests more than 25, even from every zone Intl knows", () => {
    expect(timeZoneSuggestions("")).to.have.length(25);
    expect(timeZoneSuggestions("")[0]).to.equal("UTC");
  });

  it("accepts UTC, which Intl.supportedValuesOf leaves out", () => {
    expect(resolveTimeZone("utc")).to.equal("UTC");
  });

  it("accepts an IANA alias Intl resolves but does not list (Asia/Kolkata)", () => {
    expect(resolveTimeZone("Asia/Kolkata")).to.equal("Asia/Kolkata");
  });
});
