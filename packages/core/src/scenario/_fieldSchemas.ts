/**
 * The building blocks of the scenario's zod schema (`schema.ts`) and of the policy kinds' schemas
 * (`policies/kinds/`): number ranges whose messages show the value found (with `_issues.ts`'s
 * `showValue`, the one value formatter).
 * @internal
 * @module
 */
import { z } from "zod";
import { showValue } from "../_issues";

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
