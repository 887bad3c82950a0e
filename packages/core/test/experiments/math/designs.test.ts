import { issuePaths } from "../../_issues";
import { describe, expect, it } from "vitest";
import { fullGrid, latinHypercube, sobolSequence } from "../../../src/experiments/math/designs";
import { JOE_KUO } from "../../../src/experiments/math/_joeKuo";

describe("fullGrid", () => {
  it("fullGrid({ a: [1, 2], b: [10, 20, 30] }) lists the 6 points with the first axis slowest", () => {
    expect(fullGrid({ a: [1, 2], b: [10, 20, 30] })).toEqual([
      { a: 1, b: 10 },
      { a: 1, b: 20 },
      { a: 1, b: 30 },
      { a: 2, b: 10 },
      { a: 2, b: 20 },
      { a: 2, b: 30 },
    ]);
  });

  it("fullGrid(axes) of three axes has the product of their lengths as size, each combination once", () => {
    const grid = fullGrid({ x: [0, 1], y: [5], z: [1, 2, 3, 4] });
    expect(grid).toHaveLength(8);
    expect(new Set(grid.map((p) => `${p.x},${p.y},${p.z}`)).size).toBe(8);
    expect(grid[0]).toEqual({ x: 0, y: 5, z: 1 });
    expect(grid[7]).toEqual({ x: 1, y: 5, z: 4 });
  });

  it("fullGrid(axes) throws a ValidationError naming the axis that is empty or not finite", () => {
    expect(issuePaths(() => fullGrid({}))).toEqual(["axes"]);
    expect(issuePaths(() => fullGrid({ beta: [], gamma: [1, Number.NaN] }))).toEqual(["axes.beta", "axes.gamma[1]"]);
    expect(issuePaths(() => fullGrid({ a: new Array(5000).fill(0), b: new Array(5000).fill(0) }))).toEqual(["axes"]);
  });
});

describe("latinHypercube", () => {
  it("latinHypercube(4, 50, seed) puts exactly one point in each of the 50 strata of every dimension", () => {
    const pts = latinHypercube(4, 50, "lhs");
    expect(pts).toHaveLength(50);
    for (let d = 0; d < 4; d++) {
      const strata = pts.map((p) => Math.floor(p[d] * 50)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: 50 }, (_, i) => i));
      for (const p of pts) expect(p[d] >= 0 && p[d] < 1).toBe(true);
    }
  });

  it("latinHypercube(dims, samples, seed) is a deterministic function of the seed", () => {
    expect(latinHypercube(3, 20, "a")).toEqual(latinHypercube(3, 20, "a"));
    expect(latinHypercube(3, 20, "a")).not.toEqual(latinHypercube(3, 20, "b"));
  });

  it("latinHypercube(dims, samples, seed) throws a ValidationError for a non-integer size", () => {
    expect(issuePaths(() => latinHypercube(0, 2.5, "s"))).toEqual(["dims", "samples"]);
  });
});

describe("sobolSequence", () => {
  it(
    "sobolSequence(2, 6) starts at the origin, then (0.5,0.5), " +
      "(0.75,0.25), (0.25,0.75), (0.375,0.375), (0.875,0.875)",
    () => {
      expect(sobolSequence(2, 6)).toEqual([
        [0, 0],
        [0.5, 0.5],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.375, 0.375],
        [0.875, 0.875],
      ]);
    },
  );

  it(
    "sobolSequence(2, 5, { skip: 1 }) gives the sequence as Joe " +
      "and Kuo list it, and skip continues the sequence exactly",
    () => {
      expect(sobolSequence(2, 5, { skip: 1 })).toEqual([
        [0.5, 0.5],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.375, 0.375],
        [0.875, 0.875],
      ]);
      const all = sobolSequence(21, 300);
      expect(sobolSequence(21, 100, { skip: 200 })).toEqual(all.slice(200));
      expect(sobolSequence(21, 1, { skip: 299 })).toEqual(all.slice(299));
    },
  );

  it("sobolSequence(21, 1024) has exactly one point in each interval [j/1024, (j+1)/1024) of every dimension", () => {
    const pts = sobolSequence(21, 1024);
    for (let d = 0; d < 21; d++) {
      const cells = pts.map((p) => Math.floor(p[d] * 1024)).sort((a, b) => a - b);
      expect(cells).toEqual(Array.from({ length: 1024 }, (_, i) => i));
    }
  });

  it("sobolSequence(2, 1024) is a (0, 10, 2)-net: every elementary box of area 1/1024 holds exactly one point", () => {
    const pts = sobolSequence(2, 1024);
    for (let i = 0; i <= 10; i++) {
      const j = 10 - i;
      const counts = new Map<string, number>();
      for (const [x, y] of pts) {
        const key = `${Math.floor(x * 2 ** i)},${Math.floor(y * 2 ** j)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(counts.size).toBe(1024);
    }
  });

  it(
    "sobolSequence(21, 512) equals a direct implementation of " +
      "Bratley and Fox's recurrence on the m_i with Gray-code indices",
    () => {
      // Independent reference: direction integers m_i by the recurrence
      // m_i = 2 c_1 m_{i-1} ^ 4 c_2 m_{i-2} ^ … ^ 2^s m_{i-s} ^ m_{i-s}, point x_n = XOR of
      // m_i / 2^i over the set bits i of the Gray code of n.
      const bits = 20;
      const m: number[][] = [Array.from({ length: bits }, () => 1)];
      for (const [s, a, ...init] of JOE_KUO) {
        const mi = init.slice();
        for (let i = s; i < bits; i++) {
          let v = mi[i - s] ^ (mi[i - s] * 2 ** s);
          for (let k = 1; k < s; k++) if ((a >> (s - 1 - k)) & 1) v ^= mi[i - k] * 2 ** k;
          mi.push(v);
        }
        m.push(mi);
      }
      const ours = sobolSequence(21, 512);
      for (let n = 0; n < 512; n++) {
        const gray = n ^ (n >> 1);
        for (let d = 0; d < 21; d++) {
          let x = 0;
          for (let i = 0; i < bits; i++) if ((gray >> i) & 1) x ^= m[d][i] * 2 ** (bits - 1 - i);
          expect(ours[n][d]).toBe(x / 2 ** bits);
        }
      }
    },
  );

  it("sobolSequence(22, n) throws a ValidationError: only 21 dimensions of direction numbers are included", () => {
    expect(issuePaths(() => sobolSequence(22, 8))).toEqual(["dims"]);
    expect(issuePaths(() => sobolSequence(2, 0, { skip: -1 }))).toEqual(["n", "options.skip"]);
  });
});
