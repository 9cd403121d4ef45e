import { prettyFactory } from "pino-pretty";

/** Where log lines finally go: a pino.destination, process.stderr, or an array in a test. */
export interface LogSink {
  write(text: string): unknown;
}

export interface LogDestinationOptions {
  sink: LogSink;
  /** Readable lines instead of JSON; the entry points pass whether the stream is a terminal. */
  pretty: boolean;
  /** Colour the pretty lines (a terminal without NO_COLOR set). */
  colour: boolean;
}

/**
 * pino's destination: JSON lines for log collectors and pipes, or on a terminal one readable line per entry
 * (pino-pretty's formatter: local time, level, message, then the fields). The formatter runs in this thread on each
 * line, not in pino-pretty's transport stream, so a line logged just before process.exit is still written. pino
 * redacts before it serialises, so the pretty lines carry no secret either.
 */
export function logDestination(options: LogDestinationOptions): LogSink {
  if (!options.pretty) return options.sink;
  const format = prettyFactory({
    colorize: options.colour,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname",
    singleLine: true,
  });
  return { write: (line: string) => options.sink.write(format(line)) };
}

/** Whether to pretty-print and colour logs written to `stream`: only on a terminal, colour unless NO_COLOR is set. */
export function terminalLogFormat(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv,
): { pretty: boolean; colour: boolean } {
  const pretty = stream.isTTY === true;
  return { pretty, colour: pretty && (env.NO_COLOR ?? "") === "" };
}
