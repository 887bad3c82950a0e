/**
 * The chi-square distribution: its distribution function and upper tail (the p-value of a
 * chi-square statistic, such as the over-identification test of a calibration).
 * @module
 */
import { Issues, showValue } from "../../_issues";
import { incompleteGamma } from "./_special";

function checkArguments(context: string, x: unknown, df: unknown): void {
  const issues = new Issues(context);
  if (typeof x !== "number" || Number.isNaN(x)) issues.add("x", `must be a number, got ${showValue(x)}`);
  if (typeof df !== "number" || !Number.isFinite(df) || !(df > 0))
    issues.add("df", `must be a finite number > 0, got ${showValue(df)}`);
  issues.throwIfAny();
}

/**
 * The distribution function of the chi-square distribution with `df` degrees of freedom:
 * P(X ≤ x) = P(df/2, x/2), the regularized lower incomplete gamma function (series below
 * x/2 < df/2 + 1, continued fraction above; about 1e-15 relative).
 *
 * @param x - any number (P = 0 for x ≤ 0; Infinity allowed).
 * @param df - degrees of freedom, a finite number > 0 (not necessarily whole).
 * @throws ValidationError if `x` is NaN or `df` is not a finite positive number.
 * @example
 * chiSquareCdf(3.841458820694124, 1) // 0.95…
 * chiSquareCdf(2, 2)                 // 1 - e^-1 = 0.6321…
 */
export function chiSquareCdf(x: number, df: number): number {
  checkArguments("chiSquareCdf", x, df);
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return incompleteGamma(df / 2, x / 2).p;
}

/**
 * The upper tail of the chi-square distribution, P(X > x) = Q(df/2, x/2): the p-value of a
 * statistic that is chi-square distributed under the null hypothesis. Computed directly (not as
 * 1 − {@link chiSquareCdf}), so it keeps its relative accuracy far in the tail.
 *
 * @param x - any number (1 for x ≤ 0; 0 at Infinity).
 * @param df - degrees of freedom, a finite number > 0.
 * @throws ValidationError if `x` is NaN or `df` is not a finite positive number.
 * @example
 * chiSquarePValue(3.841458820694124, 1) // 0.05…
 * chiSquarePValue(100, 2)               // e^-50 = 1.93e-22
 */
export function chiSquarePValue(x: number, df: number): number {
  checkArguments("chiSquarePValue", x, df);
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return incompleteGamma(df / 2, x / 2).q;
}
