// Launches a policy pack the way the Pulumi CLI does, so a test sees what `pulumi preview --policy-pack` sees.
//
// Every rule here is read from pulumi/pulumi at commit 1b5949891b3cefcb9974752b24a5ecef0acc86c8:
// - pkg/resource/plugin/analyzer_plugin.go:205 (NewPolicyAnalyzer): a pack whose runtime has a language plugin is
//   started through RunPlugin with kind "analyzer" and args `[host.ServerAddr()]`, the engine's address.
// - pkg/resource/plugin/plugin.go:553-566: the program directory is the pack's directory made absolute, and the
//   runtime options are PulumiPolicy.yaml's `runtime.options`.
// - sdk/nodejs/cmd/pulumi-language-nodejs/main.go, RunPlugin:
//   1646-1652 env gets PULUMI_NODEJS_TYPESCRIPT=true when `typescript` is true (its default, parseOptions:294) and
//             PULUMI_NODEJS_TSCONFIG_PATH when `tsconfig` is set;
//   1659      the script is `@pulumi/pulumi/cmd/run-policy-pack`, resolved from the pack's directory (1668,
//             locateModule runs `require.resolve` there);
//   1690-1703 argv is `node <script> <nodeargs...> <engine address> <program directory>`: nodeargs come AFTER
//             the script, so node never sees them as its own options;
//   1723-1738 env gets the stack (PULUMI_NODEJS_ORGANIZATION/PROJECT/STACK/DRY_RUN, PULUMI_CONFIG) that the
//             engine sent the host's proxy in ConfigureStack;
//   1746-1747 the working directory is the program directory.
// - sdk/policy_proxy.go:121 reads the pack's port as the first line of its stdout (`%d\n`), dials 127.0.0.1:<port>
//   (139) and forwards the engine's ConfigureStack to it (153).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { parse } from "yaml";

/** What the engine tells a policy pack about the stack (proto AnalyzerStackConfigureRequest). */
export interface StackConfiguration {
  organization: string;
  project: string;
  stack: string;
  dryRun: boolean;
  config: Record<string, string>;
}

/** The node process the nodejs language host starts for a policy pack. */
export interface PolicyPackCommand {
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** PulumiPolicy.yaml's `runtime.options`, which the CLI hands the language host as the plugin's options. */
export function runtimeOptions(packDirectory: string): Record<string, unknown> {
  const project = parse(readFileSync(join(packDirectory, "PulumiPolicy.yaml"), "utf8")) as {
    runtime?: string | { options?: Record<string, unknown> };
  };
  if (typeof project.runtime !== "object") return {};
  return project.runtime.options ?? {};
}

/**
 * Splits `nodeargs` as RunPlugin's `shlex.Split` does for plain words. Quotes and escapes are refused rather than
 * modelled: github.com/google/shlex's rules for them are not copied here.
 */
export function splitNodeargs(nodeargs: string): string[] {
  if (/["'\\]/.test(nodeargs)) {
    throw new Error(
      `Cannot split nodeargs ${JSON.stringify(nodeargs)}: quotes and escapes are not modelled.`,
    );
  }
  return nodeargs.split(/\s+/).filter((word) => word !== "");
}

/** The command line, working directory and environment RunPlugin builds for a policy pack. */
export function policyPackCommand(args: {
  packDirectory: string;
  options: Record<string, unknown>;
  engineAddress: string;
  stack: StackConfiguration;
  baseEnv: Record<string, string>;
}): PolicyPackCommand {
  const programDirectory = resolve(args.packDirectory);
  const script = createRequire(join(programDirectory, "package.json")).resolve(
    "@pulumi/pulumi/cmd/run-policy-pack",
  );
  const nodeargs = typeof args.options.nodeargs === "string" ? splitNodeargs(args.options.nodeargs) : [];
  const env: Record<string, string> = { ...args.baseEnv };
  if (args.options.typescript !== false) env.PULUMI_NODEJS_TYPESCRIPT = "true";
  if (typeof args.options.tsconfig === "string" && args.options.tsconfig !== "") {
    env.PULUMI_NODEJS_TSCONFIG_PATH = args.options.tsconfig;
  }
  // maybeAppendEnv skips empty values (main.go:1723-1727).
  const fromStack: [string, string][] = [
    ["PULUMI_NODEJS_ORGANIZATION", args.stack.organization],
    ["PULUMI_NODEJS_PROJECT", args.stack.project],
    ["PULUMI_NODEJS_STACK", args.stack.stack],
    ["PULUMI_NODEJS_DRY_RUN", String(args.stack.dryRun)],
    ["PULUMI_CONFIG", JSON.stringify(args.stack.config)],
  ];
  for (const [key, value] of fromStack) if (value !== "") env[key] = value;
  return {
    args: [script, ...nodeargs, args.engineAddress, programDirectory],
    cwd: programDirectory,
    env,
  };
}

/** The environment the CLI passes on: this process's, without NODE_OPTIONS (the workflows set none). */
export function cliEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // A loader inherited through NODE_OPTIONS would load the pack even when the CLI's launch cannot.
    if (value !== undefined && key !== "NODE_OPTIONS") env[key] = value;
  }
  return env;
}

/** A started policy pack: the port it serves the Analyzer service on, and how to stop it. */
export interface RunningPolicyPack {
  /** The port from the pack's first stdout line; rejects with its output if it exits before printing one. */
  port: Promise<number>;
  /** Kills the process and waits until it and its pipes are closed. Safe to call at any time, and again. */
  stop(): Promise<void>;
}

/**
 * Starts the pack. The handle comes back at once so a caller can always stop it, even while it has not printed
 * its port yet. Node itself is `process.execPath`, the node running the tests (the CLI takes the first `node` on
 * PATH).
 */
export function launchPolicyPack(command: PolicyPackCommand): RunningPolicyPack {
  const child = spawn(process.execPath, command.args, {
    cwd: command.cwd,
    env: command.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const closed = new Promise<void>((done) => child.once("close", () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await closed;
  };
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const port = new Promise<number>((resolvePort, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      void closed.then(() =>
        reject(
          new Error(
            `The policy pack exited (code ${code}, signal ${signal}) before printing its port.\n` +
              `command: node ${command.args.join(" ")}\nstdout: ${stdout}\nstderr: ${stderr}`,
          ),
        ),
      );
    });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      const hadLine = stdout.includes("\n");
      stdout += chunk;
      if (hadLine || !stdout.includes("\n")) return;
      const firstLine = stdout.slice(0, stdout.indexOf("\n"));
      if (/^\d+$/.test(firstLine)) {
        child.removeAllListeners("exit");
        resolvePort(Number(firstLine));
      } else {
        reject(
          new Error(`The policy pack's first stdout line is not a port: ${firstLine}\nstderr: ${stderr}`),
        );
      }
    });
  });
  // A caller that stops the pack without awaiting the port must not leave an unhandled rejection behind.
  port.catch(() => undefined);
  return { port, stop };
}
