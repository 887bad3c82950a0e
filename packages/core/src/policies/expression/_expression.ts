/**
 * Locked-down arithmetic expressions for `custom` policies: {@link compileExpression} parses,
 * checks and compiles one, and its {@link CompiledExpression} evaluates it once per period.
 *
 * A `custom` policy sets a numeric parameter to an expression of `year`, `t` and `base`, e.g.
 * `base * (1 + 0.05 * max(0, year - 2027))`. Scenario files are data, so an expression is
 * treated as untrusted input: it is parsed with a minimal mathjs instance (`_mathInstance.ts`)
 * that holds only the parser, the compiler, the arithmetic operators and a short list of math
 * functions (`_allowlists.ts`), and the parsed tree is checked node by node against the
 * allowlists (`_checkTree.ts`, `_checkImplicitAfterCall.ts`) before it is compiled.
 *
 * Internal module (hence the leading `_`): used by the policy code, not exported from the package.
 * @module
 */
import type { EvalFunction, MathNode } from "mathjs";
import { Issues, showValue } from "../../_issues";
import type { ValidationError } from "../../errors";
import { CONSTANTS, FORBIDDEN_FUNCTIONS, FUNCTIONS, RESERVED_WORDS } from "./_allowlists";
import { checkImplicitAfterCall } from "./_checkImplicitAfterCall";
import { checkTree } from "./_checkTree";
import { type AnyNode, mathInstance } from "./_mathInstance";

/**
 * An expression that passed validation and was compiled once; evaluate it once per period.
 */
export interface CompiledExpression {
  /** The expression text as given, e.g. `base * (1 + 0.05 * max(0, year - 2027))`. */
  readonly source: string;
  /**
   * Evaluates the expression for one set of variable values.
   *
   * @param scope - Values of the variables, e.g. `{ year: 2030.5, t: 14, base: 0.42 }`. Every
   *   variable the expression uses must be present as a number; other keys are ignored.
   * @returns The value, always a finite number.
   * @throws {@link ValidationError} - one issue at the expression's path, naming the expression
   *   and the variable values, when a variable the
   *   expression uses is missing or not a number, when mathjs fails (e.g. `round(x, 0.5)`), or
   *   when the result is not a finite number (NaN, Infinity, or a boolean from a bare comparison).
   */
  evaluate(scope: Readonly<Record<string, number>>): number;
}

/** Options of {@link compileExpression}. */
export interface CompileExpressionOptions {
  /** Dotted field path of the expression, used in every error, e.g. `policies.3.expression`. */
  readonly path: string;
  /** Names of the variables the expression may use. Default `["year", "t", "base"]`. */
  readonly variables?: readonly string[];
  /** Longest expression accepted, in characters (UTF-16 code units). Default 500. */
  readonly maxLength?: number;
}

/** Default variables: calendar year (fractional), period index, the parameter's value before the policy. */
const DEFAULT_VARIABLES: readonly string[] = ["year", "t", "base"];
const DEFAULT_MAX_LENGTH = 500;

/** Refused source text: one issue at the expression's path. */
const invalid = (path: string, message: string): ValidationError => Issues.single(path, message, "invalid expression");

/**
 * Parses `source` and checks its tree; returns the tree and the variables it uses.
 * @throws {@link ValidationError} - every refused construct, each at `path`.
 */
function parseChecked(
  source: string,
  path: string,
  variableList: readonly string[],
  maxLength: number,
): { readonly root: AnyNode; readonly used: ReadonlySet<string> } {
  if (typeof source !== "string") {
    throw invalid(path, `expression must be a string, got ${source === null ? "null" : typeof source}`);
  }
  if (source.length > maxLength) {
    throw invalid(path, `expression is ${source.length} characters long, the limit is ${maxLength}`);
  }
  if (source.trim() === "") {
    throw invalid(path, "expression is empty");
  }

  let root: AnyNode;
  try {
    root = mathInstance().parse(source) as AnyNode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw invalid(path, `syntax error: ${message}`);
  }
  // A source made only of a comment parses to an empty (undefined) constant.
  if (root.type === "ConstantNode" && root.value === undefined && !/\bundefined\b/.test(source)) {
    throw invalid(path, "expression is empty (it contains only a comment)");
  }

  const used = new Set<string>();
  const issues = new Issues("invalid expression");
  checkTree(root, new Set(variableList), path, issues, used);
  checkImplicitAfterCall(root, source, path, issues);
  issues.throwIfAny();
  return { root, used };
}

function validateOptions(variables: readonly string[], maxLength: number): void {
  if (!(Number.isInteger(maxLength) && maxLength > 0)) {
    throw new RangeError(`compileExpression: maxLength must be a positive integer, got ${maxLength}`);
  }
  for (const name of variables) {
    if (
      typeof name !== "string" ||
      !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ||
      RESERVED_WORDS.has(name) ||
      FUNCTIONS.has(name) ||
      CONSTANTS.has(name) ||
      FORBIDDEN_FUNCTIONS.has(name) ||
      name in Object.prototype
    ) {
      throw new TypeError(
        `compileExpression: ${JSON.stringify(name)} cannot be a variable name ` +
          `(it must be an identifier that is not a function, a constant or a reserved word)`,
      );
    }
  }
}

/** A variable's value in a message; a variable the scope lacks is `missing`. */
function showScopeValue(value: unknown): string {
  return value === undefined ? "missing" : showValue(value);
}

/**
 * Parses, checks and compiles a `custom` policy expression, once; the result is evaluated once
 * per period.
 *
 * The expression is a single arithmetic expression over the given variables (by default `year`,
 * the fractional calendar year; `t`, the period index; and `base`, the parameter's value before
 * the policy). It may use numbers, the constants `pi` and `e`, the operators `+ - * / ^ % mod`,
 * unary `-` and `+`, comparisons `== != < <= > >=`, `and`, `or`, `not`, the conditional
 * `cond ? a : b`, parentheses, and the functions `abs sqrt cbrt exp log` (`log(x)` or
 * `log(x, base)`) `log10 log2 min max floor ceil round` (`round(x)` or `round(x, digits)`, same for
 * floor and ceil) `sign pow sin cos tan tanh`.
 *
 * Everything else is refused before anything runs: `import`, `createUnit`, `evaluate`, `parse`,
 * `simplify`, `derivative` and the other mathjs meta-functions (most do not even exist in the
 * minimal mathjs instance used here), function definitions (`f(x) = x`), variable assignments
 * (`a = 1`), property access and indexing (`x.y`, `x[1]`, `cos.constructor`), calling anything
 * but a named function, arrays, matrices, ranges (`1:3`), objects (`{a: 1}`), strings, booleans,
 * `null`, `undefined`, non-finite constants (`Infinity`, `NaN`, `1e999`), multiple statements,
 * unknown names, implicit multiplication right after a function call (`cos(1)(2)`, which mathjs
 * would read as `cos(1) * 2`; `2t` and `2(t + 1)` are allowed), and expressions longer than
 * `maxLength`. Only numbers are computed (mathjs
 * number-only build, `number: "number"`): no BigNumber, Fraction, Complex or Unit values, so
 * `sqrt(-1)` is NaN and is reported as a non-finite result by `evaluate`.
 *
 * @param source - The expression text.
 * @param options - `path` (dotted field path used in every error), optional `variables`
 *   (default `["year", "t", "base"]`) and `maxLength` (default 500 characters).
 * @returns The compiled expression; its `evaluate(scope)` returns a finite number or throws.
 * @throws {@link ValidationError} - with one issue per refused construct, each with `path` set to
 *   `options.path` and a message saying what was refused and why: the expression is not a
 *   string, is empty, is too long (`expression is 612 characters long, the limit is 500`), has a
 *   syntax error (mathjs's message, with the character position), or uses anything not allowed.
 * @throws TypeError | RangeError - when `options.variables` or `options.maxLength` is invalid
 *   (a programming error, not a scenario error).
 *
 * @example
 * const growth = compileExpression("base * (1 + 0.05 * max(0, year - 2027))", {
 *   path: "policies.3.expression",
 * });
 * growth.evaluate({ year: 2029, t: 8, base: 100 }); // 110
 *
 * compileExpression('import({}, {})', { path: "policies.3.expression" });
 * // throws ValidationError: policies.3.expression: function "import" is not allowed: only
 * // arithmetic and math functions (abs, exp, log, min, max, ...) may be used
 */
export function compileExpression(source: string, options: CompileExpressionOptions): CompiledExpression {
  const path = options.path;
  const variableList = options.variables ?? DEFAULT_VARIABLES;
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  validateOptions(variableList, maxLength);
  const { root, used } = parseChecked(source, path, variableList, maxLength);
  const compiled: EvalFunction = (root as MathNode & { compile(): EvalFunction }).compile();
  return {
    source,
    evaluate: evaluator(
      compiled,
      variableList.filter((name) => used.has(name)),
      failure(source, path, variableList),
    ),
  };
}

/**
 * An evaluation failure at `path` (a policy's expression met a value it cannot take, e.g. 1/t
 * at t = 0, is a scenario error too): the expression, every variable's value, and the reason.
 */
function failure(
  source: string,
  path: string,
  variableList: readonly string[],
): (scope: Readonly<Record<string, unknown>>, reason: string, cause?: unknown) => ValidationError {
  const scopeText = (scope: Readonly<Record<string, unknown>>): string =>
    variableList
      .map((name) => `${name} = ${showScopeValue(Object.hasOwn(scope, name) ? scope[name] : undefined)}`)
      .join(", ");
  return (scope, reason, cause) => {
    const error = Issues.single(
      path,
      `expression ${JSON.stringify(source)} with ${scopeText(scope)}: ${reason}`,
      "expression failed",
    );
    if (cause !== undefined) (error as { cause?: unknown }).cause = cause;
    return error;
  };
}

/** The `evaluate` of a compiled expression that uses `usedVariables`. */
function evaluator(
  compiled: EvalFunction,
  usedVariables: readonly string[],
  failed: ReturnType<typeof failure>,
): CompiledExpression["evaluate"] {
  // One Map per compiled expression, refilled on each call: mathjs uses a Map scope as-is,
  // and only the variables the expression uses are in it (the caller's other keys cannot
  // shadow functions or constants).
  const mathScope = new Map<string, number>();
  return (scope) => {
    for (const name of usedVariables) {
      const value: unknown = Object.hasOwn(scope, name) ? scope[name] : undefined;
      if (typeof value !== "number") {
        throw failed(scope, `variable ${name} must be a number, got ${showScopeValue(value)}`);
      }
      mathScope.set(name, value);
    }
    let result: unknown;
    try {
      result = compiled.evaluate(mathScope);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw failed(scope, `evaluation failed: ${message}`, error);
    }
    if (typeof result !== "number" || !Number.isFinite(result)) {
      const got = typeof result === "number" ? String(result) : `${typeof result} ${showScopeValue(result)}`;
      throw failed(scope, `the result is ${got}, not a finite number`);
    }
    return result;
  };
}
