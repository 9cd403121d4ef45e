// How .ci/test-all.mjs reads `pnpm -r --stream test`: pnpm opens each package's run with "<dir> test$ <command>" and
// prefixes every line of it with "<dir> test: ". relabel() turns that into one header per package, naming it, and
// the package's lines as mocha printed them, so a failure is easy to place and the output stays readable.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The package's name from <dir>/package.json, or undefined when it cannot be read. */
export function packageNameIn(dir, root = process.cwd()) {
  try {
    const { name } = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}

/** A line-by-line rewriter; keeps the package whose output is running between calls. */
export function relabel(nameOf = packageNameIn) {
  let prefix;
  return (line) => {
    const start = /^(\S+) test\$ (.*)$/.exec(line);
    if (start) {
      const [, dir, command] = start;
      prefix = `${dir} test: `;
      const name = nameOf(dir);
      return `\n── ${name === undefined ? dir : `${name} (${dir})`}: ${command}`;
    }
    if (prefix !== undefined && line.startsWith(prefix)) return line.slice(prefix.length);
    if (prefix !== undefined && line === prefix.trimEnd()) return "";
    return line;
  };
}
