import { runSmokeCli } from "./run-smoke-cli.js";

process.exitCode = await runSmokeCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
