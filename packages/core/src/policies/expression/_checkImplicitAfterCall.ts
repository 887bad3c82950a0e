/**
 * The check for implicit multiplication right after a function call in a `custom` policy
 * expression, which mathjs accepts but which reads like calling a result or a typo.
 *
 * Internal module (hence the leading `_`): used by `compileExpression` only.
 * @module
 */
import type { Issues } from "../../_issues";
import type { AnyNode } from "./_mathInstance";

/**
 * Refuses implicit multiplication right after a function call. mathjs reads `cos(1)(2)` as
 * `cos(1) * (2)` and `max(a, b) t` as `max(a, b) * t`, which looks like calling a result or a
 * typo; `2t`, `2 pi` and `2(t + 1)` stay allowed. Adds one issue at `path` per such product.
 */
export function checkImplicitAfterCall(root: AnyNode, source: string, path: string, issues: Issues): void {
  root.traverse((node) => {
    const operator = node as AnyNode & { readonly implicit?: boolean };
    if (operator.type !== "OperatorNode" || !operator.implicit || !operator.args || operator.args.length !== 2) return;
    const call = lastOperand(operator.args[0]);
    if (call.type !== "FunctionNode") return;
    const factor = operator.args[1].toString();
    issues.add(
      path,
      `implicit multiplication after a function call is not allowed in ${JSON.stringify(source)}: ` +
        `${call.toString()} followed by ${factor} would be read as ${call.toString()} * ${factor}; ` +
        `write the * explicitly`,
    );
  });
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
