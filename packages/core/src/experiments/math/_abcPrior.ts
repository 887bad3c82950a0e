/**
 * The uniform prior of the ABC samplers: its check, its draws, and the checks of the distances
 * told back.
 * @internal
 * @module
 */
import { Issues, showValue } from "../../_issues";
import type { Rng } from "./_rng";

/** Parameter names with their bounds, in the order of the bounds object. @internal */
export interface Prior {
  readonly names: string[];
  readonly lo: number[];
  readonly hi: number[];
}

/** Checks the bounds of a uniform prior, adding an issue per bad pair. @internal */
export function checkBounds(issues: Issues, bounds: unknown): Prior {
  const names: string[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  if (typeof bounds !== "object" || bounds === null) {
    issues.add("bounds", `must be an object of [lower, upper] pairs, got ${showValue(bounds)}`);
    return { names, lo, hi };
  }
  for (const [name, pair] of Object.entries(bounds as Record<string, unknown>)) {
    const path = `bounds.${name}`;
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "number" || typeof pair[1] !== "number") {
      issues.add(path, `must be a pair [lower, upper] of numbers, got ${showValue(pair)}`);
      continue;
    }
    const [a, b] = pair as [number, number];
    if (!Number.isFinite(a) || !Number.isFinite(b))
      issues.add(path, `bounds must be finite for a uniform prior, got [${a}, ${b}]`);
    else if (a > b) issues.add(path, `lower bound ${a} is above upper bound ${b}`);
    else if (a === b)
      issues.add(path, `lower and upper bound are both ${a}; a parameter with a fixed value is not estimated`);
    names.push(name);
    lo.push(a);
    hi.push(b);
  }
  if (names.length === 0 && issues.ok) issues.add("bounds", "needs at least one parameter");
  return { names, lo, hi };
}

/** One draw from the prior: a uniform per parameter, in name order. @internal */
export const drawPrior = (prior: Prior, rng: Rng): number[] =>
  prior.lo.map((a, d) => a + rng.uniform() * (prior.hi[d] - a));

/** Checks the distances told for a batch of `expected` points (none when no batch is pending). @internal */
export function checkDistances(method: string, values: readonly number[], expected: number): void {
  const issues = new Issues(`${method}.tell`);
  if (expected === 0) issues.add("values", "no batch is pending: call ask() before tell(), and stop once done is true");
  else if (!Array.isArray(values) || values.length !== expected) {
    issues.add("values", `must hold one distance per point of the batch (${expected}), got ${showValue(values)}`);
  } else {
    values.forEach((v: unknown, i) => {
      if (typeof v !== "number" || !(v >= 0))
        issues.add(`values[${i}]`, `must be a distance >= 0 (Infinity for a failed run), got ${showValue(v)}`);
    });
  }
  issues.throwIfAny();
}
