/**
 * Locked-down arithmetic expressions for `custom` policies.
 *
 * A `custom` policy sets a numeric parameter to an expression of `year`, `t` and `base`, e.g.
 * `base * (1 + 0.05 * max(0, year - 2027))`. Scenario files are data, so an expression is
 * treated as untrusted input: it is parsed with a minimal mathjs instance that holds only the
 * parser, the compiler, the arithmetic operators and a short list of math functions, and the
 * parsed tree is checked node by node against an allowlist before it is compiled.
 *
 * Internal module (hence the leading `_`): used by the policy code, not exported from the package.
 * @module
 */
import {
  create,
  parseDependencies,
  compileDependencies,
  addDependencies,
  subtractDependencies,
  multiplyDependencies,
  divideDependencies,
  powDependencies,
  modDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  equalDependencies,
  unequalDependencies,
  smallerDependencies,
  smallerEqDependencies,
  largerDependencies,
  largerEqDependencies,
  andDependencies,
  orDependencies,
  notDependencies,
  absDependencies,
  sqrtDependencies,
  cbrtDependencies,
  expDependencies,
  logDependencies,
  log10Dependencies,
  log2Dependencies,
  minDependencies,
  maxDependencies,
  floorDependencies,
  ceilDependencies,
  roundDependencies,
  signDependencies,
  sinDependencies,
  cosDependencies,
  tanDependencies,
  tanhDependencies,
  piDependencies,
  eDependencies,
} from "mathjs/number";
import type { EvalFunction, MathJsInstance, MathNode } from "mathjs";
import { ValidationError, type Issue } from "../../errors";

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

/** Allowed functions with their accepted number of arguments (`max` Infinity = variadic). */
const FUNCTIONS: ReadonlyMap<string, { readonly min: number; readonly max: number }> = new Map([
  ["abs", { min: 1, max: 1 }],
  ["sqrt", { min: 1, max: 1 }],
  ["cbrt", { min: 1, max: 1 }],
  ["exp", { min: 1, max: 1 }],
  ["log", { min: 1, max: 2 }],
  ["log10", { min: 1, max: 1 }],
  ["log2", { min: 1, max: 1 }],
  ["min", { min: 1, max: Infinity }],
  ["max", { min: 1, max: Infinity }],
  ["floor", { min: 1, max: 2 }],
  ["ceil", { min: 1, max: 2 }],
  ["round", { min: 1, max: 2 }],
  ["sign", { min: 1, max: 1 }],
  ["pow", { min: 2, max: 2 }],
  ["sin", { min: 1, max: 1 }],
  ["cos", { min: 1, max: 1 }],
  ["tan", { min: 1, max: 1 }],
  ["tanh", { min: 1, max: 1 }],
]);

/** Named constants provided by the mathjs instance. */
const CONSTANTS: ReadonlySet<string> = new Set(["pi", "e"]);

/** mathjs operator functions (OperatorNode.fn) that may be used. */
const OPERATORS: ReadonlySet<string> = new Set([
  "add",
  "subtract",
  "multiply",
  "divide",
  "pow",
  "mod",
  "unaryMinus",
  "unaryPlus",
  "equal",
  "unequal",
  "smaller",
  "smallerEq",
  "larger",
  "largerEq",
  "and",
  "or",
  "not",
]);

/** Comparison functions allowed in chained comparisons (RelationalNode, `a < b < c`). */
const COMPARISONS: ReadonlySet<string> = new Set(["equal", "unequal", "smaller", "smallerEq", "larger", "largerEq"]);

/** mathjs functions that are refused by name, with a specific message (most are not even in the instance). */
const FORBIDDEN_FUNCTIONS: ReadonlySet<string> = new Set([
  "import",
  "createUnit",
  "evaluate",
  "parse",
  "simplify",
  "derivative",
  "compile",
  "chain",
  "typed",
  "config",
  "resolve",
  "reviver",
  "help",
  "create",
  "factory",
]);

/** Words the mathjs parser treats as operators or literals; they cannot be variable names. */
const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "mod",
  "to",
  "in",
  "and",
  "or",
  "xor",
  "not",
  "end",
  "true",
  "false",
  "null",
  "undefined",
  "NaN",
  "Infinity",
]);

const FUNCTION_LIST = [...FUNCTIONS.keys()].join(", ");
const ALLOWED_HINT = "only arithmetic and math functions (abs, exp, log, min, max, ...) may be used";

/**
 * The mathjs instance, created on first use so that importing this module does nothing.
 * It is built from the number-only factories: no BigNumber, Fraction, Complex or Unit, and no
 * `evaluate`, `simplify`, `derivative`, `createUnit`, ... exist in it at all.
 */
let instance: MathJsInstance | undefined;

function mathInstance(): MathJsInstance {
  instance ??= create(
    {
      parseDependencies,
      compileDependencies,
      addDependencies,
      subtractDependencies,
      multiplyDependencies,
      divideDependencies,
      powDependencies,
      modDependencies,
      unaryMinusDependencies,
      unaryPlusDependencies,
      equalDependencies,
      unequalDependencies,
      smallerDependencies,
      smallerEqDependencies,
      largerDependencies,
      largerEqDependencies,
      andDependencies,
      orDependencies,
      notDependencies,
      absDependencies,
      sqrtDependencies,
      cbrtDependencies,
      expDependencies,
      logDependencies,
      log10Dependencies,
      log2Dependencies,
      minDependencies,
      maxDependencies,
      floorDependencies,
      ceilDependencies,
      roundDependencies,
      signDependencies,
      sinDependencies,
      cosDependencies,
      tanDependencies,
      tanhDependencies,
      piDependencies,
      eDependencies,
    },
    { number: "number" },
  );
  return instance;
}

/** The node fields this module reads; mathjs's own types do not narrow on `type`. */
interface AnyNode extends MathNode {
  readonly value?: unknown;
  readonly name?: string;
  readonly fn?: AnyNode | string;
  readonly op?: string;
  readonly args?: readonly AnyNode[];
  readonly optional?: boolean;
  readonly content?: AnyNode;
  readonly condition?: AnyNode;
  readonly trueExpr?: AnyNode;
  readonly falseExpr?: AnyNode;
  readonly conditionals?: readonly string[];
  readonly params?: readonly AnyNode[];
}

function describeConstant(value: unknown): string {
  if (typeof value === "string") return `string constant ${JSON.stringify(value)}`;
  if (typeof value === "boolean") return `boolean constant ${value}`;
  if (value === null) return "constant null";
  if (value === undefined) return "constant undefined";
  if (typeof value === "number") return `constant ${value}`;
  return `constant of type ${typeof value}`;
}

/**
 * Walks the parsed tree and returns every refused construct (refused nodes are not descended
 * into). Adds the names of the variables used to `used`.
 */
function checkTree(root: AnyNode, variables: ReadonlySet<string>, path: string, used: Set<string>): Issue[] {
  const messages: string[] = [];
  const refuse = (message: string): void => {
    if (!messages.includes(message)) messages.push(message);
  };
  const allowedNames = (): string =>
    `the allowed variables are ${[...variables].join(", ")}; the constants ${[...CONSTANTS].join(", ")}; ` +
    `and the functions ${FUNCTION_LIST}`;

  const visit = (node: AnyNode): void => {
    switch (node.type) {
      case "ConstantNode": {
        const value = node.value;
        if (typeof value !== "number") {
          refuse(`${describeConstant(value)} is not allowed: only finite numbers may be used`);
        } else if (!Number.isFinite(value)) {
          refuse(`${describeConstant(value)} is not allowed: constants must be finite numbers`);
        }
        return;
      }
      case "SymbolNode": {
        const name = node.name ?? "";
        if (variables.has(name)) {
          used.add(name);
        } else if (CONSTANTS.has(name)) {
          // pi, e: resolved from the instance
        } else if (FORBIDDEN_FUNCTIONS.has(name)) {
          refuse(`function "${name}" is not allowed: ${ALLOWED_HINT}`);
        } else if (FUNCTIONS.has(name)) {
          refuse(`function "${name}" must be called with arguments, e.g. ${name}(x); functions are not values`);
        } else {
          refuse(`unknown name "${name}": ${allowedNames()}`);
        }
        return;
      }
      case "OperatorNode": {
        const fn = typeof node.fn === "string" ? node.fn : "";
        if (!OPERATORS.has(fn)) {
          refuse(
            `operator "${node.op ?? fn}" (${fn}) is not allowed: only + - * / ^ mod %, comparisons ` +
              `(== != < <= > >=), and, or, not and ?: may be used`,
          );
          return;
        }
        node.args?.forEach(visit);
        return;
      }
      case "RelationalNode": {
        for (const fn of node.conditionals ?? []) {
          if (!COMPARISONS.has(fn)) refuse(`comparison "${fn}" is not allowed`);
        }
        node.params?.forEach(visit);
        return;
      }
      case "ParenthesisNode":
        if (node.content) visit(node.content);
        return;
      case "ConditionalNode":
        if (node.condition) visit(node.condition);
        if (node.trueExpr) visit(node.trueExpr);
        if (node.falseExpr) visit(node.falseExpr);
        return;
      case "FunctionNode": {
        const callee = node.fn;
        if (typeof callee === "object" && callee.type === "AccessorNode") {
          refuse(
            `method calls and property access are not allowed (e.g. "x.y(1)"): only named math functions may be called, e.g. abs(x)`,
          );
          return;
        }
        if (typeof callee !== "object" || callee.type !== "SymbolNode") {
          refuse(
            `calling the result of an expression (${typeof callee === "object" ? callee.type : "?"}) is not allowed: ` +
              `only named math functions may be called, e.g. abs(x)`,
          );
          return;
        }
        const name = callee.name ?? "";
        const args = node.args ?? [];
        if (node.optional) {
          refuse(`optional call "${name}?.(...)" is not allowed: call the function directly, e.g. ${name}(x)`);
          return;
        }
        if (FORBIDDEN_FUNCTIONS.has(name)) {
          refuse(`function "${name}" is not allowed: ${ALLOWED_HINT}`);
          return;
        }
        const arity = FUNCTIONS.get(name);
        if (!arity) {
          refuse(
            variables.has(name) || CONSTANTS.has(name)
              ? `"${name}" is not a function: ${allowedNames()}`
              : `unknown function "${name}": the allowed functions are ${FUNCTION_LIST}`,
          );
          return;
        }
        if (args.length < arity.min || args.length > arity.max) {
          const expected =
            arity.max === Infinity
              ? `at least ${arity.min}`
              : arity.min === arity.max
                ? `${arity.min}`
                : `${arity.min} or ${arity.max}`;
          refuse(`function "${name}" takes ${expected} argument${expected === "1" ? "" : "s"}, got ${args.length}`);
          return;
        }
        args.forEach(visit);
        return;
      }
      case "FunctionAssignmentNode":
        refuse(`function definitions are not allowed (e.g. "f(x) = x^2"): write a single expression`);
        return;
      case "AssignmentNode":
        refuse(`variable assignments are not allowed (e.g. "a = 1"): write a single expression`);
        return;
      case "AccessorNode":
        refuse(`property access and indexing are not allowed (e.g. "x.y", "x[1]"): ${ALLOWED_HINT}`);
        return;
      case "IndexNode":
        refuse(`indexing is not allowed (e.g. "x[1]"): ${ALLOWED_HINT}`);
        return;
      case "ArrayNode":
        refuse(`matrices and arrays are not allowed (e.g. "[1, 2]"): only numbers may be used`);
        return;
      case "RangeNode":
        refuse(`ranges are not allowed (e.g. "1:3", which creates a matrix): only numbers may be used`);
        return;
      case "ObjectNode":
        refuse(`objects are not allowed (e.g. "{a: 1}"): only numbers may be used`);
        return;
      case "BlockNode":
        refuse(`multiple statements are not allowed (separated by ";" or a new line): write a single expression`);
        return;
      default:
        refuse(`${node.type} is not allowed: ${ALLOWED_HINT}`);
    }
  };

  visit(root);
  return messages.map((message) => ({ path, message }));
}

/** The node whose text ends `node`'s text: `cos(1)` for `2 ^ cos(1)` or `-cos(1)`. */
function lastOperand(node: AnyNode): AnyNode {
  if (node.type === "ParenthesisNode") return node;
  const args = node.type === "OperatorNode" ? node.args : undefined;
  // A prefix operator (-x, +x, not x) or a binary one ends with its last operand; a postfix one
  // (x!, x') ends with itself.
  const prefix = node.fn === "unaryMinus" || node.fn === "unaryPlus" || node.fn === "not";
  if (args && (args.length === 2 || (args.length === 1 && prefix))) return lastOperand(args[args.length - 1]);
  return node;
}

/**
 * Refuses implicit multiplication right after a function call. mathjs reads `cos(1)(2)` as
 * `cos(1) * (2)` and `max(a, b) t` as `max(a, b) * t`, which looks like calling a result or a
 * typo; `2t`, `2 pi` and `2(t + 1)` stay allowed.
 */
function checkImplicitAfterCall(root: AnyNode, source: string, path: string): Issue[] {
  const issues: Issue[] = [];
  root.traverse((node) => {
    const operator = node as AnyNode & { readonly implicit?: boolean };
    if (operator.type !== "OperatorNode" || !operator.implicit || !operator.args || operator.args.length !== 2) return;
    const call = lastOperand(operator.args[0]);
    if (call.type !== "FunctionNode") return;
    const factor = operator.args[1].toString();
    issues.push({
      path,
      message:
        `implicit multiplication after a function call is not allowed in ${JSON.stringify(source)}: ` +
        `${call.toString()} followed by ${factor} would be read as ${call.toString()} * ${factor}; ` +
        `write the * explicitly`,
    });
  });
  return issues;
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

function formatValue(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "missing";
  if (typeof value === "object" && value !== null) {
    const text = String(value);
    return text === "[object Object]" ? "an object" : text;
  }
  return String(value);
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

  const invalid = (message: string): ValidationError => new ValidationError([{ path, message }], "invalid expression");

  if (typeof source !== "string") {
    throw invalid(`expression must be a string, got ${source === null ? "null" : typeof source}`);
  }
  if (source.length > maxLength) {
    throw invalid(`expression is ${source.length} characters long, the limit is ${maxLength}`);
  }
  if (source.trim() === "") {
    throw invalid("expression is empty");
  }

  const math = mathInstance();
  let root: AnyNode;
  try {
    root = math.parse(source) as AnyNode;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw invalid(`syntax error: ${message}`);
  }
  // A source made only of a comment parses to an empty (undefined) constant.
  if (root.type === "ConstantNode" && root.value === undefined && !/\bundefined\b/.test(source)) {
    throw invalid("expression is empty (it contains only a comment)");
  }

  const used = new Set<string>();
  const issues = [...checkTree(root, new Set(variableList), path, used), ...checkImplicitAfterCall(root, source, path)];
  if (issues.length > 0) throw new ValidationError(issues, "invalid expression");

  const compiled: EvalFunction = (root as MathNode & { compile(): EvalFunction }).compile();
  const usedVariables = variableList.filter((name) => used.has(name));
  // One Map per compiled expression, refilled on each call: mathjs uses a Map scope as-is,
  // and only the variables the expression uses are in it (the caller's other keys cannot
  // shadow functions or constants).
  const mathScope = new Map<string, number>();

  const scopeText = (scope: Readonly<Record<string, unknown>>): string =>
    variableList
      .map((name) => `${name} = ${formatValue(Object.hasOwn(scope, name) ? scope[name] : undefined)}`)
      .join(", ");
  // Evaluation errors are scenario errors too (a policy's expression met a value it cannot
  // take, e.g. 1/t at t = 0): one issue at the expression's path.
  const failed = (scope: Readonly<Record<string, unknown>>, reason: string, cause?: unknown): ValidationError => {
    const error = new ValidationError(
      [{ path, message: `expression ${JSON.stringify(source)} with ${scopeText(scope)}: ${reason}` }],
      "expression failed",
    );
    if (cause !== undefined) (error as { cause?: unknown }).cause = cause;
    return error;
  };

  return {
    source,
    evaluate(scope: Readonly<Record<string, number>>): number {
      for (const name of usedVariables) {
        const value: unknown = Object.hasOwn(scope, name) ? scope[name] : undefined;
        if (typeof value !== "number") {
          throw failed(scope, `variable ${name} must be a number, got ${formatValue(value)}`);
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
        const got = typeof result === "number" ? String(result) : `${typeof result} ${formatValue(result)}`;
        throw failed(scope, `the result is ${got}, not a finite number`);
      }
      return result;
    },
  };
}
