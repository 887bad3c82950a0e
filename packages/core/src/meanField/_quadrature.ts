/**
 * Quadrature rules and the normal distribution for the mean-field projection.
 * @internal
 * @module
 */
import { incompleteGamma } from "../experiments/math/_special";

/** Gauss–Legendre nodes and weights on [0, 1]. @internal */
export function gaussLegendre01(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  for (let i = 0; i < m; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let pp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      pp = (n * (z * p1 - p2)) / (z * z - 1);
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) < 1e-15) break;
    }
    // Map [-1, 1] to [0, 1].
    x[i] = (1 - z) / 2;
    x[n - 1 - i] = (1 + z) / 2;
    w[i] = w[n - 1 - i] = 1 / ((1 - z * z) * pp * pp);
  }
  return { x, w };
}

/** Gauss–Laguerre nodes and weights for ∫_0^∞ e^{-x} f(x) dx. @internal */
export function gaussLaguerre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0) z = 3 / (1 + 2.4 * n);
    else if (i === 1) z += 15 / (1 + 2.5 * n);
    else z += ((1 + 2.55 * (i - 1)) / (1.9 * (i - 1))) * (z - x[i - 2]);
    let pp = 0;
    let p2 = 0;
    for (let iter = 0; iter < 200; iter++) {
      let p1 = 1;
      p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1 - z) * p2 - (j - 1) * p3) / j;
      }
      pp = (n * p1 - n * p2) / z;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-14 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    w[i] = -1 / (pp * n * p2);
  }
  return { x, w };
}

/** Standard normal CDF. @internal */
export function normalCdf(x: number): number {
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const p = incompleteGamma(0.5, (x * x) / 2).p;
  return x >= 0 ? 0.5 + 0.5 * p : 0.5 - 0.5 * p;
}

/** Standard normal density. @internal */
export function normalPdf(x: number): number {
  return Number.isFinite(x) ? Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) : 0;
}
