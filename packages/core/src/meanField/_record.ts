/**
 * The period record of the mean-field projection and its rows, in the shape of a run's.
 * @module
 */
import type { CompiledScenario } from "../kernel/_compile";
import type { PeriodCounts } from "../engine/_periodCounts";
import { periodRecord, type PeriodRecord } from "../engine/_periodRecord";
import type { PeriodTables } from "../kernel/_tables";
import { recordRows, type RowContext, type TidyRow } from "../observe/rows";
import type { MarketObservation } from "./_market";
import type { CohortTotals } from "./_observation";
import type { meanField } from "./meanField";

/** The metrics {@link meanField} reports (the names of the rows of a run). */
export const MEAN_FIELD_METRICS = [
  "stock",
  "stockByCitizenship",
  "entries",
  "exits",
  "inflows",
  "outflows",
  "flow",
  "netMigrationPer10k",
  "meanSkill",
  "meanWage",
  "researchers",
  "welfare",
  "welfareByCitizenship",
  "applications",
  "admissions",
  "lotteryEntrants",
  "lotteryWinners",
  "selectionRate",
  "brainDrain",
  "brainDrainYoung",
  "returnMoves",
] as const;

/** What is known at the end of a reported period. @internal */
export interface PeriodEnd {
  /** Reported period index and the calendar time of its start. */
  readonly period: number;
  readonly time: number;
  readonly tables: PeriodTables;
  /** Supply per region at the end of the period (the market state the next period reads). */
  readonly supply: Float64Array;
  readonly flows: PeriodCounts;
  readonly observed: MarketObservation;
  readonly totals: CohortTotals;
}

/** Collects the rows and the stock paths of a run, period by period. @internal */
export class MeanFieldRecorder {
  readonly rows: TidyRow[] = [];
  /** stock[region][period]: people per region at the end of each reported period. */
  readonly stockPath: Record<string, number[]>;
  private readonly cs: CompiledScenario;
  private readonly context: RowContext;

  /** With `welfare` false, the welfare metrics are left out of the rows (not computed). */
  constructor(cs: CompiledScenario, welfare = true) {
    this.cs = cs;
    this.stockPath = Object.fromEntries(cs.regions.map((r) => [r, [] as number[]]));
    this.context = {
      run: "meanField",
      scenario: cs.scenario.name,
      replicate: 0,
      seed: 0,
      regions: cs.regions,
      citizenships: cs.citizenships,
      countries: cs.countries,
      periodsPerYear: cs.scenario.periodsPerYear,
      scale: 1,
      metrics: new Set<string>(
        welfare
          ? MEAN_FIELD_METRICS
          : MEAN_FIELD_METRICS.filter((m) => m !== "welfare" && m !== "welfareByCitizenship"),
      ),
    };
  }

  /** Records a reported period: its record as rows, its stocks on the paths. */
  write(end: PeriodEnd): void {
    recordRows(this.record(end), this.context, this.rows);
  }

  private record(end: PeriodEnd): PeriodRecord {
    const { stock } = end.observed;
    const R = this.cs.regions.length;
    const K = this.cs.countries.length;
    for (let r = 0; r < R; r++) this.stockPath[this.cs.regions[r]].push(stock[r]);
    // Not modelled here: the top decile and the arrival cohorts (no individuals to rank or follow).
    return periodRecord({
      period: end.period,
      time: end.time,
      stock,
      skillSum: end.totals.skillSum,
      totals: end.totals,
      counts: end.flows,
      mu: end.tables.mu,
      supply: end.supply,
      scale: 1,
      topDecileShare: new Float64Array(R),
      topResearchersAbroad: 0,
      cohortExit5y: new Float64Array(K).fill(NaN),
      cohortArrivals: new Float64Array(K).fill(NaN),
      // Not reported here (see MEAN_FIELD_METRICS): the tax part needs arrival times.
      fiscalCost: new Float64Array(R),
    });
  }
}
