/**
 * One way to collect the problems of an input and to print a value inside a message: the
 * {@link Issues} collector gathers `{ path, message }` issues and throws them together as one
 * {@link ValidationError}; {@link showValue} prints the value a message says it got. Experiments
 * (calibrate, sweep, sensitivity, the math helpers) use both; scenario validation is to follow.
 * @internal
 * @module
 */
import { ValidationError, type Issue } from "./errors";

/**
 * A value as it appears in a message: numbers as written (`1.4`, `NaN`, `Infinity`, and `0` for
 * -0), strings quoted, booleans, `undefined` and `null` as written, arrays by their length (the
 * length is what a "one value per point" message is about), anything else by its type.
 *
 * @example
 * showValue(1.4) // => "1.4"
 * showValue("x") // => "\"x\""
 * showValue([1, 2]) // => "an array of length 2"
 * showValue(undefined) // => "undefined"
 * @internal
 */
export function showValue(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "boolean" || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeName(value);
}

/**
 * The JSON-ish type of a value, for `expected a number, got string`.
 *
 * @example
 * typeName(undefined) // => "nothing"
 * typeName([1]) // => "array"
 * @internal
 */
export function typeName(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/**
 * Collects issues so that a caller reports every problem at once, then throws them together as
 * one {@link ValidationError} whose message starts with `context`. The typed checks return
 * whether the value passed, so a caller can skip checks that depend on it.
 *
 * @example
 * const issues = new Issues("nelderMead");
 * issues.finite("options.xTol", xTol);
 * issues.integer("options.maxEvaluations", maxEvaluations, 1);
 * issues.throwIfAny(); // ValidationError "nelderMead:\n  - options.xTol: must be a finite number, got NaN"
 * @internal
 */
export class Issues {
  private readonly list: Issue[] = [];

  /**
   * @param context - the first line of the error's message, e.g. `"calibrate"`.
   * @param describePath - how a path is shown in the message (see {@link ValidationError}).
   */
  constructor(
    private readonly context: string,
    private readonly describePath?: (path: string) => string,
  ) {}

  /** Adds one issue. */
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** Adds issues found by another check (e.g. `unknownKeyIssues`). */
  addAll(issues: readonly Issue[]): void {
    this.list.push(...issues);
  }

  /** True while no issue was added. */
  get ok(): boolean {
    return this.list.length === 0;
  }

  /** Throws every issue added, as one ValidationError, if any was added. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new ValidationError(this.list, this.context, this.describePath);
  }

  /** Checks that `value` is an integer in [min, max]; returns whether it is. */
  integer(path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.add(path, `must be an integer, got ${showValue(value)}`);
      return false;
    }
    if (value < min || value > max) {
      this.add(path, max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}, got ${value}` : `must be in [${min}, ${max}], got ${value}`);
      return false;
    }
    return true;
  }

  /** Checks that `value` is a finite number; returns whether it is. */
  finite(path: string, value: unknown): boolean {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.add(path, `must be a finite number, got ${showValue(value)}`);
      return false;
    }
    return true;
  }

  /** Checks that `value` is a number strictly between 0 and 1; returns whether it is. */
  openUnit(path: string, value: unknown): boolean {
    if (typeof value !== "number" || !(value > 0 && value < 1)) {
      this.add(path, `must be a number strictly between 0 and 1, got ${showValue(value)}`);
      return false;
    }
    return true;
  }

  /** Checks that `value` is a string; returns whether it is. */
  string(path: string, value: unknown): boolean {
    if (typeof value !== "string") {
      this.add(path, `must be a string, got ${showValue(value)}`);
      return false;
    }
    return true;
  }

  /** Checks that every entry of `values` is a finite number (reports the first five offenders). */
  finiteArray(path: string, values: unknown): values is readonly number[] {
    if (!Array.isArray(values)) {
      this.add(path, `must be an array of numbers, got ${showValue(values)}`);
      return false;
    }
    let bad = 0;
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        if (bad < 5) this.add(`${path}[${i}]`, `must be a finite number, got ${showValue(v)}`);
        bad++;
      }
    }
    if (bad > 5) this.add(path, `${bad - 5} more entries are not finite numbers`);
    return bad === 0;
  }
}
