import { issuePaths } from "../../_issues";
import { describe, expect, it } from "vitest";
import { morrisDesign, morrisIndices } from "../../../src/experiments/math/morris";

describe("morrisDesign", () => {
  it(
    "morrisDesign(5, 12, 4, seed) gives 12 trajectories of " + "6 grid points, each moving every factor once by ±2/3",
    () => {
      const design = morrisDesign(5, 12, 4, "design");
      expect(design.delta).toBe(2 / 3);
      expect(design.points).toHaveLength(12 * 6);
      const grid = [0, 1 / 3, 2 / 3, 1];
      for (const p of design.points) for (const v of p) expect(grid).toContain(v);
      for (let t = 0; t < 12; t++) {
        const moved: number[] = [];
        for (let s = 1; s <= 5; s++) {
          const a = design.points[t * 6 + s - 1];
          const b = design.points[t * 6 + s];
          const changed = a.map((v, i) => (v !== b[i] ? i : -1)).filter((i) => i >= 0);
          expect(changed).toHaveLength(1);
          expect(Math.abs(Math.abs(b[changed[0]] - a[changed[0]]) - 2 / 3)).toBeLessThan(1e-15);
          moved.push(changed[0]);
        }
        expect(moved.sort()).toEqual([0, 1, 2, 3, 4]);
      }
    },
  );

  it("morrisDesign(k, r, levels, seed) is a deterministic function of the seed", () => {
    expect(morrisDesign(3, 4, 6, "a")).toEqual(morrisDesign(3, 4, 6, "a"));
    expect(morrisDesign(3, 4, 6, "a").points).not.toEqual(morrisDesign(3, 4, 6, "b").points);
  });

  it("morrisDesign(k, r, levels, seed) throws a ValidationError for odd levels or a single trajectory", () => {
    expect(issuePaths(() => morrisDesign(3, 1, 5, "s"))).toEqual(["r", "levels"]);
  });
});

describe("morrisIndices", () => {
  it("morrisIndices on f = 3 x0 + x1² + 0 x2 gives mu = mu* = 3 and sigma = 0 for x0, zero effects for x2", () => {
    const design = morrisDesign(3, 20, 4, "lin");
    const idx = morrisIndices(
      design,
      design.points.map(([x, y]) => 3 * x + y * y),
    );
    expect(idx[0].mu).toBeCloseTo(3, 12);
    expect(idx[0].muStar).toBeCloseTo(3, 12);
    expect(idx[0].sigma).toBeLessThan(1e-12);
    expect(idx[1].muStar).toBeGreaterThan(0);
    expect(idx[2]).toEqual({ mu: 0, muStar: 0, sigma: 0 });
  });

  it(
    "morrisIndices(design, values) throws a ValidationError " + "for a wrong number of values or a broken trajectory",
    () => {
      const design = morrisDesign(2, 3, 4, "x");
      expect(issuePaths(() => morrisIndices(design, [1, 2]))).toEqual(["values"]);
      const broken = { ...design, points: design.points.map((p, i) => (i === 1 ? p.map(() => 0.5) : p)) };
      expect(issuePaths(() => morrisIndices(broken, new Array(9).fill(0)))).toEqual(["design.points[1]"]);
    },
  );
});
