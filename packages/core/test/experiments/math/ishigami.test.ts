/**
 * The Ishigami function, the standard benchmark of sensitivity analysis:
 * f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i uniform on [-π, π], a = 7, b = 0.1.
 * Its Sobol' indices are known in closed form (Ishigami and Homma 1990; Sobol' and Levitan 1999).
 */
import { describe, expect, it } from "vitest";
import { saltelliDesign, sobolIndices } from "../../../src/experiments/math/saltelli";
import { morrisDesign, morrisIndices } from "../../../src/experiments/math/morris";

const A = 7;
const B = 0.1;
const PI = Math.PI;
const ishigami = (u: readonly number[]) => {
  const [x1, x2, x3] = u.map((v) => -PI + 2 * PI * v);
  return Math.sin(x1) + A * Math.sin(x2) ** 2 + B * x3 ** 4 * Math.sin(x1);
};

// Analytic variance decomposition. With E[sin² x] = 1/2, E[sin⁴ x] = 3/8, E[x⁴] = π⁴/5,
// E[x⁸] = π⁸/9 on [-π, π]:
//   V1  = Var(E[f | x1]) = Var(sin x1 (1 + b π⁴/5))        = ½ (1 + b π⁴/5)²
//   V2  = Var(a sin² x2) = a² (3/8 − 1/4)                    = a²/8
//   V13 = Var(b x3⁴ sin x1) − Var(b π⁴/5 sin x1) = ½ b² (π⁸/9 − π⁸/25) = 8 b² π⁸ / 225
//   V3 = V12 = V23 = V123 = 0, and V = V1 + V2 + V13 = a²/8 + b π⁴/5 + b² π⁸/18 + ½.
const V1 = 0.5 * (1 + (B * PI ** 4) / 5) ** 2;
const V2 = A ** 2 / 8;
const V13 = (8 * B ** 2 * PI ** 8) / 225;
const V = A ** 2 / 8 + (B * PI ** 4) / 5 + (B ** 2 * PI ** 8) / 18 + 0.5;
const S1 = [V1 / V, V2 / V, 0];
const ST = [(V1 + V13) / V, V2 / V, V13 / V];

describe("Sobol' indices of the Ishigami function", () => {
  it(
    "the analytic decomposition adds up: V1 + V2 + V13 = V, " +
      "S1 ≈ (0.3139, 0.4424, 0), ST ≈ (0.5576, 0.4424, 0.2437)",
    () => {
      expect(V1 + V2 + V13).toBeCloseTo(V, 12);
      expect(S1.map((s) => +s.toFixed(4))).toEqual([0.3139, 0.4424, 0]);
      expect(ST.map((s) => +s.toFixed(4))).toEqual([0.5576, 0.4424, 0.2437]);
    },
  );

  // Tolerance: 4 bootstrap standard errors. The bootstrap resamples the N = 8192 base rows as if
  // they were independent random draws, so its SE (about 0.01 here, ~ 1/√N times the spread of
  // the estimator's summands) is the Monte Carlo error; a Sobol' design converges faster (close to
  // 1/N for this smooth integrand), so the actual error is expected far inside 4 SE. The test
  // also bounds the SE itself (< 0.02), so that the check is not made loose by a large SE.
  it(
    "sobolIndices(saltelliDesign(3, 8192)) recovers the Ishigami " +
      "indices within 4 bootstrap SE, and the 95% intervals cover them",
    () => {
      const design = saltelliDesign(3, 8192);
      const values = design.points.map(ishigami);
      const idx = sobolIndices(design, values, { bootstrap: 500, seed: "ishigami", confidence: 0.95 });
      for (let i = 0; i < 3; i++) {
        const r = idx[i];
        expect(r.s1Se).toBeLessThan(0.02);
        expect(r.stSe).toBeLessThan(0.02);
        expect(Math.abs(r.s1 - S1[i])).toBeLessThan(4 * r.s1Se);
        expect(Math.abs(r.st - ST[i])).toBeLessThan(4 * r.stSe);
        expect(r.s1Low).toBeLessThanOrEqual(S1[i]);
        expect(r.s1High).toBeGreaterThanOrEqual(S1[i]);
        expect(r.stLow).toBeLessThanOrEqual(ST[i]);
        expect(r.stHigh).toBeGreaterThanOrEqual(ST[i]);
      }
    },
  );

  it(
    "sobolIndices(saltelliDesign(3, 8192, { seed })) with " + "a randomly shifted design is also within 4 bootstrap SE",
    () => {
      const design = saltelliDesign(3, 8192, { seed: "shift-1" });
      const idx = sobolIndices(design, design.points.map(ishigami), { bootstrap: 200, seed: "b" });
      for (let i = 0; i < 3; i++) {
        expect(Math.abs(idx[i].s1 - S1[i])).toBeLessThan(4 * idx[i].s1Se);
        expect(Math.abs(idx[i].st - ST[i])).toBeLessThan(4 * idx[i].stSe);
      }
    },
  );
});

describe("Morris screening of the Ishigami function", () => {
  // On the 4-level grid {-π, -π/3, π/3, π} with Δ = 2/3 (4π/3 in x), every move is between
  // -π ↔ π/3 or -π/3 ↔ π, so the elementary effects take known values:
  //   x1: sin rises by sin(π/3) on every move: EE1 = sin(π/3)(1 + b x3⁴)/Δ > 0, with x3⁴ equal to
  //       π⁴ or π⁴/81 with probability ½ each;
  //   x2: a sin² x2 goes 0 ↔ 3/4: |EE2| = 7 · 0.75 / Δ = 7.875 exactly, sign varying;
  //   x3: x3⁴ goes π⁴/81 ↔ π⁴ and the effect is multiplied by sin x1, which is 0 (x1 = ±π) or
  //       ±sin(π/3), each with probability ½: EE3 ∈ {0, ±K3}, K3 = b (π⁴ − π⁴/81) sin(π/3)/Δ.
  // So x3, whose first-order Sobol' index is 0, is not negligible: its effect exists only through
  // its interaction with x1, which Morris shows as |mu3| << mu*3 and sigma3 > mu*3.
  const delta = 2 / 3;
  const s = Math.sin(PI / 3);
  const ee1 = [(s * (1 + B * PI ** 4)) / delta, (s * (1 + (B * PI ** 4) / 81)) / delta];
  const expectedMuStar1 = (ee1[0] + ee1[1]) / 2;
  const sdEe1 = Math.abs(ee1[0] - ee1[1]) / 2;
  const K3 = (B * (PI ** 4 - PI ** 4 / 81) * s) / delta;
  const expectedMuStar3 = K3 / 2;
  const sdAbsEe3 = K3 / 2;
  const r = 100;

  it(
    "morrisIndices(morrisDesign(3, 100, 4)) on Ishigami: mu = mu* " +
      "for x1, mu* = 7.875 for x2, and x3 acts only through interaction",
    () => {
      const design = morrisDesign(3, r, 4, "ishigami");
      const [m1, m2, m3] = morrisIndices(design, design.points.map(ishigami));
      // x1: every effect is positive, so mu and mu* are the same sum.
      expect(m1.mu).toBe(m1.muStar);
      // x2: every |effect| is a·sin²(π/3)/Δ = 7.875 up to rounding (sin π is 1e-16, not 0).
      expect(m2.muStar).toBeCloseTo(7.875, 10);
      // Expectations of mu* within 4 standard errors of a mean of r = 100 effects.
      expect(Math.abs(m1.muStar - expectedMuStar1)).toBeLessThan((4 * sdEe1) / Math.sqrt(r));
      expect(Math.abs(m3.muStar - expectedMuStar3)).toBeLessThan((4 * sdAbsEe3) / Math.sqrt(r));
      // x3 matters (mu* comparable to x1's and x2's) although its effects average out (mu ≈ 0): the
      // sign follows sin x1, an interaction. Expected: mu3 = 0 ± K3/√(2r) = ±0.88, mu*3 = K3/2 = 6.25,
      // sigma3 = K3/√2 = 8.8 > mu*3.
      // Bounds: 4 standard errors, sd(EE3) = K3/√2 and sd(|EE3|) = K3/2.
      expect(Math.abs(m3.mu)).toBeLessThan((4 * K3) / Math.sqrt(2 * r));
      expect(m3.muStar).toBeGreaterThan(expectedMuStar3 - (4 * sdAbsEe3) / Math.sqrt(r));
      expect(m3.sigma).toBeGreaterThan(m3.muStar);
    },
  );
});
