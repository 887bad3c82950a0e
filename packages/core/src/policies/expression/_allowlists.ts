/**
 * What a `custom` policy expression may contain: the allowed functions (with their number of
 * arguments), constants, operators and comparisons, the mathjs meta-functions refused by name,
 * and the words that cannot be variable names. The tree check ({@link checkTree}) and the
 * variable-name check of `compileExpression` read these lists; the minimal mathjs instance
 * (`_mathInstance.ts`) is built from the same functions.
 *
 * Internal module (hence the leading `_`): used by the expression sandbox only.
 * @module
 */

/** Allowed functions with their accepted number of arguments (`max` Infinity = variadic). */
export const FUNCTIONS: ReadonlyMap<string, { readonly min: number; readonly max: number }> = new Map([
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
export const CONSTANTS: ReadonlySet<string> = new Set(["pi", "e"]);

/** mathjs operator functions (OperatorNode.fn) that may be used. */
export const OPERATORS: ReadonlySet<string> = new Set([
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
export const COMPARISONS: ReadonlySet<string> = new Set([
  "equal",
  "unequal",
  "smaller",
  "smallerEq",
  "larger",
  "largerEq",
]);

/** mathjs functions that are refused by name, with a specific message (most are not even in the instance). */
export const FORBIDDEN_FUNCTIONS: ReadonlySet<string> = new Set([
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
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
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

export const FUNCTION_LIST = [...FUNCTIONS.keys()].join(", ");
export const ALLOWED_HINT = "only arithmetic and math functions (abs, exp, log, min, max, ...) may be used";
