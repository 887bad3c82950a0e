import { issuePaths } from "../../_issues";
import { describe, expect, it } from "vitest";
import { minimize, nelderMead } from "../../../src/experiments/math/nelderMead";
import { runAskTell } from "../../../src/experiments/math/askTell";

const rosenbrock = ([x, y]: number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
const centre = [0, 1, 2, 3];
const bowl = (x: number[]) => x.reduce((s, v, i) => s + (i + 1) * (v - centre[i]) ** 2, 0);

describe("nelderMead", () => {
  it("minimize(rosenbrock, [-1.2, 1]) converges to (1, 1) within 1e-4", () => {
    const r = minimize(rosenbrock, [-1.2, 1], { xTol: 1e-10, fTol: 1e-14 });
    expect(r.converged).toBe(true);
    expect(r.reason).toBe("tolerance");
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-4);
    expect(Math.abs(r.x[1] - 1)).toBeLessThan(1e-4);
    expect(r.f).toBeLessThan(1e-8);
  });

  it(
    "minimize(bowl, [5, 5, 5, 5]) finds the centre (0, 1, 2, 3) of a 4-D " +
      "quadratic bowl within 1e-6, with and without adaptive coefficients",
    () => {
      for (const adaptive of [false, true]) {
        const r = minimize(bowl, [5, 5, 5, 5], { adaptive });
        expect(r.converged).toBe(true);
        r.x.forEach((v, i) => expect(Math.abs(v - centre[i])).toBeLessThan(1e-6));
      }
    },
  );

  it(
    "nelderMead(x0, { batch: 'speculative' }) asks for 4 points per " +
      "step and reaches exactly the same result as the sequential method",
    () => {
      const seq = minimize(rosenbrock, [-1.2, 1]);
      const spec = nelderMead([-1.2, 1], { batch: "speculative" });
      const sizes = new Set<number>();
      while (!spec.done) {
        const batch = spec.ask();
        sizes.add(batch.length);
        spec.tell(batch.map(rosenbrock));
      }
      const r = spec.result();
      expect(r.x).toEqual(seq.x);
      expect(r.f).toBe(seq.f);
      expect(r.iterations).toBe(seq.iterations);
      expect(r.evaluations).toBeGreaterThan(seq.evaluations);
      // Batches: the initial simplex (3 points), shrinks (2) and the speculative steps (4).
      for (const size of sizes) expect([2, 3, 4]).toContain(size);
      expect(sizes.has(4)).toBe(true);
    },
  );

  it(
    "nelderMead with bounds reflects proposals into the box: every " +
      "asked point is within bounds and a boundary minimum is found",
    () => {
      const opt = nelderMead([0.5, 0.5], { bounds: { lower: [0, 0], upper: [2, 1] } });
      let outside = 0;
      const f = ([x, y]: number[]) => (x - 3) ** 2 + (y - 0.25) ** 2; // unconstrained minimum at x = 3
      while (!opt.done) {
        const batch = opt.ask();
        for (const [x, y] of batch) if (x < 0 || x > 2 || y < 0 || y > 1) outside++;
        opt.tell(batch.map(f));
      }
      expect(outside).toBe(0);
      const r = opt.result();
      expect(Math.abs(r.x[0] - 2)).toBeLessThan(1e-6);
      expect(Math.abs(r.x[1] - 0.25)).toBeLessThan(1e-6);
    },
  );

  it("nelderMead treats NaN and +Infinity values as worse than any point (a failed run)", () => {
    const f = ([x]: number[]) => (x < 0 ? Number.NaN : x > 4 ? Infinity : (x - 1) ** 2);
    const r = minimize(f, [3], { initialStep: 2 });
    expect(Math.abs(r.x[0] - 1)).toBeLessThan(1e-6);
  });

  it("nelderMead stops at maxIterations and reports it as not converged", () => {
    const r = minimize(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    expect(r).toMatchObject({ iterations: 10, converged: false, reason: "maxIterations" });
  });

  it("nelderMead's ask() repeats the pending batch until tell(), and tell() checks the batch length", () => {
    const opt = nelderMead([1, 2]);
    const a = opt.ask();
    expect(opt.ask()).toEqual(a);
    expect(a).toHaveLength(3);
    expect(issuePaths(() => opt.tell([1, 2]))).toEqual(["values"]);
    expect(issuePaths(() => opt.tell([1, -Infinity, 3]))).toEqual(["values[1]"]);
    opt.tell(a.map(rosenbrock));
    expect(opt.ask()).toHaveLength(1);
    expect(runAskTell(opt, rosenbrock).converged).toBe(true);
    expect(issuePaths(() => opt.tell([1]))).toEqual(["values"]);
  });

  it("nelderMead(x0, options) throws a ValidationError naming a start point outside the bounds or a bad option", () => {
    expect(issuePaths(() => nelderMead([3, 0], { bounds: { lower: [0, 0], upper: [1, 1] } }))).toEqual(["x0[0]"]);
    expect(issuePaths(() => nelderMead([0, 0], { bounds: { lower: [0, 2], upper: [1, 1] } }))).toEqual([
      "options.bounds[1]",
    ]);
    expect(issuePaths(() => nelderMead([Number.NaN]))).toEqual(["x0[0]"]);
    expect(issuePaths(() => nelderMead([1], { initialStep: -1, xTol: -1 }))).toEqual([
      "options.initialStep",
      "options.xTol",
    ]);
  });
});
