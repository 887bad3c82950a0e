/**
 * The geometry of Nelder–Mead: the initial simplex, its order, its spread, and the trial points
 * of the four moves (reflection, expansion, outside and inside contraction) and of a shrink. Pure
 * functions; the arithmetic is written once here so that every caller gets the same iterates.
 * @internal
 * @module
 */
import type { NelderMeadSettings } from "./_nelderMeadSettings";

/** Folds `x` back into [lo, hi] by reflection at the bounds (repeatedly for a finite box). @internal */
export function reflectInto(x: number, lo: number, hi: number): number {
  if (x >= lo && x <= hi) return x;
  let y: number;
  if (Number.isFinite(lo) && Number.isFinite(hi)) {
    const width = hi - lo;
    let m = (x - lo) % (2 * width);
    if (m < 0) m += 2 * width;
    y = m <= width ? lo + m : hi - (m - width);
  } else if (x < lo) {
    y = 2 * lo - x;
  } else {
    y = 2 * hi - x;
  }
  return Math.min(hi, Math.max(lo, y));
}

/** A point folded into the box of the settings. @internal */
export const clampToBox = (s: NelderMeadSettings, x: readonly number[]): number[] =>
  x.map((v, i) => reflectInto(v, s.lower[i], s.upper[i]));

/** x0 and one vertex per coordinate, a step up (or down where up would leave the box). @internal */
export function initialSimplex(s: NelderMeadSettings): number[][] {
  const { x0, n, step, upper } = s;
  const simplex = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const v = x0.slice();
    v[i] = x0[i] + step[i] <= upper[i] ? x0[i] + step[i] : x0[i] - step[i];
    simplex.push(clampToBox(s, v));
  }
  return simplex;
}

/** Vertices and values sorted by value, best first (ties by position). @internal */
export function sortSimplex(xs: readonly number[][], fs: readonly number[]): { xs: number[][]; fs: number[] } {
  const order = xs.map((_, i) => i).sort((a, b) => fs[a] - fs[b] || a - b);
  return { xs: order.map((i) => xs[i]), fs: order.map((i) => fs[i]) };
}

/**
 * Whether a sorted simplex is within the tolerances: every vertex within fTol of the best value and xTol of the best
 * point. @internal
 */
export function withinTolerance(s: NelderMeadSettings, xs: readonly number[][], fs: readonly number[]): boolean {
  const { n } = s;
  let fSpread = 0;
  let xSpread = 0;
  for (let i = 1; i <= n; i++) {
    const df = Math.abs(fs[i] - fs[0]);
    fSpread = Number.isNaN(df) ? Infinity : Math.max(fSpread, df);
    for (let d = 0; d < n; d++) xSpread = Math.max(xSpread, Math.abs(xs[i][d] - xs[0][d]));
  }
  return fSpread <= s.fTol && xSpread <= s.xTol;
}

/**
 * The trial points of an iteration on a sorted simplex, folded into the box: reflection of the
 * worst vertex through the centroid of the others, expansion, outside and inside contraction. @internal
 */
export function trialPoints(s: NelderMeadSettings, xs: readonly number[][]): number[][] {
  const { n, alpha, gamma, beta } = s;
  const centroid = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) for (let d = 0; d < n; d++) centroid[d] += xs[i][d] / n;
  const worst = xs[n];
  const xr = centroid.map((c, d) => c + alpha * (c - worst[d]));
  const xe = centroid.map((c, d) => c + gamma * (xr[d] - c));
  const xoc = centroid.map((c, d) => c + beta * (xr[d] - c));
  const xic = centroid.map((c, d) => c - beta * (c - worst[d]));
  return [xr, xe, xoc, xic].map((x) => clampToBox(s, x));
}

/** The vertices other than the best, moved towards it by σ. @internal */
export function shrinkPoints(s: NelderMeadSettings, xs: readonly number[][]): number[][] {
  const best = xs[0];
  const out: number[][] = [];
  for (let i = 1; i <= s.n; i++) out.push(best.map((b, d) => b + s.sigma * (xs[i][d] - b)));
  return out;
}
