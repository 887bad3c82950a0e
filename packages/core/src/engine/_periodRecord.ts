/** The record of one reported period, as the engine keeps it in agents, and its finiteness check. */
import { NonFiniteError } from "../errors";
import type { CompiledScenario } from "../model/_compile";

/** Aggregates of one reported period, in agents (rows multiply by scale). */
export interface PeriodRecord {
  /** Reported period index (0 = first period of startYear). */
  period: number;
  /** Calendar time of the period's start. */
  time: number;
  stock: Float64Array;
  /** c * R + j. */
  stockByCitizenship: Float64Array;
  researchers: Float64Array;
  entries: Float64Array;
  exits: Float64Array;
  /** origin * R + destination. */
  flows: Float64Array;
  meanSkill: Float64Array;
  topDecileShare: Float64Array;
  meanWage: Float64Array;
  welfareByRegion: Float64Array;
  welfare: number;
  applications: Float64Array;
  admissions: Float64Array;
  lotteryEntrants: Float64Array;
  lotteryWinners: Float64Array;
  /** Selection rate of the draw this period per region's lottery; NaN where no draw (not emitted). */
  selectionRate: Float64Array;
  /** Per citizenship. */
  brainDrain: Float64Array;
  brainDrainYoung: Float64Array;
  returnMoves: Float64Array;
  topResearchersAbroad: number;
  /** Per country: share of the arrival cohort completing its 5 years this period that left; NaN if none. */
  cohortExit5y: Float64Array;
  cohortArrivals: Float64Array;
  /** Values of user observers. */
  custom: Record<string, number | Record<string, number>>;
}

/**
 * Every number of a period's record is finite, or stops the run with a {@link NonFiniteError}
 * naming the period, the region (or citizenship, or country) and the quantity. NaN stands for
 * "not reported" in `selectionRate` (no draw) and the cohort columns (no closing window) only.
 */
export function checkFiniteRecord(rec: PeriodRecord, cs: CompiledScenario): void {
  const R = cs.regions.length;
  const byRegion = (k: number) => cs.regions[k % R]!;
  const byOrigin = (k: number) => cs.regions[Math.floor(k / R)]!;
  const byCitizenship = (k: number) => cs.citizenships[k]!;
  const byCountry = (k: number) => cs.countries[k]!;
  const columns: Array<[string, Float64Array, (k: number) => string, boolean]> = [
    ["stock", rec.stock, byRegion, false],
    ["stock by citizenship", rec.stockByCitizenship, byRegion, false],
    ["researchers", rec.researchers, byRegion, false],
    ["entries", rec.entries, byRegion, false],
    ["exits", rec.exits, byRegion, false],
    ["flows", rec.flows, byOrigin, false],
    ["mean skill", rec.meanSkill, byRegion, false],
    ["top decile share", rec.topDecileShare, byRegion, false],
    ["mean gross wage", rec.meanWage, byRegion, false],
    ["welfare by region", rec.welfareByRegion, byRegion, false],
    ["applications", rec.applications, byRegion, false],
    ["admissions", rec.admissions, byRegion, false],
    ["lottery entrants", rec.lotteryEntrants, byRegion, false],
    ["lottery winners", rec.lotteryWinners, byRegion, false],
    ["selection rate", rec.selectionRate, byRegion, true],
    ["brain drain", rec.brainDrain, byCitizenship, false],
    ["brain drain of the young", rec.brainDrainYoung, byCitizenship, false],
    ["return moves", rec.returnMoves, byCitizenship, false],
    ["five-year cohort exit", rec.cohortExit5y, byCountry, true],
    ["cohort arrivals", rec.cohortArrivals, byCountry, true],
  ];
  for (const [quantity, values, where, nanMeansNone] of columns) {
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      if (!Number.isFinite(v) && !(nanMeansNone && Number.isNaN(v))) throw new NonFiniteError(rec.period, where(k), quantity, v);
    }
  }
  if (!Number.isFinite(rec.welfare)) throw new NonFiniteError(rec.period, "", "welfare (expected maximum utility)", rec.welfare);
  if (!Number.isFinite(rec.topResearchersAbroad)) {
    throw new NonFiniteError(rec.period, "", "share of top researchers abroad", rec.topResearchersAbroad);
  }
}
