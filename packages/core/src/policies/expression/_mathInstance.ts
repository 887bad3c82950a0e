/**
 * The minimal mathjs instance that parses and compiles `custom` policy expressions, and the
 * shape of the nodes its parser returns. It holds only the parser, the compiler, the arithmetic
 * operators, the comparisons and the allowed math functions (`_allowlists.ts`), built from the
 * number-only factories, so that nothing outside them can run even if the tree check missed it.
 *
 * Internal module (hence the leading `_`): used by the expression sandbox only.
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
import type { MathJsInstance, MathNode } from "mathjs";

/**
 * The mathjs instance, created on first use so that importing this module does nothing.
 * It is built from the number-only factories: no BigNumber, Fraction, Complex or Unit, and no
 * `evaluate`, `simplify`, `derivative`, `createUnit`, ... exist in it at all.
 */
let instance: MathJsInstance | undefined;

/** The minimal mathjs instance, created on the first call and shared by every expression. */
export function mathInstance(): MathJsInstance {
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

/** The node fields the sandbox reads; mathjs's own types do not narrow on `type`. */
export interface AnyNode extends MathNode {
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
