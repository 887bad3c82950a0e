import { describe, expect, it } from "vitest";
import { inverseSpd, multiply, pseudoInverseOfRank, symmetricEigen } from "../../../src/experiments/math/_matrix";

const A = [
  [4, 1, 0.5],
  [1, 3, 0.2],
  [0.5, 0.2, 2],
];

describe("small dense matrices for the calibration's inference", () => {
  it("inverseSpd(A) times A is the identity to 1e-14, and a singular matrix has no inverse", () => {
    const product = multiply(inverseSpd(A)!, A);
    product.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - (i === j ? 1 : 0))).toBeLessThan(1e-14)));
    expect(
      inverseSpd([
        [1, 2],
        [2, 4],
      ]),
    ).toBeUndefined();
  });

  it("symmetricEigen(A) returns unit vectors v with A v = lambda v to 1e-13", () => {
    const { values, vectors } = symmetricEigen(A);
    vectors.forEach((v, k) => {
      expect(Math.abs(v.reduce((a, x) => a + x * x, 0) - 1)).toBeLessThan(1e-14);
      const av = multiply(
        A,
        v.map((x) => [x]),
      ).map((r) => r[0]);
      av.forEach((x, i) => expect(Math.abs(x - values[k] * v[i])).toBeLessThan(1e-13));
    });
  });

  it("pseudoInverseOfRank(u u', 1) is u u' / |u|^4, the Moore-Penrose inverse of a rank-one matrix", () => {
    const u = [1, -2, 0.5];
    const n2 = u.reduce((a, x) => a + x * x, 0);
    const outer = u.map((x) => u.map((y) => x * y));
    const p = pseudoInverseOfRank(outer, 1)!;
    p.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - (u[i] * u[j]) / (n2 * n2))).toBeLessThan(1e-15)));
    expect(pseudoInverseOfRank(outer, 2)).toBeUndefined(); // its second eigenvalue is rounding, not rank
  });
});
