/**
 * Command-line flags with node:util's `parseArgs` (no dependency; in Node since 18.3). It reads
 * `--flag value`, `--flag=value`, short flags and `--`; this file adds what it lacks: a refusal
 * of unknown flags that names the closest known one, and typed, range-checked values.
 * @internal
 * @module
 */
import { parseArgs } from "node:util";
import { closest } from "../files/_messages";

/** Bad usage: an unknown flag or command, a bad value, a missing argument. Exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** A flag of a command. */
export interface Flag {
  readonly name: string;
  readonly short?: string;
  /** Placeholder of the value in help (`N`, `DIR`); absent for a switch. */
  readonly value?: string;
  readonly help: string;
  /** Turns the text into the value, or throws a UsageError. */
  readonly parse?: (text: string, flag: string) => unknown;
}

/** A whole number >= min. */
export const wholeNumber =
  (min: number) =>
  (text: string, flag: string): number => {
    const n = Number(text);
    if (!/^\s*[+]?\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < min) {
      throw new UsageError(`${flag} must be a whole number >= ${min}, got ${JSON.stringify(text)}`);
    }
    return n;
  };

/** One of `choices`, suggesting the closest. */
export const oneOf =
  (choices: readonly string[]) =>
  (text: string, flag: string): string => {
    if (choices.includes(text)) return text;
    const near = closest(text, choices);
    throw new UsageError(
      `${flag} must be one of ${choices.join(", ")}, ` +
        `got ${JSON.stringify(text)}${near ? ` (did you mean ${near}?)` : ""}`,
    );
  };

/** A seed: a number if it reads as one, else the text. */
export const seedValue = (text: string, flag: string): number | string => {
  if (text.trim() === "") throw new UsageError(`${flag} must be a number or a word, got an empty value`);
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
};

/** A comma-separated list of names out of `known`. */
export const listOf =
  (known: readonly string[], what: string) =>
  (text: string, flag: string): string[] => {
    const items = text
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length === 0) throw new UsageError(`${flag} needs at least one ${what}`);
    for (const item of items) {
      if (!known.includes(item)) {
        const near = closest(item, known);
        throw new UsageError(
          `${flag}: unknown ${what} ${JSON.stringify(item)}${near ? ` (did you mean ${near}?)` : ""}; ` +
            `known: ${known.join(", ")}`,
        );
      }
    }
    return items;
  };

/** Parsed flags (by name) and positional arguments. */
export interface Parsed {
  readonly values: Record<string, unknown>;
  readonly positionals: string[];
}

/**
 * Parses `argv` against `flags`. Unknown flags, switches given a value and flags missing their
 * value are refused with a UsageError that names the flag and the closest known one.
 */
export function parseFlags(argv: readonly string[], flags: readonly Flag[], command: string): Parsed {
  const options = Object.fromEntries(
    flags.map((f) => [
      f.name,
      {
        type: f.value === undefined ? ("boolean" as const) : ("string" as const),
        ...(f.short ? { short: f.short } : {}),
      },
    ]),
  );
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const names = flags.map((f) => `--${f.name}`);
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== "option") continue;
    const flag = flags.find((f) => f.name === token.name);
    if (!flag) {
      const near = closest(
        token.rawName.replace(/^-+/, ""),
        flags.map((f) => f.name),
      );
      throw new UsageError(
        `unknown option ${token.rawName}${near ? ` (did you mean --${near}?)` : ""}; ` +
          `the options of ${command} are ${names.join(", ")}`,
        command,
      );
    }
    const shown = `--${flag.name}`;
    if (flag.value === undefined) {
      if (token.value !== undefined)
        throw new UsageError(`${shown} is a switch and takes no value, got ${JSON.stringify(token.value)}`, command);
      values[flag.name] = true;
      continue;
    }
    if (token.value === undefined || (token.inlineValue === false && token.value.startsWith("--"))) {
      throw new UsageError(`${shown} needs a value (${shown} ${flag.value})`, command);
    }
    if (Object.hasOwn(values, flag.name)) throw new UsageError(`${shown} is given twice`, command);
    values[flag.name] = flag.parse ? flag.parse(token.value, shown) : token.value;
  }
  return { values, positionals };
}
