import { describe, it } from "vitest";
import { expectMoves, logistic, region, tinyWorld, trackMoves } from "../_worlds";

/**
 * Income enters utility as beta * ln(net real income): beta * (ln(1 - tax) + ln(wage) + sigma z
 * - ln(cost of living)); with different skill returns, P(move | z) = logistic(d + beta (sigma_B - sigma_A) z).
 */
describe("income in utility", () => {
  it(
    "simulate moves agents with P = logistic(beta * ln of the " +
      "ratio of net real incomes at their skill - movingCost)",
    () => {
      const s = tinyWorld({ years: 1 });
      const beta = 0.65;
      s.regions.A = region("AA", 40_000, { grossWage: 80_000, taxRate: 0.2, costOfLiving: 0.9, skillReturn: 0.3 });
      s.regions.B = region("BB", 0, { grossWage: 120_000, taxRate: 0.4, costOfLiving: 1.3, skillReturn: 0.6 });
      s.visas.C = { "*": { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 } };
      const { moves } = trackMoves(s, 71);
      const income = (wage: number, tax: number, cost: number, sigma: number, z: number) =>
        Math.log(1 - tax) + Math.log(wage) + sigma * z - Math.log(cost);
      const p = (z: number) =>
        logistic(beta * (income(120_000, 0.4, 1.3, 0.6, z) - income(80_000, 0.2, 0.9, 0.3, z)) - 0.5);
      const fromA = moves.filter((m) => m.from === "A");
      for (const [lo, hi] of [
        [-9, -1],
        [-1, 0],
        [0, 1],
        [1, 9],
      ] as const) {
        expectMoves(
          `skill in [${lo}, ${hi})`,
          fromA.filter((m) => m.skill >= lo && m.skill < hi),
          (m) => ({ B: p(m.skill) }),
        );
      }
    },
  );
});
