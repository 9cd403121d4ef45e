import { expect } from "chai";
import { envFileToRead } from "../../src/config/env-file.js";

const only =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe("envFileToRead", () => {
  it("reads the .env of the directory pnpm was run from, not the package's, under pnpm --filter", () => {
    const found = envFileToRead({ INIT_CWD: "/repo" }, "/repo/packages/bot", only("/repo/.env"));
    expect(found.file).to.equal("/repo/.env");
  });

  it("prefers the directory pnpm was run from when both have a .env", () => {
    const found = envFileToRead(
      { INIT_CWD: "/repo" },
      "/repo/packages/bot",
      only("/repo/.env", "/repo/packages/bot/.env"),
    );
    expect(found.file).to.equal("/repo/.env");
  });

  it("reads the working directory's .env when not run by pnpm", () => {
    expect(envFileToRead({}, "/app", only("/app/.env")).file).to.equal("/app/.env");
  });

  it("says where it looked when there is no .env", () => {
    expect(envFileToRead({ INIT_CWD: "/repo" }, "/repo/packages/bot", only())).to.deep.equal({
      file: undefined,
      lookedIn: ["/repo", "/repo/packages/bot"],
    });
  });
});
