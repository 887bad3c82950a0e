import { describe, expect, it } from "vitest";
import { chiSquareCdf, chiSquarePValue } from "../../../src/experiments/math/chiSquare";
import { issuePaths } from "../../_issues";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("chiSquareCdf and chiSquarePValue", () => {
  // Reference values: the regularized incomplete gamma function computed at 30 significant digits
  // (mpmath's gammainc) and rounded to the nearest double; agreement within 1e-13 relative is
  // double precision up to the accumulated rounding of the series and continued fraction.
  it.each([
    [3.841458820694124, 1, 0.95, 0.05000000000000006],
    [0.5, 1, 0.5204998778130465, 0.4795001221869535],
    [7.814727903251178, 3, 0.95, 0.05000000000000004],
    [18.307038053275146, 10, 0.95, 0.05000000000000001],
    [1, 0.5, 0.8464864041916775, 0.15351359580832247],
    [60, 10, 0.999999996375699, 3.6243009520614882e-9],
    [200, 3, 1, 4.2185411071920426e-43],
  ])("chiSquareCdf(%s, %s) and chiSquarePValue match the incomplete gamma function (%s, %s)", (x, df, cdf, p) => {
    expect(rel(chiSquareCdf(x, df), cdf)).toBeLessThan(1e-13);
    expect(rel(chiSquarePValue(x, df), p)).toBeLessThan(1e-13);
  });

  it("chiSquarePValue(x, 2) is exp(-x/2) and chiSquarePValue(x, 4) is exp(-x/2)(1 + x/2), the closed forms", () => {
    for (const x of [1e-3, 0.3, 1, 2, 5, 17, 80, 500]) {
      expect(rel(chiSquarePValue(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-13);
      expect(rel(chiSquareCdf(x, 2), -Math.expm1(-x / 2))).toBeLessThan(1e-13);
      expect(rel(chiSquarePValue(x, 4), Math.exp(-x / 2) * (1 + x / 2))).toBeLessThan(1e-13);
    }
  });

  it("chiSquareCdf is 0 at and below 0 and 1 at Infinity; chiSquarePValue the reverse", () => {
    for (const df of [0.5, 1, 7]) {
      expect(chiSquareCdf(0, df)).toBe(0);
      expect(chiSquareCdf(-3, df)).toBe(0);
      expect(chiSquareCdf(Infinity, df)).toBe(1);
      expect(chiSquarePValue(0, df)).toBe(1);
      expect(chiSquarePValue(Infinity, df)).toBe(0);
    }
  });

  it("chiSquarePValue(NaN, 0) names both arguments in one ValidationError", () => {
    expect(issuePaths(() => chiSquarePValue(NaN, 0))).toEqual(["x", "df"]);
    expect(() => chiSquareCdf(1, Infinity)).toThrow(/df: must be a finite number > 0, got Infinity/);
  });
});
