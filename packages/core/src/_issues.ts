/**
 * The one way the core collects the problems of an input and prints a value inside a message:
 * the {@link Issues} collector gathers `{ path, message }` issues and either throws them together
 * as one {@link ValidationError} or hands them back (sorted as the fields stand in the input);
 * {@link showValue} prints the value a message says it got, {@link typeName} the type it has.
 * Scenario validation (validate.ts and its `_check*.ts` concerns), the scenario compiler
 * (`kernel/_compile.ts`, `kernel/_period.ts`), the options of simulations, meanField and every
 * experiment (calibrate, sweep, sensitivity, the math helpers) use them.
 * @internal
 * @module
 */
import { ValidationError, type Issue } from "./errors";

/** One step of an issue's path: a field name or an array index. @internal */
export type Key = string | number;

/**
 * Where an issue lies: a dotted path (`regions.DE.taxRate`, `options.bounds.x[3]`) or its keys
 * (`["regions", "DE", "taxRate"]`), which are joined with dots when the issue is handed out.
 * @internal
 */
export type IssuePath = string | readonly Key[];

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
 * Collects issues so that a caller reports every problem at once, then either throws them
 * together as one {@link ValidationError} whose message starts with `context`
 * ({@link Issues.throwIfAny}) or hands them back ({@link Issues.list},
 * {@link Issues.inFieldOrder}). The typed checks return whether the value passed, so a caller can
 * skip checks that depend on it.
 *
 * @example
 * const issues = new Issues("nelderMead");
 * issues.finite("options.xTol", xTol);
 * issues.integer("options.maxEvaluations", maxEvaluations, 1);
 * issues.throwIfAny(); // ValidationError "nelderMead:\n  - options.xTol: must be a finite number, got NaN"
 *
 * @example
 * const issues = new Issues();
 * issues.add(["regions", "DE", "taxRate"], "must be in [0, 1), got 1.4");
 * issues.list() // => [{ path: "regions.DE.taxRate", message: "must be in [0, 1), got 1.4" }]
 * @internal
 */
export class Issues {
  private readonly found: { readonly path: IssuePath; readonly message: string }[] = [];

  /**
   * @param context - the first line of the error's message, e.g. `"calibrate"`.
   * @param describePath - how a path is shown in the message (see {@link ValidationError}).
   */
  constructor(
    private readonly context = "invalid input",
    private readonly describePath?: (path: string) => string,
  ) {}

  /** Adds one issue at `path`, dotted or as its keys. */
  add(path: IssuePath, message: string): void {
    this.found.push({ path, message });
  }

  /** Adds issues found by another check (e.g. `unknownKeyIssues`). */
  addAll(issues: readonly Issue[]): void {
    this.found.push(...issues);
  }

  /**
   * Adds the issues of `error` if it is a {@link ValidationError} (a check that throws, such as
   * compiling an expression); rethrows anything else, which is a bug, not a problem of the input.
   */
  addThrown(error: unknown): void {
    if (!(error instanceof ValidationError)) throw error;
    this.addAll(error.issues);
  }

  /** True while no issue was added. */
  get ok(): boolean {
    return this.found.length === 0;
  }

  /** Every issue added, in the order added, with its path dotted. */
  list(): Issue[] {
    return this.found.map(dotted);
  }

  /**
   * Every issue added, sorted by where its field stands in `input` (the fields as the user wrote
   * them; a missing field sorts with its parent, and issues of one field keep the order added),
   * with its path dotted.
   */
  inFieldOrder(input: unknown): Issue[] {
    const rank = fieldRanks(input);
    return this.found
      .map((issue, i) => ({ issue, i, rank: rank(keysOf(issue.path)) }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map(({ issue }) => dotted(issue));
  }

  /**
   * One issue as a ValidationError whose message starts with `context`, for a check that stops at
   * its first problem (a file that cannot be read further, an expression that does not parse).
   *
   * @example
   * throw Issues.single("policies.3.expression", "expression is empty", "invalid expression");
   */
  static single(path: IssuePath, message: string, context?: string): ValidationError {
    const issues = new Issues(context);
    issues.add(path, message);
    return issues.error();
  }

  /** How many issues were added, for a check that stops listing after so many. */
  get count(): number {
    return this.found.length;
  }

  /** Every issue added, as one ValidationError, to throw where the caller knows there are some. */
  error(): ValidationError {
    return new ValidationError(this.list(), this.context, this.describePath);
  }

  /** Throws every issue added, as one ValidationError, if any was added. */
  throwIfAny(): void {
    if (this.found.length > 0) throw this.error();
  }

  /** Checks that `value` is an integer in [min, max]; returns whether it is. */
  integer(path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      this.add(path, `must be an integer, got ${showValue(value)}`);
      return false;
    }
    if (value < min || value > max) {
      this.add(
        path,
        max === Number.MAX_SAFE_INTEGER
          ? `must be at least ${min}, got ${value}`
          : `must be in [${min}, ${max}], got ${value}`,
      );
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

const keysOf = (path: IssuePath): readonly Key[] => (typeof path === "string" ? path.split(".") : path);

const dotted = ({ path, message }: { readonly path: IssuePath; readonly message: string }): Issue => ({
  path: typeof path === "string" ? path : path.join("."),
  message,
});

/**
 * The rank of a path among the fields of `input` (walked five levels deep, in the order written):
 * the rank of its longest prefix found there, -1 if none is.
 */
function fieldRanks(input: unknown): (path: readonly Key[]) => number {
  const order = new Map<string, number>();
  const walk = (v: unknown, path: Key[], depth: number) => {
    order.set(path.join("\u0000"), order.size);
    if (depth === 0) return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], depth - 1));
    else if (v !== null && typeof v === "object")
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k], depth - 1);
  };
  walk(input, [], 5);
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const r = order.get(path.slice(0, n).join("\u0000"));
      if (r !== undefined) return r;
    }
    return -1;
  };
}
