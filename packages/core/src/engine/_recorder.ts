/** The record of a reported period (docs/model.md 1.3 step 8), from the aggregates and the event counts. */
import { NonFiniteError } from "../errors";
import type { CompiledScenario } from "../kernel/_compile";
import type { PeriodParams } from "../kernel/_period";
import type { MarketState, PeriodTables } from "../kernel/_tables";
import { FINE_BINS, SKILL_UNITS, type Aggregates } from "./_aggregates";
import { COHORT_YEARS, type EventCounts } from "./_eventCounts";
import { checkFiniteRecord, periodRecord, type PeriodRecord } from "./_periodRecord";
import { cellTotals } from "./_cellTotals";
import type { AgentColumns } from "./_agentColumns";
import type { Policy } from "../scenario/types";
import { addForgoneTax, addedInvestmentCost } from "./_fiscalCost";

/** What the record reads. */
export interface RecorderParts {
  readonly cs: CompiledScenario;
  readonly params: PeriodParams;
  readonly tables: PeriodTables;
  readonly market: MarketState;
  readonly aggregates: Aggregates;
  readonly counts: EventCounts;
  readonly agents: AgentColumns;
  /** The scenario's policies, for the investment they add. */
  readonly policies: readonly Policy[];
  readonly scale: number;
}

/** Top decile of skill among all active agents, by interpolation within the threshold bin. */
interface TopDecile {
  /** Per region: its share of the top decile. */
  share: Float64Array;
  /** Researchers in the top decile, and those of them abroad. */
  researchers: number;
  researchersAbroad: number;
}

/** Builds the period records. */
export class Recorder {
  private readonly parts: RecorderParts;

  constructor(parts: RecorderParts) {
    this.parts = parts;
  }

  /** The record of internal period t, reported period `period`, starting at calendar `time`. */
  record(t: number, period: number, time: number): PeriodRecord {
    const { cs, params, tables: T, market, aggregates, counts, agents, policies, scale } = this.parts;
    const R = cs.regions.length;
    const ageCost = params.vec[cs.off.behavior.ageCost];
    const nestLambda = params.vec.subarray(cs.off.nestLambda, cs.off.nestLambda + cs.nests.length);
    const cells = cellTotals(cs, T, aggregates.cells, aggregates.typeCounts, ageCost, nestLambda);
    const { stock } = cells;
    let activeTotal = 0;
    for (let r = 0; r < R; r++) activeTotal += stock[r];
    const top = this.topDecile(activeTotal);
    const cohorts = this.closingCohorts(t);
    const fiscalCost = addedInvestmentCost(cs, policies, time, new Float64Array(R));
    addForgoneTax(cs, params, T, agents, t, scale, fiscalCost);
    const rec = periodRecord({
      period,
      time,
      stock,
      skillSum: aggregates.zsum.map((sum) => sum / SKILL_UNITS),
      totals: cells,
      counts,
      mu: T.mu,
      supply: market.supply,
      scale,
      topDecileShare: top.share,
      topResearchersAbroad: top.researchers > 0 ? top.researchersAbroad / top.researchers : 0,
      cohortExit5y: cohorts.exit,
      cohortArrivals: cohorts.arrivals,
      fiscalCost,
    });
    // Checked before the whole record, so that an overflow names the mean wage or welfare first.
    for (let r = 0; r < R; r++) {
      if (!Number.isFinite(rec.meanWage[r]))
        throw new NonFiniteError(period, cs.regions[r], "mean gross wage", rec.meanWage[r]);
    }
    if (!Number.isFinite(rec.welfare))
      throw new NonFiniteError(period, "", "welfare (expected maximum utility)", rec.welfare);
    checkFiniteRecord(rec, cs);
    return rec;
  }

  /** The top decile of skill among the `activeTotal` active agents, from the fine histogram. */
  private topDecile(activeTotal: number): TopDecile {
    const fine = this.parts.aggregates.fine;
    const R = this.parts.cs.regions.length;
    const total = new Float64Array(FINE_BINS);
    for (let g = 0; g < R * 4; g++) for (let b = 0; b < FINE_BINS; b++) total[b] += fine[g * FINE_BINS + b];
    const topCount = activeTotal * 0.1;
    let cum = 0;
    let cut = FINE_BINS - 1;
    let fraction = 1;
    for (let b = FINE_BINS - 1; b >= 0; b--) {
      if (cum + total[b] >= topCount) {
        cut = b;
        fraction = total[b] > 0 ? (topCount - cum) / total[b] : 0;
        break;
      }
      cum += total[b];
    }
    const share = new Float64Array(R);
    let researchers = 0;
    let researchersAbroad = 0;
    for (let r = 0; r < R; r++) {
      for (let g = 0; g < 4; g++) {
        const base = (r * 4 + g) * FINE_BINS;
        let inTop = fine[base + cut] * fraction;
        for (let b = cut + 1; b < FINE_BINS; b++) inTop += fine[base + b];
        share[r] += topCount > 0 ? inTop / topCount : 0;
        if (g >> 1) {
          researchers += inTop;
          if (g & 1) researchersAbroad += inTop;
        }
      }
    }
    return { share, researchers, researchersAbroad };
  }

  /** Per country, the arrival cohort whose five years end with period t: its exit share and size (NaN if none). */
  private closingCohorts(t: number): { exit: Float64Array; arrivals: Float64Array } {
    const { cs, counts } = this.parts;
    const K = cs.countries.length;
    const ppy = cs.scenario.periodsPerYear;
    const exit = new Float64Array(K).fill(NaN);
    const arrivals = new Float64Array(K).fill(NaN);
    if ((t + 1) % ppy === 0) {
      // The cohort of year y is complete at the end of year y + 5, when its last arrivals
      // (in y's final period) have had their five years.
      const y = (t + 1) / ppy - COHORT_YEARS - 1;
      if (y >= 0) {
        for (let k = 0; k < K; k++) {
          const n = counts.cohortArrivals[y * K + k];
          arrivals[k] = n;
          exit[k] = n > 0 ? counts.cohortLeft[y * K + k] / n : NaN;
        }
      }
    }
    return { exit, arrivals };
  }
}
