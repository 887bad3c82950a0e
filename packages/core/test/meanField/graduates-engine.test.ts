/**
 * meanField against the engine with graduates who wait for a lottery (docs/model.md 3.3.12).
 *
 * This test needs the engine's graduates (branch h-grad-engine): on a branch whose engine ignores
 * `lotteries.<L>.graduates`, the agents never wait for the lottery and the test fails (U holds
 * hundreds more people in the ABM than in the projection, and the ABM counts no lottery
 * entrants). It is meant to pass once the engine's and the projection's graduates are merged.
 */
import { describe, expect, it } from "vitest";
import { meanField, simulate, type Scenario, type TidyRow } from "../../src/index";
import { summarize } from "../../src/experiments/math/index";
import { NEUTRAL_BEHAVIOR, region } from "../_worlds";

/**
 * Three countries: H (home of citizenship X), U with the lottery L (900 places a year, wage-weighted,
 * drawn in the first quarter, work from the fourth) and C, which admits with probability 0.6. U's
 * rule for X is L with a temporary status of 3 years renewed at 0.5 and a fee that keeps movers'
 * petitions out (feeFactor 0.5^100), so L's pool holds only graduates: 65% of U's 3,000 entrants a
 * year, for 3 years. Skill matters (returns 0.3, 0.7, 0.5), so the wage levels do; people look
 * around at 0.6 a year and exit at 5%. Quarterly, 5 years: every graduate term ends at least once.
 */
function graduateWorld(): Scenario {
  return {
    model: "talentflow/1",
    name: "graduate-engine-world",
    startYear: 2030,
    years: 5,
    periodsPerYear: 4,
    agents: 20_000,
    burnInYears: 0,
    fx: { EUR: 1.08 },
    behavior: {
      ...NEUTRAL_BEHAVIOR,
      considerRate: 0.6,
      exitRate: 0.05,
      homeBias: 0.5,
      tempPenalty: 0.3,
      retirementAge: 100,
    },
    citizenships: { X: { home: "H", network: 1 } },
    regions: {
      H: region("HC", 15_000, { skillReturn: 0.3, entrants: 1000 }),
      U: region("UC", 5000, { skillReturn: 0.7, entrants: 3000, entrySkillMean: 0.3, temporaryShare: 0.5 }),
      C: region("CC", 0, { skillReturn: 0.5 }),
    },
    movingCost: { "H<->U": 1, "H<->C": 1, "U<->C": 1 },
    visaFriction: {},
    visas: {
      U: {
        "*": { rule: "lottery", pool: "L", permanent: false, permanence: 0.2, fee: 1e7, duration: 3, renewal: 0.5 },
      },
      C: { "*": { rule: "probability", admission: 0.6, permanent: false, permanence: 0.5, fee: 0 } },
    },
    lotteries: {
      L: {
        regions: ["U"],
        cap: 900,
        weighted: true,
        period: 0,
        startDelay: 3,
        initialSelectionRate: 0.5,
        graduates: { share: 0.65, years: 3 },
      },
    },
    freeMovement: [],
    policies: [],
  };
}

const REGIONS = ["H", "U", "C"];
const QUARTERS = 20;

/** Per region, the stock per quarter; and U's lottery entrants, winners and admissions over the run. */
function outcomes(rows: readonly TidyRow[]): { stock: number[][]; totals: number[] } {
  const stock = REGIONS.map(() => new Array<number>(QUARTERS).fill(0));
  const totals = [0, 0, 0];
  const counted = ["lotteryEntrants", "lotteryWinners", "admissions"];
  for (const r of rows) {
    if (r.metric === "stock") stock[REGIONS.indexOf(r.region)][r.period] = r.value;
    const k = counted.indexOf(r.metric);
    if (k >= 0 && r.region === "U") totals[k] += r.value;
  }
  return { stock, totals };
}

describe("meanField against the ABM with graduates who wait for a lottery", () => {
  it("simulate(world with graduates) gives mean stocks (99% Bonferroni CI) and U's lottery entrants, " +
    "winners and admissions (4 SE) of meanField within the 16-bin tolerance", () => {
    const finest = outcomes(meanField(graduateWorld(), { skillBins: 256 }).rows);
    const finer = outcomes(meanField(graduateWorld(), { skillBins: 128 }).rows);
    const mf = outcomes(meanField(graduateWorld(), { skillBins: 16 }).rows);
    const gap = (a: number[], b: number[]) => Math.max(...a.map((v, t) => Math.abs(v - b[t])));
    // Discretisation tolerance (as in meanField.test.ts): the 16-bin path's largest gap to 256
    // bins, plus the 256-bin path's own gap to 128 bins; for the totals, the same per total.
    const stockTolerance =
      Math.max(...mf.stock.map((p, k) => gap(p, finest.stock[k]))) +
      Math.max(...finest.stock.map((p, k) => gap(p, finer.stock[k])));
    const totalTolerance = mf.totals.map(
      (v, k) => Math.abs(v - finest.totals[k]) + Math.abs(finest.totals[k] - finer.totals[k]),
    );
    const runs = Array.from({ length: 12 }, (_, r) =>
      outcomes(
        simulate(graduateWorld(), {
          seed: 23,
          replicate: r,
          metrics: ["stock", "lotteryEntrants", "lotteryWinners", "admissions"],
        }).rows,
      ),
    );
    let worst = 0;
    mf.stock.forEach((path, k) => {
      path.forEach((v, t) => {
        const sum = summarize(
          runs.map((run) => run.stock[k][t]),
          { confidence: 1 - 0.01 / (REGIONS.length * QUARTERS) },
        );
        const allowed = sum.ciHigh - sum.mean + stockTolerance;
        worst = Math.max(worst, Math.abs(sum.mean - v) / allowed);
        expect(Math.abs(sum.mean - v)).toBeLessThan(allowed);
      });
    });
    mf.totals.forEach((v, k) => {
      const sum = summarize(runs.map((run) => run.totals[k]));
      const allowed = 4 * sum.se + totalTolerance[k];
      worst = Math.max(worst, Math.abs(sum.mean - v) / allowed);
      expect(Math.abs(sum.mean - v)).toBeLessThan(allowed);
    });
    console.log("graduates: largest gap as a share of the allowance", worst.toFixed(3), "totals", mf.totals);
    // The mechanism acts: 65% of U's entrants wait for the lottery (5 years of 1,950), and the
    // 900 places a year are taken (the draws of years 2 to 5; the first draw's pool is empty).
    expect(mf.totals[0]).toBeCloseTo(5 * 1950, 6);
    expect(mf.totals[1]).toBeGreaterThan(4 * 900 * 0.9);
  }, 120_000);
});
