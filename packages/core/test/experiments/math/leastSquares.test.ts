import { describe, expect, it } from "vitest";
import { issuePaths } from "../../_issues";
import { leastSquares } from "../../../src/experiments/math/leastSquares";

const box = (n: number, lo: number, hi: number) => ({ lower: new Array(n).fill(lo), upper: new Array(n).fill(hi) });

describe("leastSquares", () => {
  it("leastSquares(rosenbrock residuals) reaches the minimum at (1, 1) with a zero sum of squares", () => {
    const r = leastSquares(([a, b]) => [1 - a, 10 * (b - a * a)], [-1.2, 1], { bounds: box(2, -2, 2) });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.sumOfSquares).toBeLessThan(1e-12);
    expect(r.atBound).toEqual([false, false]);
  });

  it("leastSquares on a linear model returns the ordinary least-squares solution and its Jacobian", () => {
    // y = 2 + 3 t observed with fixed deviations; OLS by the normal equations, in closed form.
    const t = [0, 1, 2, 3, 4];
    const y = [2.1, 4.9, 8.2, 10.8, 14.1];
    const n = t.length;
    const st = t.reduce((a, b) => a + b, 0);
    const sy = y.reduce((a, b) => a + b, 0);
    const stt = t.reduce((a, b) => a + b * b, 0);
    const sty = t.reduce((a, v, i) => a + v * y[i], 0);
    const slope = (n * sty - st * sy) / (n * stt - st * st);
    const intercept = (sy - slope * st) / n;
    // Tolerances far below the default, so the search stops at the solution to 8 digits, not at 1e-6 of the sum.
    const r = leastSquares(([a, b]) => t.map((v, i) => a + b * v - y[i]), [0, 0], {
      bounds: box(2, -10, 10),
      fTol: 1e-14,
      xTol: 1e-14,
    });
    expect(r.x[0]).toBeCloseTo(intercept, 8);
    expect(r.x[1]).toBeCloseTo(slope, 8);
    // The residuals are linear, so central differences give the exact Jacobian [1, t].
    r.jacobian.forEach((row, i) => {
      expect(row[0]).toBeCloseTo(1, 9);
      expect(row[1]).toBeCloseTo(t[i], 9);
    });
  });

  it("leastSquares holds a coordinate on the bound that the unconstrained minimum lies beyond", () => {
    // Unconstrained minimum at (3, -1); the box stops the first coordinate at 2.
    const r = leastSquares(([a, b]) => [a - 3, b + 1, 0.5 * (a - b - 4)], [0, 0], { bounds: box(2, -2, 2) });
    expect(r.x[0]).toBe(2);
    expect(r.atBound).toEqual([true, false]);
    // With a held at 2: minimise (b + 1)² + 0.25 (b + 2)², b = -1.2.
    expect(r.x[1]).toBeCloseTo(-1.2, 6);
  });

  it("leastSquares treats a trial point whose residuals throw as worse than any and still converges", () => {
    const r = leastSquares(
      ([a]) => {
        if (a > 1.5) throw new Error("no run here");
        return [a - 1];
      },
      [0],
      { bounds: { lower: [-3], upper: [3] } },
    );
    expect(r.x[0]).toBeCloseTo(1, 8);
  });

  it("leastSquares refuses bounds of another length, a start outside the box and bad tolerances, naming each", () => {
    const paths = issuePaths;
    expect(paths(() => leastSquares(() => [0], [0, 0], { bounds: box(1, 0, 1) }))).toEqual(["bounds"]);
    expect(paths(() => leastSquares(() => [0], [5], { bounds: box(1, 0, 1), fTol: 0, maxIterations: 1.5 }))).toEqual([
      "x0.0",
      "fTol",
      "maxIterations",
    ]);
    expect(paths(() => leastSquares(() => [0], [0.5], { bounds: { lower: [1], upper: [0] } }))).toEqual([
      "bounds.lower.0",
    ]);
  });
});
