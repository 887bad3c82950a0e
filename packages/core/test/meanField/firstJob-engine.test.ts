/**
 * meanField against the engine with entrants who choose their first job in the period after their
 * entry (`behavior.firstJobChoice`, docs/model.md 3.3.12).
 *
 * This test needs the engine's first-job choice: on a branch whose engine ignores
 * `behavior.firstJobChoice`, its entrants look around at the consideration rate only and the test
 * fails (the ABM keeps hundreds more people in H and U than the projection). It is meant to pass
 * once the engine's and the projection's first-job choice are merged.
 */
import { describe, expect, it } from "vitest";
import { meanField, simulate, type Scenario, type TidyRow } from "../../src/index";
import { summarize } from "../../src/experiments/math/index";
import { NEUTRAL_BEHAVIOR, region } from "../_worlds";

/**
 * Three countries: H (home of citizenship X, 1,000 entrants a year, citizens), U (3,000 entrants a
 * year of X, temporary for 3 years renewed at 0.5, the lottery L of 900 places a year for its
 * graduates, 65% of them; a fee keeps movers' petitions out) and C, which admits with probability
 * 0.6. People look around at 0.3 a year only, and 70% of each quarter's entrants choose their first
 * job in the next quarter: the entrants of H and U's entrants who are not graduates. Skill matters
 * (returns 0.3, 0.7, 0.5); exits at 5% a year. Quarterly, 5 years.
 */
export function firstJobEngineWorld(firstJobChoice: number | undefined): Scenario {
  return {
    model: "talentflow/1",
    name: "first-job-engine-world",
    startYear: 2030,
    years: 5,
    periodsPerYear: 4,
    agents: 20_000,
    burnInYears: 0,
    fx: { EUR: 1.08 },
    behavior: {
      ...NEUTRAL_BEHAVIOR,
      considerRate: 0.3,
      exitRate: 0.05,
      homeBias: 0.5,
      tempPenalty: 0.3,
      retirementAge: 100,
      ...(firstJobChoice === undefined ? {} : { firstJobChoice }),
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
const COUNTED = ["lotteryEntrants", "lotteryWinners", "admissions"];

/** Per region, the stock per quarter; U's lottery entrants, winners, admissions, and C's admissions, over the run. */
function outcomes(rows: readonly TidyRow[]): { stock: number[][]; totals: number[] } {
  const stock = REGIONS.map(() => new Array<number>(QUARTERS).fill(0));
  const totals = [0, 0, 0, 0];
  for (const r of rows) {
    if (r.metric === "stock") stock[REGIONS.indexOf(r.region)][r.period] = r.value;
    const k = COUNTED.indexOf(r.metric);
    if (k >= 0 && r.region === "U") totals[k] += r.value;
    if (r.metric === "admissions" && r.region === "C") totals[3] += r.value;
  }
  return { stock, totals };
}

describe("meanField against the ABM with entrants who choose their first job", () => {
  it("simulate(world with firstJobChoice 0.7) gives mean stocks (99% Bonferroni CI) and U's lottery entrants, " +
    "winners and admissions and C's admissions (4 SE) of meanField within the 16-bin tolerance", () => {
    const world = firstJobEngineWorld(0.7);
    const finest = outcomes(meanField(world, { skillBins: 256 }).rows);
    const finer = outcomes(meanField(world, { skillBins: 128 }).rows);
    const mf = outcomes(meanField(world, { skillBins: 16 }).rows);
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
        simulate(world, {
          seed: 29,
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
