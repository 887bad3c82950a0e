/**
 * The tree check of a `custom` policy expression: walks the parsed tree node by node against
 * the allowlists (`_allowlists.ts`) and reports every refused construct, once each, before
 * anything is compiled. Refused nodes are not descended into, so one bad construct gives one
 * message, not one per node below it.
 *
 * Internal module (hence the leading `_`): used by `compileExpression` only.
 * @module
 */
import type { Issues } from "../../_issues";
import {
  ALLOWED_HINT,
  COMPARISONS,
  CONSTANTS,
  FORBIDDEN_FUNCTIONS,
  FUNCTION_LIST,
  FUNCTIONS,
  OPERATORS,
} from "./_allowlists";
import type { AnyNode } from "./_mathInstance";

/**
 * Adds every refused construct of the tree at `root` to `issues` at `path`, each message once,
 * in the order met. Adds the names of the variables used to `used`.
 */
export function checkTree(
  root: AnyNode,
  variables: ReadonlySet<string>,
  path: string,
  issues: Issues,
  used: Set<string>,
): void {
  const check = new TreeCheck(variables, used);
  check.visit(root);
  for (const message of check.refused) issues.add(path, message);
}

/** Nodes refused whole, with why and what to write instead. */
const REFUSED_NODES: ReadonlyMap<string, string> = new Map([
  ["FunctionAssignmentNode", `function definitions are not allowed (e.g. "f(x) = x^2"): write a single expression`],
  ["AssignmentNode", `variable assignments are not allowed (e.g. "a = 1"): write a single expression`],
  ["AccessorNode", `property access and indexing are not allowed (e.g. "x.y", "x[1]"): ${ALLOWED_HINT}`],
  ["IndexNode", `indexing is not allowed (e.g. "x[1]"): ${ALLOWED_HINT}`],
  ["ArrayNode", `matrices and arrays are not allowed (e.g. "[1, 2]"): only numbers may be used`],
  ["RangeNode", `ranges are not allowed (e.g. "1:3", which creates a matrix): only numbers may be used`],
  ["ObjectNode", `objects are not allowed (e.g. "{a: 1}"): only numbers may be used`],
  ["BlockNode", `multiple statements are not allowed (separated by ";" or a new line): write a single expression`],
]);

/** One walk over a tree: the messages of what it refused and the variables it met. */
class TreeCheck {
  /** What was refused, each message once, in the order met. */
  readonly refused = new Set<string>();

  constructor(
    private readonly variables: ReadonlySet<string>,
    private readonly used: Set<string>,
  ) {}

  visit(node: AnyNode): void {
    switch (node.type) {
      case "ConstantNode":
        this.constant(node.value);
        return;
      case "SymbolNode":
        this.symbol(node.name ?? "");
        return;
      case "OperatorNode":
        this.operator(node);
        return;
      case "RelationalNode":
        for (const fn of node.conditionals ?? []) {
          if (!COMPARISONS.has(fn)) this.refuse(`comparison "${fn}" is not allowed`);
        }
        this.visitAll(node.params);
        return;
      case "ParenthesisNode":
        if (node.content) this.visit(node.content);
        return;
      case "ConditionalNode":
        if (node.condition) this.visit(node.condition);
        if (node.trueExpr) this.visit(node.trueExpr);
        if (node.falseExpr) this.visit(node.falseExpr);
        return;
      case "FunctionNode":
        this.call(node);
        return;
      default:
        this.refuse(REFUSED_NODES.get(node.type) ?? `${node.type} is not allowed: ${ALLOWED_HINT}`);
    }
  }

  private visitAll(nodes: readonly AnyNode[] | undefined): void {
    nodes?.forEach((node) => this.visit(node));
  }

  private refuse(message: string): void {
    this.refused.add(message);
  }

  private allowedNames(): string {
    return (
      `the allowed variables are ${[...this.variables].join(", ")}; the constants ${[...CONSTANTS].join(", ")}; ` +
      `and the functions ${FUNCTION_LIST}`
    );
  }

  private constant(value: unknown): void {
    if (typeof value !== "number") {
      this.refuse(`${describeConstant(value)} is not allowed: only finite numbers may be used`);
    } else if (!Number.isFinite(value)) {
      this.refuse(`${describeConstant(value)} is not allowed: constants must be finite numbers`);
    }
  }

  private symbol(name: string): void {
    if (this.variables.has(name)) {
      this.used.add(name);
    } else if (CONSTANTS.has(name)) {
      // pi, e: resolved from the instance
    } else if (FORBIDDEN_FUNCTIONS.has(name)) {
      this.refuse(`function "${name}" is not allowed: ${ALLOWED_HINT}`);
    } else if (FUNCTIONS.has(name)) {
      this.refuse(`function "${name}" must be called with arguments, e.g. ${name}(x); functions are not values`);
    } else {
      this.refuse(`unknown name "${name}": ${this.allowedNames()}`);
    }
  }

  private operator(node: AnyNode): void {
    const fn = typeof node.fn === "string" ? node.fn : "";
    if (!OPERATORS.has(fn)) {
      this.refuse(
        `operator "${node.op ?? fn}" (${fn}) is not allowed: only + - * / ^ mod %, comparisons ` +
          `(== != < <= > >=), and, or, not and ?: may be used`,
      );
      return;
    }
    this.visitAll(node.args);
  }

  private call(node: AnyNode): void {
    const callee = node.fn;
    if (typeof callee === "object" && callee.type === "AccessorNode") {
      this.refuse(
        `method calls and property access are not allowed (e.g. ` +
          `"x.y(1)"): only named math functions may be called, e.g. abs(x)`,
      );
      return;
    }
    if (typeof callee !== "object" || callee.type !== "SymbolNode") {
      this.refuse(
        `calling the result of an expression (${typeof callee === "object" ? callee.type : "?"}) is not allowed: ` +
          `only named math functions may be called, e.g. abs(x)`,
      );
      return;
    }
    const name = callee.name ?? "";
    if (node.optional) {
      this.refuse(`optional call "${name}?.(...)" is not allowed: call the function directly, e.g. ${name}(x)`);
      return;
    }
    if (FORBIDDEN_FUNCTIONS.has(name)) {
      this.refuse(`function "${name}" is not allowed: ${ALLOWED_HINT}`);
      return;
    }
    const arity = FUNCTIONS.get(name);
    if (!arity) {
      this.refuse(
        this.variables.has(name) || CONSTANTS.has(name)
          ? `"${name}" is not a function: ${this.allowedNames()}`
          : `unknown function "${name}": the allowed functions are ${FUNCTION_LIST}`,
      );
      return;
    }
    const args = node.args ?? [];
    if (args.length < arity.min || args.length > arity.max) {
      this.refuse(`function "${name}" takes ${expectedArguments(arity)}, got ${args.length}`);
      return;
    }
    this.visitAll(args);
  }
}

/** `1 argument`, `2 arguments`, `1 or 2 arguments`, `at least 1 argument`. */
function expectedArguments(arity: { readonly min: number; readonly max: number }): string {
  const expected =
    arity.max === Infinity
      ? `at least ${arity.min}`
      : arity.min === arity.max
        ? `${arity.min}`
        : `${arity.min} or ${arity.max}`;
  return `${expected} argument${expected === "1" ? "" : "s"}`;
}

function describeConstant(value: unknown): string {
  if (typeof value === "string") return `string constant ${JSON.stringify(value)}`;
  if (typeof value === "boolean") return `boolean constant ${value}`;
  if (value === null) return "constant null";
  if (value === undefined) return "constant undefined";
  if (typeof value === "number") return `constant ${value}`;
  return `constant of type ${typeof value}`;
}
