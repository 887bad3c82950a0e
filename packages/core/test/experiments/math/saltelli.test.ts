import { issuePaths } from "../../_issues";
import { describe, expect, it } from "vitest";
import { saltelliDesign, sobolIndices } from "../../../src/experiments/math/saltelli";
import { sobolSequence } from "../../../src/experiments/math/designs";

describe("saltelliDesign", () => {
  it("saltelliDesign(3, 16) stacks A, B and A_B^(i) built from a 6-dimensional Sobol' sequence", () => {
    const d = saltelliDesign(3, 16);
    const sobol = sobolSequence(6, 16);
    expect(d.points).toHaveLength(16 * 5);
    for (let j = 0; j < 16; j++) {
      const a = sobol[j].slice(0, 3);
      const b = sobol[j].slice(3);
      expect(d.points[j]).toEqual(a);
      expect(d.points[16 + j]).toEqual(b);
      for (let i = 0; i < 3; i++) {
        const ab = a.slice();
        ab[i] = b[i];
        expect(d.points[(2 + i) * 16 + j]).toEqual(ab);
      }
    }
  });

  it("saltelliDesign(k, n, { seed }) applies a digital shift that keeps one point per interval [j/n, (j+1)/n)", () => {
    const d = saltelliDesign(2, 256, { seed: "shift" });
    expect(d).toEqual(saltelliDesign(2, 256, { seed: "shift" }));
    expect(d.points[0]).not.toEqual([0, 0]);
    for (const block of [0, 1]) {
      for (let dim = 0; dim < 2; dim++) {
        const cells = d.points.slice(block * 256, block * 256 + 256).map((p) => Math.floor(p[dim] * 256));
        expect(cells.sort((a, b) => a - b)).toEqual(Array.from({ length: 256 }, (_, i) => i));
      }
    }
  });

  it("saltelliDesign(11, n) throws a ValidationError: k <= 10 with the 21-dimensional Sobol' table", () => {
    expect(issuePaths(() => saltelliDesign(11, 64))).toEqual(["k"]);
    expect(issuePaths(() => saltelliDesign(2, 1))).toEqual(["n"]);
  });
});

describe("sobolIndices", () => {
  it("sobolIndices on the additive f = x + 2y recovers S1 = ST = (0.2, 0.8) within 0.01", () => {
    // Var(x) = 1/12, Var(2y) = 4/12: shares 1/5 and 4/5. Additive, so ST = S1. With N = 4096
    // Sobol' points the error of these smooth integrands is far below 0.01.
    const d = saltelliDesign(2, 4096);
    const idx = sobolIndices(
      d,
      d.points.map(([x, y]) => x + 2 * y),
      { bootstrap: 200 },
    );
    expect(Math.abs(idx[0].s1 - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(idx[1].s1 - 0.8)).toBeLessThan(0.01);
    expect(Math.abs(idx[0].st - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(idx[1].st - 0.8)).toBeLessThan(0.01);
  });

  it(
    "sobolIndices(design, values, { seed }) gives the same intervals " +
      "for the same seed, and ignores a constant shift of the output",
    () => {
      const d = saltelliDesign(2, 512);
      const f = d.points.map(([x, y]) => x * y + Math.sin(3 * x));
      const one = sobolIndices(d, f, { bootstrap: 100, seed: "b" });
      expect(sobolIndices(d, f, { bootstrap: 100, seed: "b" })).toEqual(one);
      const shifted = sobolIndices(
        d,
        f.map((v) => v + 1e6),
        { bootstrap: 100, seed: "b" },
      );
      for (let i = 0; i < 2; i++) {
        expect(Math.abs(shifted[i].s1 - one[i].s1)).toBeLessThan(1e-6);
        expect(Math.abs(shifted[i].st - one[i].st)).toBeLessThan(1e-6);
      }
    },
  );

  it(
    "sobolIndices(design, values) throws a ValidationError " +
      "for a wrong length, NaN, or an output that does not vary",
    () => {
      const d = saltelliDesign(2, 8);
      expect(issuePaths(() => sobolIndices(d, [1, 2, 3]))).toEqual(["values"]);
      expect(
        issuePaths(() =>
          sobolIndices(
            d,
            new Array(32).fill(1).map((v, i) => (i === 3 ? Number.NaN : v)),
          ),
        ),
      ).toEqual(["values[3]"]);
      expect(issuePaths(() => sobolIndices(d, new Array(32).fill(7)))).toEqual(["values"]);
      expect(
        issuePaths(() =>
          sobolIndices(
            d,
            new Array(32).fill(0).map((_, i) => i),
            { confidence: 1 },
          ),
        ),
      ).toEqual(["options.confidence"]);
    },
  );
});
