import { NonFiniteError, ValidationError } from "@talentflow/core";
import { closest } from "../files/_messages";
import { MissingRunsError } from "../cluster/mergeRuns";
import { ShardRunsFailedError } from "../cluster/runShard";
import { parseFlags, UsageError } from "./_args";
import { COMMANDS, type CliContext, type Command } from "./_commands";
import { InterruptedError, RunFailedError } from "./_execute";
import type { TextStream } from "./_progress";

/** Exit codes of `talentflow`. */
export const EXIT = { ok: 0, runFailed: 1, usage: 2 } as const;

/** Where the CLI reads and writes; defaults are the process's. */
export interface CliIo {
  readonly stdout?: TextStream;
  readonly stderr?: TextStream;
  /** Folder that relative paths are resolved against (default: process.cwd()). */
  readonly cwd?: string;
  /** Abort to stop after the runs in flight (the bin wires Ctrl-C to it). */
  readonly signal?: AbortSignal;
  /** Where an array job's shard is read from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "talentflow: agent-based simulation of AI talent flows, from the command line",
    "",
    "Usage: talentflow <command> [arguments] [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `talentflow <command> --help` for a command's arguments, options and an example.",
    "Exit codes: 0 success, 1 a run failed, 2 bad usage or invalid input.",
    "",
    "Example:",
    "  talentflow run baseline --agents 20000 --years 5",
  ].join("\n");
}

/** The help of one command. */
export function commandHelp(c: Command): string {
  const flagText = c.flags.map(
    (f) => `${f.short ? `-${f.short}, ` : "    "}--${f.name}${f.value ? ` ${f.value}` : ""}`,
  );
  const width = Math.max(...flagText.map((t) => t.length));
  return [
    `Usage: talentflow ${c.name}${c.args ? ` ${c.args}` : ""} [options]`,
    "",
    wrap(c.description, 96),
    "",
    "Options:",
    ...c.flags.map((f, i) => `  ${flagText[i].padEnd(width)}  ${f.help}`),
    "",
    c.examples.length > 1 ? "Examples:" : "Example:",
    ...c.examples.map((e) => `  ${e}`),
  ].join("\n");
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join("\n");
}

/**
 * Runs the `talentflow` command line with `argv` (the arguments after the program name) and
 * returns the exit code: 0 success, 1 a run failed (or was interrupted), 2 bad usage or invalid
 * input. Errors are printed as messages on standard error, never as stack traces (set
 * `TALENTFLOW_DEBUG=1` to see one).
 *
 * @example
 * const code = await runCli(["run", "baseline", "--agents", "2000", "--years", "1", "--quiet"]);
 */
export async function runCli(argv: readonly string[], io: CliIo = {}): Promise<number> {
  const ctx: CliContext = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    cwd: io.cwd ?? process.cwd(),
    argv,
    ...(io.signal ? { signal: io.signal } : {}),
    ...(io.env ? { env: io.env } : {}),
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    ctx.stdout.write(`${topic ? commandHelp(topic) : mainHelp()}\n`);
    if (name === undefined) return EXIT.usage;
    return EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    const { PACKAGE_VERSION, MODEL_VERSION } = await import("@talentflow/core");
    ctx.stdout.write(`talentflow ${PACKAGE_VERSION} (model ${MODEL_VERSION})\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const near = closest(
      name,
      COMMANDS.map((c) => c.name),
    );
    ctx.stderr.write(
      `talentflow: unknown command ${JSON.stringify(name)}${near ? ` (did you mean ${near}?)` : ""}; ` +
        `commands are ${COMMANDS.map((c) => c.name).join(", ")}\nRun \`talentflow --help\` for usage.\n`,
    );
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseFlags(rest, command.flags, command.name);
    if (values.help) {
      ctx.stdout.write(`${commandHelp(command)}\n`);
      return EXIT.ok;
    }
    const { min, max, missing } = command.positionals;
    if (positionals.length < min) throw new UsageError(`${command.name} needs ${missing}`);
    if (positionals.length > max) {
      throw new UsageError(
        max === 0
          ? `${command.name} takes no arguments, got ${positionals.map((p) => JSON.stringify(p)).join(" ")}`
          : `${command.name} takes ${max === 1 ? "one argument" : `at most ${max} arguments`}, ` +
              `got ${positionals.length}: ${positionals.join(" ")}`,
      );
    }
    return await command.run(ctx, values, positionals);
  } catch (e) {
    return report(ctx, command, e);
  }
}

function report(ctx: CliContext, command: Command, e: unknown): number {
  const say = (text: string) => ctx.stderr.write(`talentflow ${command.name}: ${text}\n`);
  if (e instanceof UsageError) {
    say(e.message);
    ctx.stderr.write(`Run \`talentflow ${command.name} --help\` for usage.\n`);
    return EXIT.usage;
  }
  if (e instanceof MissingRunsError) {
    say(e.message);
    return EXIT.runFailed;
  }
  if (e instanceof ValidationError) {
    say(e.message);
    return EXIT.usage;
  }
  if (
    e instanceof RunFailedError ||
    e instanceof ShardRunsFailedError ||
    e instanceof NonFiniteError ||
    e instanceof InterruptedError
  ) {
    say(e.message);
    return EXIT.runFailed;
  }
  say(`unexpected error: ${(e as Error)?.message ?? String(e)}`);
  if (process.env.TALENTFLOW_DEBUG) ctx.stderr.write(`${(e as Error)?.stack ?? ""}\n`);
  return EXIT.runFailed;
}
