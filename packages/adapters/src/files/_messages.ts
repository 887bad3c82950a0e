/**
 * Words for zod's issues, in the style of core's scenario validation (`expected a number, got
 * string`, `unknown field "agent" (did you mean "agents"?)`), and the nearest-name search the CLI
 * uses for flags and commands too.
 * @internal
 * @module
 */
import { closestKey } from "@talentflow/core";
import type { z } from "zod";
import type { PathKey } from "./_yaml";

/** An issue before it is placed in a file. */
export interface RawIssue {
  path: PathKey[];
  message: string;
}

/** A value as it appears in a message. */
export function show(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return String(value);
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  return Array.isArray(value) ? "a list" : "an object";
}

function typeName(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return typeof value === "string" ? "a string" : typeof value === "number" ? "a number" : typeof value;
}

const EXPECTED: Record<string, string> = {
  number: "a number",
  int: "an integer",
  string: "a string",
  boolean: "true or false",
  object: "an object",
  record: "an object",
  array: "a list",
};
const expected = (what: unknown): string => EXPECTED[String(what)] ?? String(what);

/**
 * The known name nearest to `name`: core's `closestKey` (case-insensitive edit distance <= 2),
 * else a known name that `name` (3 characters or more) begins, for a flag or a command typed short.
 */
export function closest(name: string, known: readonly string[]): string | undefined {
  const near = closestKey(name, known);
  if (near !== undefined || name.length < 3) return near;
  const lower = name.toLowerCase();
  return known.find((k) => k.toLowerCase().startsWith(lower));
}

/** ` (did you mean "x"?)` or nothing. */
export function didYouMean(name: string, known: readonly string[]): string {
  const near = closest(name, known);
  return near === undefined ? "" : ` (did you mean ${show(near)}?)`;
}

/**
 * Runs a zod schema and returns its issues worded for people, with unknown keys reported one
 * per key (at the key's own path) with the nearest known key.
 */
export function zodIssues(schema: z.ZodType, value: unknown): { ok: boolean; data: unknown; issues: RawIssue[] } {
  const knownKeys = new WeakMap<object, string[]>();
  const parsed = schema.safeParse(value, { reportInput: true, error: errorMap(knownKeys) });
  if (parsed.success) return { ok: true, data: parsed.data, issues: [] };
  const issues: RawIssue[] = [];
  for (const iss of parsed.error.issues) {
    const path = iss.path.map((k) => (typeof k === "symbol" ? String(k) : k));
    if (iss.code === "unrecognized_keys") {
      const input = (iss as { input?: unknown }).input;
      const known = (input !== null && typeof input === "object" && knownKeys.get(input)) || [];
      for (const key of iss.keys)
        issues.push({ path: [...path, key], message: `unknown field ${show(key)}${didYouMean(key, known)}` });
    } else {
      issues.push({ path, message: iss.message });
    }
  }
  return { ok: false, data: undefined, issues };
}

function errorMap(knownKeys: WeakMap<object, string[]>): z.core.$ZodErrorMap {
  return (iss) => {
    const input: unknown = iss.input;
    switch (iss.code) {
      case "invalid_type":
        if (input === undefined && iss.expected === "nonoptional") return "is required";
        if (input === undefined) return `is required (expected ${expected(iss.expected)})`;
        if (typeof input === "number" && !Number.isFinite(input))
          return `must be a finite number, got ${String(input)}`;
        return `expected ${expected(iss.expected)}, got ${typeName(input)}`;
      case "invalid_value": {
        const values = iss.values.map(show);
        if (input === undefined)
          return `is required (${values.length === 1 ? "must be " : "one of "}${values.join(", ")})`;
        const near = typeof input === "string" ? didYouMean(input, iss.values.map(String)) : "";
        return values.length === 1
          ? `must be ${values[0]}, got ${show(input)}`
          : `must be one of ${values.join(", ")}, got ${show(input)}${near}`;
      }
      case "unrecognized_keys": {
        const shape = (iss.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
        if (input !== null && typeof input === "object" && shape) knownKeys.set(input, Object.keys(shape));
        return `unknown fields ${iss.keys.map(show).join(", ")}`;
      }
      case "invalid_union": {
        if (iss.discriminator !== undefined && input !== null && typeof input === "object") {
          const name = iss.discriminator;
          const options = ((iss.options ?? []) as unknown[]).map(String);
          const value = (input as Record<string, unknown>)[name];
          return value === undefined
            ? `is required (one of ${options.join(", ")})`
            : `unknown ${name} ${show(value)} (${name}s ` +
                `are ${options.join(", ")})${typeof value === "string" ? didYouMean(value, options) : ""}`;
        }
        const forms = new Set<string>();
        for (const branch of iss.errors) {
          for (const e of branch) if (e.code === "invalid_type" && e.path.length === 0) forms.add(expected(e.expected));
        }
        if (input === undefined) return `is required (expected ${[...forms].join(" or ")})`;
        return forms.size > 0
          ? `expected ${[...forms].join(" or ")}, got ${typeName(input)}`
          : "does not match any allowed form";
      }
      case "too_small":
        return `must be ${iss.inclusive ? ">=" : ">"} ${String(iss.minimum)}, got ${show(input)}`;
      case "too_big":
        return `must be ${iss.inclusive ? "<=" : "<"} ${String(iss.maximum)}, got ${show(input)}`;
      default:
        return undefined;
    }
  };
}
