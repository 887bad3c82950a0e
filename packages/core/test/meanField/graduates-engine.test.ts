/**
 * meanField against the engine with graduates who wait for a lottery (docs/model.md 3.3.12): on
 * an engine that ignored `lotteries.<L>.graduates`, the agents would never wait for the lottery
 * and the test would fail (U holds hundreds more people in the ABM than in the projection, and
 * the ABM counts no lottery entrants).
 */
import { describe, expect, it } from "vitest";
import { expectAgreement, lotteryWorld } from "./_lotteryWorld";

describe("meanField against the ABM with graduates who wait for a lottery", () => {
  it("simulate(world with graduates) gives mean stocks (99% Bonferroni CI) and U's lottery entrants, " +
    "winners and admissions and C's admissions (4 SE) of meanField within the 16-bin tolerance", () => {
    // People look around at 0.6 a year.
    const { mf, worst } = expectAgreement(lotteryWorld("graduate-engine-world", 0.6), 23);
    console.log("graduates: largest gap as a share of the allowance", worst.toFixed(3), "totals", mf.totals);
    // The mechanism acts: 65% of U's entrants wait for the lottery (5 years of 1,950), and the
    // 900 places a year are taken (the draws of years 2 to 5; the first draw's pool is empty).
    expect(mf.totals[0]).toBeCloseTo(5 * 1950, 6);
    expect(mf.totals[1]).toBeGreaterThan(4 * 900 * 0.9);
  }, 120_000);
});
