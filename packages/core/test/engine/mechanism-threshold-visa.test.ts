import { describe, it } from "vitest";
import type { VisaRule } from "../../src/scenario/types";
import { expectMoves, logistic, region, tinyWorld, trackMoves } from "../_worlds";

/**
 * Salary-threshold visas with several citizenships, each with its own threshold and chances:
 * B admits a citizen of c with probability high_c if the gross wage in B, w e^(sigma z), meets
 * c's threshold (z >= (ln threshold_c - ln w) / sigma) and low_c otherwise. With one destination
 * against staying, P(move) = pi_c(z) * logistic(d), d the same for everybody (equal skill
 * returns, so the skill terms cancel).
 */
const SIGMA = 0.5;
const WAGE = 100_000;
const RULES: Record<string, { cut: number; high: number; low: number }> = {
  X: { cut: 0, high: 0.9, low: 0 },
  Y: { cut: 0.5, high: 0.6, low: 0.3 },
  Z: { cut: -1, high: 0.8, low: 0.1 },
};

describe("threshold visas", () => {
  it(
    "simulate admits each citizenship at its own chance above and below its " +
      "own salary threshold (low chance 0 for X: closed to the low-skilled only)",
    () => {
      const s = tinyWorld({ years: 2 });
      s.citizenships = { X: { home: "A", network: 1 }, Y: { home: "A", network: 1 }, Z: { home: "A", network: 1 } };
      const mix = { X: 1 / 3, Y: 1 / 3, Z: 1 / 3 };
      s.regions.A = region("AA", 60_000, { skillReturn: SIGMA, initialCitizenship: mix, entrantCitizenship: mix });
      s.regions.B = region("BB", 0, {
        skillReturn: SIGMA,
        amenity: 0.4,
        initialCitizenship: mix,
        entrantCitizenship: mix,
      });
      s.regions.C = region("CC", 0, { skillReturn: SIGMA, initialCitizenship: mix, entrantCitizenship: mix });
      const closed: VisaRule = { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 };
      s.visas = {
        A: { "*": { rule: "open", permanent: true, permanence: 0, fee: 0 } },
        B: Object.fromEntries(
          Object.entries(RULES).map(([c, r]) => [
            c,
            {
              rule: "threshold",
              threshold: WAGE * Math.exp(SIGMA * r.cut),
              high: r.high,
              low: r.low,
              permanent: true,
              permanence: 0,
              fee: 0,
            },
          ]),
        ),
        C: { "*": closed },
      };
      const { moves } = trackMoves(s, 31);
      const d = 0.4 - 0.5; // amenity of B minus the moving cost
      for (const period of [0, 1]) {
        for (const [c, rule] of Object.entries(RULES)) {
          const fromA = moves.filter((m) => m.period === period && m.from === "A" && m.citizenship === c);
          // Agents within 1e-6 of a cut are left out: the cut is computed through a logarithm.
          const above = fromA.filter((m) => m.skill >= rule.cut + 1e-6);
          const below = fromA.filter((m) => m.skill < rule.cut - 1e-6);
          expectMoves(`period ${period}, ${c} above ${rule.cut}`, above, () => ({ B: rule.high * logistic(d) }));
          expectMoves(
            `period ${period}, ${c} below ${rule.cut}`,
            below,
            () => ({ B: rule.low * logistic(d) }),
            rule.low > 0 ? 50 : 0,
          );
        }
      }
    },
  );
});
