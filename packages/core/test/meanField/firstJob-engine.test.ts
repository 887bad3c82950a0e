/**
 * meanField against the engine with entrants who choose their first job in the period after their
 * entry (`behavior.firstJobChoice`, docs/model.md 3.3.12): on an engine that ignored the field,
 * its entrants would look around at the consideration rate only and the test would fail (the ABM
 * keeps hundreds more people in H and U than the projection).
 */
import { describe, expect, it } from "vitest";
import { meanField } from "../../src/index";
import { expectAgreement, gap, lotteryWorld, outcomes } from "./_lotteryWorld";

/**
 * The lottery world (./_lotteryWorld.ts) with people looking around at 0.3 a year only, and 70% of
 * each quarter's entrants choosing their first job in the next quarter: the entrants of H and U's
 * entrants who are not graduates.
 */
export function firstJobEngineWorld(firstJobChoice: number | undefined) {
  return lotteryWorld("first-job-engine-world", 0.3, firstJobChoice);
}

describe("meanField against the ABM with entrants who choose their first job", () => {
  it("simulate(world with firstJobChoice 0.7) gives mean stocks (99% Bonferroni CI) and U's lottery entrants, " +
    "winners and admissions and C's admissions (4 SE) of meanField within the 16-bin tolerance", () => {
    const { mf, stockTolerance, worst } = expectAgreement(firstJobEngineWorld(0.7), 29);
    // The mechanism acts: without it the projection's stocks leave the ABM's intervals.
    const off = outcomes(meanField(firstJobEngineWorld(undefined), { skillBins: 16 }).rows);
    const shift = Math.max(...off.stock.map((p, k) => gap(p, mf.stock[k])));
    console.log(
      "first job: largest gap as a share of the allowance",
      worst.toFixed(3),
      "totals",
      mf.totals,
      "largest stock shift without the choice",
      shift.toFixed(0),
      "stock tolerance",
      stockTolerance.toFixed(1),
    );
    expect(shift).toBeGreaterThan(10 * stockTolerance);
  }, 180_000);
});
