import { describe, expect, it } from "vitest";
import { expectMoves, logistic, region, tinyWorld, trackMoves } from "../_worlds";

/**
 * The age cost: a move costs ageCost * max(0, age - 30) logit units, age in years counted in
 * whole periods. At 4 periods a year an agent born 169 periods before the period (42.25 years)
 * pays 0.08 * 12.25 = 0.98 with ageCost 0.08; per period that is (0.08 / 4) * (169 - 120).
 */
describe("age cost", () => {
  it(
    "the age cost per period of age over 30 is ageCost / " +
      "periodsPerYear: 0.08 / 4 * (169 - 120) = 0.98 at 42.25 years",
    () => {
      expect((0.08 / 4) * (169 - 120)).toBeCloseTo(0.98, 12);
    },
  );

  it.each([0.08, -0.05])(
    "simulate at 4 periods a year with ageCost %s gives each agent " +
      "P(move) = logistic(d - ageCost * max(0, age - 30)) in every period",
    (ageCost) => {
      const s = tinyWorld({ years: 1, periodsPerYear: 4 });
      s.behavior.ageCost = ageCost;
      s.regions.A = region("AA", 60_000);
      s.regions.B.amenity = 0.6;
      s.visas.C = { "*": { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 } };
      const { moves } = trackMoves(s, 41);
      const d = 0.6 - 0.5;
      // A negative ageCost (the schema allows down to -0.5) makes moving more attractive with age.
      const ageTerm = (age: number) => ageCost * Math.max(0, age - 30);
      // Ages are whole periods: (t - born) / 4.
      expect(moves.every((m) => Number.isInteger(m.age * 4))).toBe(true);
      for (const period of [0, 1, 2, 3]) {
        const fromA = moves.filter((m) => m.period === period && m.from === "A");
        for (const [lo, hi] of [
          [0, 30],
          [30, 40],
          [40, 50],
          [50, 70],
        ] as const) {
          expectMoves(
            `period ${period}, ages ${lo}-${hi}`,
            fromA.filter((m) => m.age >= lo && m.age < hi),
            (m) => ({ B: logistic(d - ageTerm(m.age)) }),
          );
        }
        // Agents in B (they moved earlier) pay the same age cost to move back.
        if (period > 0)
          expectMoves(
            `period ${period}, from B`,
            moves.filter((m) => m.period === period && m.from === "B"),
            (m) => ({ A: logistic(0 - 0.6 - 0.5 - ageTerm(m.age)) }),
            20,
          );
      }
    },
  );
});
