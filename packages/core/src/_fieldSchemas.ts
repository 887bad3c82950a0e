/**
 * The building blocks of the scenario's zod schema (`schema.ts`) and of the policy kinds' schemas
 * (`policies/kinds/`): number ranges whose messages show the value found, and the value formatter
 * those messages use.
 * @internal
 * @module
 */
import { z } from "zod";
import { typeName } from "./_issues";

// Value formatting, shared with validate.ts (schema.ts re-exports it). typeName lives in
// _issues.ts; showValue moves there once scenario validation switches to it (it prints arrays as
// `array` and undefined as `nothing`; _issues.ts prints arrays by their length and undefined as
// `undefined`).

/** A value as it appears in a message: numbers as written (`1.4`, `Infinity`), strings quoted. */
export function showValue(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean") return String(value);
  return typeName(value);
}

/** The part of a zod issue these messages read. */
export type NumberIssue = { readonly input?: unknown };
/** `got <value>`, the end of every range message. */
export const got = (iss: NumberIssue): string => `got ${showValue(iss.input)}`;

/** Any finite number (zod 4's `z.number()` rejects NaN and +-Infinity). */
export const finite = () => z.number();

/** A finite number >= `lo`. */
export const atLeast = (lo: number, hint = "") =>
  z.number().gte(lo, { error: (iss) => `must be >= ${lo}${hint}, ${got(iss)}` });

/** A finite number > `lo`. */
export const above = (lo: number, hint = "") =>
  z.number().gt(lo, { error: (iss) => `must be > ${lo}${hint}, ${got(iss)}` });

/** A finite number in [lo, hi], or [lo, hi) when `hiOpen`. */
export const inRange = (lo: number, hi: number, hiOpen = false) => {
  const error = (iss: NumberIssue) => `must be in [${lo}, ${hi}${hiOpen ? ")" : "]"}, ${got(iss)}`;
  const lower = z.number().gte(lo, { error });
  return hiOpen ? lower.lt(hi, { error }) : lower.lte(hi, { error });
};

/** Adds an upper bound `hi` (inclusive) to a number schema, with its own message. */
export const upTo = (schema: z.ZodNumber, hi: number) =>
  schema.lte(hi, { error: (iss) => `must be <= ${hi}, ${got(iss)}` });

/** A share or probability in [0, 1]. */
export const share = () => inRange(0, 1);

/** The message of a number that must be an integer. */
export const integerError = (iss: NumberIssue) => `must be an integer, ${got(iss)}`;

/** An integer >= lo (and <= hi when given). */
export const integer = (lo: number, hi?: number) => {
  const error = (iss: NumberIssue) =>
    hi === undefined ? `must be >= ${lo}, ${got(iss)}` : `must be in [${lo}, ${hi}], ${got(iss)}`;
  const lower = z.number().int({ error: integerError }).gte(lo, { error });
  return hi === undefined ? lower : lower.lte(hi, { error });
};

/** A string of at least one character. */
export const nonEmptyString = () => z.string().min(1, { error: "must not be empty" });
