/**
 * The three-country world with a lottery for graduates that meanField's agreement tests with the
 * engine share (graduates-engine.test.ts, firstJob-engine.test.ts), and the agreement check itself.
 */
import { expect } from "vitest";
import { meanField, simulate, type Scenario, type TidyRow } from "../../src/index";
import { summarize } from "../../src/experiments/math/index";
import { NEUTRAL_BEHAVIOR, region } from "../_worlds";

/**
 * Three countries: H (home of citizenship X, 1,000 entrants a year, citizens), U (3,000 entrants a
 * year of X, temporary for 3 years renewed at 0.5, and the lottery L of 900 places a year,
 * wage-weighted, drawn in the first quarter, work from the fourth, for its graduates: 65% of its
 * entrants, for 3 years; a fee keeps movers' petitions out, feeFactor 0.5^100, so L's pool holds
 * only graduates) and C, which admits with probability 0.6. Skill matters (returns 0.3, 0.7, 0.5),
 * so the wage levels do; people exit at 5% a year. Quarterly, 5 years: every graduate term ends
 * at least once. `considerRate` and `firstJobChoice` (absent if undefined) are the test's.
 */
export function lotteryWorld(name: string, considerRate: number, firstJobChoice?: number): Scenario {
  return {
    model: "talentflow/1",
    name,
    startYear: 2030,
    years: 5,
    periodsPerYear: 4,
    agents: 20_000,
    burnInYears: 0,
    fx: { EUR: 1.08 },
    behavior: {
      ...NEUTRAL_BEHAVIOR,
      considerRate,
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

export const REGIONS = ["H", "U", "C"];
const QUARTERS = 20;
const COUNTED = ["lotteryEntrants", "lotteryWinners", "admissions"];

/** What the check compares: per region, the stock per quarter; U's lottery totals and C's admissions. */
export interface Outcomes {
  stock: number[][];
  totals: number[];
}

/** The outcomes of a run's or a projection's rows. */
export function outcomes(rows: readonly TidyRow[]): Outcomes {
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

/** The largest gap between two paths. */
export const gap = (a: number[], b: number[]) => Math.max(...a.map((v, t) => Math.abs(v - b[t])));

/**
 * Checks meanField's 16-bin projection of `world` against 12 replicate runs on `seed`: each stock
 * within the runs' 99% Bonferroni interval, each total within 4 SE, both widened by the
 * discretisation tolerance (as in meanField.test.ts: the 16-bin path's largest gap to 256 bins,
 * plus the 256-bin path's own gap to 128 bins; per total for the totals). Returns the projection,
 * the stock tolerance and the largest gap as a share of what is allowed.
 */
export function expectAgreement(
  world: Scenario,
  seed: number,
): { mf: Outcomes; stockTolerance: number; worst: number } {
  const finest = outcomes(meanField(world, { skillBins: 256 }).rows);
  const finer = outcomes(meanField(world, { skillBins: 128 }).rows);
  const mf = outcomes(meanField(world, { skillBins: 16 }).rows);
  const stockTolerance =
    Math.max(...mf.stock.map((p, k) => gap(p, finest.stock[k]))) +
    Math.max(...finest.stock.map((p, k) => gap(p, finer.stock[k])));
  const totalTolerance = mf.totals.map(
    (v, k) => Math.abs(v - finest.totals[k]) + Math.abs(finest.totals[k] - finer.totals[k]),
  );
  const runs = Array.from({ length: 12 }, (_, r) =>
    outcomes(
      simulate(world, {
        seed,
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
  return { mf, stockTolerance, worst };
}
