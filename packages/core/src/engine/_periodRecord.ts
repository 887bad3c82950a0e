/**
 * The record of one reported period, as the engine keeps it in agents (the mean-field projection
 * in people): how it is built from the period's totals and counts, and its finiteness check.
 */
import { NonFiniteError } from "../errors";
import type { CompiledScenario } from "../kernel/_compile";
import type { PeriodCounts } from "./_periodCounts";

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
  /** Mean welfare per citizenship (0 where it has no active people). */
  welfareByCitizenship: Float64Array;
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
  /** The policies' fiscal cost per region in the period, USD (already in people: not scaled again). */
  fiscalCost: Float64Array;
  /** Values of user observers. */
  custom: Record<string, number | Record<string, number>>;
}

/**
 * Sums over the population at the end of a period, by region and citizenship: what the record's
 * stocks, brain drain and welfare are made of. The engine sums its agents' cells, the mean-field
 * projection its cohorts.
 */
export class PopulationTotals {
  /** People per (citizenship c, region j): c * R + j. */
  readonly byCitizenship: Float64Array;
  /** Researchers per region. */
  readonly researchers: Float64Array;
  /** Per citizenship: all, those abroad, and the same under 30. */
  readonly citizens: Float64Array;
  readonly abroad: Float64Array;
  readonly citizensYoung: Float64Array;
  readonly abroadYoung: Float64Array;
  /** Welfare (expected utility of the decision's outcome times people) summed per region, and over all regions. */
  readonly welfareSum: Float64Array;
  /** The same summed per citizenship. */
  readonly welfareByCitizenshipSum: Float64Array;
  welfareTotal = 0;

  /** Zero totals for R regions and C citizenships. */
  constructor(R: number, C: number) {
    this.byCitizenship = new Float64Array(C * R);
    this.researchers = new Float64Array(R);
    this.citizens = new Float64Array(C);
    this.abroad = new Float64Array(C);
    this.citizensYoung = new Float64Array(C);
    this.abroadYoung = new Float64Array(C);
    this.welfareSum = new Float64Array(R);
    this.welfareByCitizenshipSum = new Float64Array(C);
  }
}

/** What a period's record is made of, besides what {@link periodRecord} derives. */
export interface PeriodRecordParts {
  /** Reported period index and the calendar time of its start. */
  readonly period: number;
  readonly time: number;
  /** People per region at the end of the period. */
  readonly stock: Float64Array;
  /** Sum of skill per region. */
  readonly skillSum: Float64Array;
  readonly totals: PopulationTotals;
  readonly counts: PeriodCounts;
  /** The period's mu_j (log gross wage at z = 0) and wage-weighted supply per region. */
  readonly mu: Float64Array;
  readonly supply: Float64Array;
  /** People one unit of `stock` stands for in `supply` (a run's agents: its scale; people: 1). */
  readonly scale: number;
  readonly topDecileShare: Float64Array;
  readonly topResearchersAbroad: number;
  readonly cohortExit5y: Float64Array;
  readonly cohortArrivals: Float64Array;
  /** The policies' fiscal cost per region, USD. */
  readonly fiscalCost: Float64Array;
}

/**
 * The record of a reported period: the parts' stocks and counts (copied: the counts are reused
 * next period), and per region the mean skill, the mean gross wage e^mu * supply / (stock * scale)
 * and the mean welfare, each 0 where the region is empty; welfare per citizenship and over all active people; brain
 * drain as the share of each citizenship's (young) citizens abroad.
 */
export function periodRecord(parts: PeriodRecordParts): PeriodRecord {
  const { stock, skillSum, totals, counts, mu, supply, scale } = parts;
  const R = stock.length;
  const meanSkill = new Float64Array(R);
  const meanWage = new Float64Array(R);
  const welfareByRegion = new Float64Array(R);
  let active = 0;
  for (let r = 0; r < R; r++) {
    active += stock[r];
    meanSkill[r] = stock[r] > 0 ? skillSum[r] / stock[r] : 0;
    meanWage[r] = stock[r] > 0 ? (Math.exp(mu[r]) * supply[r]) / (stock[r] * scale) : 0;
    welfareByRegion[r] = stock[r] > 0 ? totals.welfareSum[r] / stock[r] : 0;
  }
  const div = (x: Float64Array, y: Float64Array) => x.map((v, k) => (y[k] > 0 ? v / y[k] : 0));
  return {
    period: parts.period,
    time: parts.time,
    stock: stock.slice(),
    stockByCitizenship: totals.byCitizenship.slice(),
    researchers: totals.researchers.slice(),
    entries: counts.entries.slice(),
    exits: counts.exits.slice(),
    flows: counts.flows.slice(),
    meanSkill,
    topDecileShare: parts.topDecileShare,
    meanWage,
    welfareByRegion,
    welfareByCitizenship: div(totals.welfareByCitizenshipSum, totals.citizens),
    welfare: active > 0 ? totals.welfareTotal / active : 0,
    applications: counts.applications.slice(),
    admissions: counts.admissions.slice(),
    lotteryEntrants: counts.lotteryEntrants.slice(),
    lotteryWinners: counts.lotteryWinners.slice(),
    selectionRate: counts.selectionRate.slice(),
    brainDrain: div(totals.abroad, totals.citizens),
    brainDrainYoung: div(totals.abroadYoung, totals.citizensYoung),
    returnMoves: counts.returnMoves.slice(),
    topResearchersAbroad: parts.topResearchersAbroad,
    cohortExit5y: parts.cohortExit5y,
    cohortArrivals: parts.cohortArrivals,
    fiscalCost: parts.fiscalCost,
    custom: {},
  };
}

/**
 * Every number of a period's record is finite, or stops the run with a {@link NonFiniteError}
 * naming the period, the region (or citizenship, or country) and the quantity. NaN stands for
 * "not reported" in `selectionRate` (no draw) and the cohort columns (no closing window) only.
 */
export function checkFiniteRecord(rec: PeriodRecord, cs: CompiledScenario): void {
  const R = cs.regions.length;
  const byRegion = (k: number) => cs.regions[k % R];
  const byOrigin = (k: number) => cs.regions[Math.floor(k / R)];
  const byCitizenship = (k: number) => cs.citizenships[k];
  const byCountry = (k: number) => cs.countries[k];
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
    ["welfare by citizenship", rec.welfareByCitizenship, byCitizenship, false],
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
    ["fiscal cost", rec.fiscalCost, byRegion, false],
  ];
  for (const [quantity, values, where, nanMeansNone] of columns) {
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      if (!Number.isFinite(v) && !(nanMeansNone && Number.isNaN(v)))
        throw new NonFiniteError(rec.period, where(k), quantity, v);
    }
  }
  if (!Number.isFinite(rec.welfare))
    throw new NonFiniteError(rec.period, "", "welfare (expected maximum utility)", rec.welfare);
  if (!Number.isFinite(rec.topResearchersAbroad)) {
    throw new NonFiniteError(rec.period, "", "share of top researchers abroad", rec.topResearchersAbroad);
  }
}
