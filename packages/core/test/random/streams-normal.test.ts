import { describe, expect, it } from "vitest";
import { keyedNormal, Purpose, streamKey } from "../../src/random/keyed";

/** Standard normal density. */
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** Integral of the normal density over [a, b] by composite Simpson's rule (error far below 1e-12 here). */
function normalMass(a: number, b: number, steps = 200): number {
  const h = (b - a) / steps;
  let s = phi(a) + phi(b);
  for (let k = 1; k < steps; k++) s += (k % 2 ? 4 : 2) * phi(a + k * h);
  return (s * h) / 3;
}

/** Upper critical value of chi-square with df degrees of freedom at level 0.001 (Wilson–Hilferty). */
function chiSquareCritical(df: number): number {
  const z = 3.090232; // standard normal 0.999 quantile
  const c = 2 / (9 * df);
  return df * (1 - c + z * Math.sqrt(c)) ** 3;
}

const N = 4_000_000;

describe("keyedNormal at large n", () => {
  const key = streamKey(11, 4, Purpose.EntrySkill, 0);
  const sibling = streamKey(11, 4, Purpose.EntrySkillSibling, 0);
  /**
   * The draws, made anew inside each test that uses them (not cached across tests): a mutation
   * tool's per-test coverage then sees every test that reaches keyedNormal, and runs them all.
   */
  const draws = () => {
    const z = new Float64Array(N);
    for (let id = 0; id < N; id++) z[id] = keyedNormal(key, sibling, id);
    return z;
  };

  it(
    "P(|Z| > 3) and P(|Z| > 4) of 4,000,000 keyedNormal " + "draws are within 4 binomial SE of 0.0026998 and 6.3342e-5",
    () => {
      const z = draws();
      // Exact two-sided tails: 2 * (1 - Phi(3)) and 2 * (1 - Phi(4)).
      for (const [cut, p] of [
        [3, 0.0026997960632601866],
        [4, 6.334248366623996e-5],
      ] as const) {
        let count = 0;
        for (let k = 0; k < N; k++) if (Math.abs(z[k]) > cut) count++;
        const se = Math.sqrt(N * p * (1 - p));
        expect(
          Math.abs(count - N * p),
          `|Z| > ${cut}: ${count} draws, expected ${(N * p).toFixed(1)} +- 4 * ${se.toFixed(1)}`,
        ).toBeLessThan(4 * se);
      }
      // The tail beyond the ziggurat's base (3.44) reaches far out: a draw beyond 4.5 is expected (27 of them).
      let far = 0;
      for (let k = 0; k < N; k++) if (Math.abs(z[k]) > 4.5) far++;
      expect(far).toBeGreaterThan(0);
    },
  );

  it(
    "4,000,000 keyedNormal draws in 92 bins (width 0.1 over [-4.5, 4.5] and " +
      "both tails) pass a chi-square goodness-of-fit test at the 0.1% level",
    () => {
      const z = draws();
      const width = 0.1;
      const inner = 90;
      const counts = new Float64Array(inner + 2);
      for (let k = 0; k < N; k++) {
        const x = z[k];
        const b = x < -4.5 ? 0 : x >= 4.5 ? inner + 1 : 1 + Math.min(inner - 1, Math.floor((x + 4.5) / width));
        counts[b]++;
      }
      const tail = normalMass(4.5, 12, 2000);
      let chi2 = 0;
      for (let b = 0; b < inner + 2; b++) {
        const p = b === 0 || b === inner + 1 ? tail : normalMass(-4.5 + (b - 1) * width, -4.5 + b * width);
        const e = N * p;
        expect(e, `expected count of bin ${b}`).toBeGreaterThan(5);
        chi2 += ((counts[b] - e) * (counts[b] - e)) / e;
      }
      expect(chi2).toBeLessThan(chiSquareCritical(inner + 1));
    },
  );
});
