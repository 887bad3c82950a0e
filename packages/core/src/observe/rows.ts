import type { PeriodRecord } from "../engine/_periodRecord";

/**
 * One tidy row: the one shape of every output (docs/model.md 3.3.14). Dimensions that do not apply are
 * empty strings. Counts are in people (agents x scale); shares, rates and utilities as they are.
 */
export interface TidyRow {
  /** Run key: scenario hash, parameter point and replicate. */
  run: string;
  scenario: string;
  replicate: number;
  seed: number;
  /** Reported period index (0 = the first period of startYear). */
  period: number;
  /** Calendar time of the period's start. */
  year: number;
  metric: string;
  region: string;
  origin: string;
  destination: string;
  citizenship: string;
  value: number;
  /** Varied parameters in sweeps: one column per parameter path. */
  [parameter: string]: string | number;
}

/**
 * The metrics a run reports, with their unit. Regions, citizenships and pairs of the scenario fill
 * the dimension columns; `cohortExit5y` and `cohortArrivals` use the country code as `region`.
 */
export const METRICS = {
  stock: "people working in the region at the end of the period",
  stockByCitizenship: "people by region and citizenship",
  entries: "entrants in the period (people)",
  exits: "people leaving the field or retiring in the period",
  inflows: "people moving into the region in the period",
  outflows: "people moving out of the region in the period",
  flow: "people moving from origin to destination in the period",
  netMigrationPer10k: "net migration per 10,000 workers per year",
  meanSkill: "mean skill (standard deviations) of the region's workers",
  topDecileShare: "share of the global top skill decile working in the region",
  meanWage: "mean gross wage, USD per year",
  researchers: "researchers working in the region (people)",
  welfare:
    "expected utility of the decision's outcome (logit units, Euler's constant left out), " +
    "mean over people; by region of residence or overall",
  welfareByCitizenship: "the same welfare, mean over the citizenship's people",
  fiscalCost:
    "the policies' fiscal cost in the period, USD: investment they add and tax revenue their tax incentives forgo",
  applications: "applications for admission to the region (people)",
  admissions: "admissions to the region, including lottery winners who start (people)",
  lotteryEntrants: "people entering the lottery pool for the region in the period",
  lotteryWinners: "lottery winners for the region in the period's draw (people)",
  selectionRate: "share of the pool selected in the period's draw",
  brainDrain: "share of the citizenship's workers working outside its country",
  brainDrainYoung: "the same, for workers under 30",
  returnMoves: "moves of citizens back to their home region from another country (people)",
  topResearchersAbroad:
    "share of researchers in the global top skill decile working outside their citizenship's country",
  cohortExit5y:
    "share of migrants arriving in the country in the cohort year " +
    "who left it within five years (reported when the window closes)",
  cohortArrivals: "migrants arriving in the country in the cohort year whose window closes now (people)",
} as const;

/** A metric name. */
export type MetricName = keyof typeof METRICS;

/** What a row needs besides the record: names and the run's identity. */
export interface RowContext {
  run: string;
  scenario: string;
  replicate: number;
  seed: number;
  regions: readonly string[];
  citizenships: readonly string[];
  countries: readonly string[];
  periodsPerYear: number;
  scale: number;
  /** Metrics to keep; all when absent. */
  metrics?: ReadonlySet<string>;
}

/** Turns one period's record into tidy rows. */
export function recordRows(rec: PeriodRecord, ctx: RowContext, out: TidyRow[]): void {
  const { regions, citizenships, countries, scale } = ctx;
  const R = regions.length;
  const keep = (m: string) => !ctx.metrics || ctx.metrics.has(m);
  const push = (metric: string, value: number, region = "", origin = "", destination = "", citizenship = "") => {
    out.push({
      run: ctx.run,
      scenario: ctx.scenario,
      replicate: ctx.replicate,
      seed: ctx.seed,
      period: rec.period,
      year: rec.time,
      metric,
      region,
      origin,
      destination,
      citizenship,
      value,
    });
  };
  const perRegion = (metric: string, values: Float64Array, factor: number) => {
    if (!keep(metric)) return;
    for (let j = 0; j < R; j++) push(metric, values[j] * factor, regions[j]);
  };
  perRegion("stock", rec.stock, scale);
  if (keep("stockByCitizenship")) {
    citizenships.forEach((c, k) => {
      for (let j = 0; j < R; j++) {
        const v = rec.stockByCitizenship[k * R + j];
        if (v > 0) push("stockByCitizenship", v * scale, regions[j], "", "", c);
      }
    });
  }
  perRegion("entries", rec.entries, scale);
  perRegion("exits", rec.exits, scale);
  const inflows = new Float64Array(R);
  const outflows = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    for (let j = 0; j < R; j++) {
      const f = rec.flows[r * R + j];
      outflows[r] += f;
      inflows[j] += f;
      if (r !== j && keep("flow")) push("flow", f * scale, "", regions[r], regions[j]);
    }
  }
  perRegion("inflows", inflows, scale);
  perRegion("outflows", outflows, scale);
  if (keep("netMigrationPer10k")) {
    for (let j = 0; j < R; j++) {
      const stock = rec.stock[j];
      push(
        "netMigrationPer10k",
        stock > 0 ? ((inflows[j] - outflows[j]) / stock) * 10_000 * ctx.periodsPerYear : 0,
        regions[j],
      );
    }
  }
  perRegion("meanSkill", rec.meanSkill, 1);
  perRegion("topDecileShare", rec.topDecileShare, 1);
  perRegion("meanWage", rec.meanWage, 1);
  perRegion("researchers", rec.researchers, scale);
  perRegion("welfare", rec.welfareByRegion, 1);
  if (keep("welfare")) push("welfare", rec.welfare);
  perRegion("fiscalCost", rec.fiscalCost, 1);
  perRegion("applications", rec.applications, scale);
  perRegion("admissions", rec.admissions, scale);
  perRegion("lotteryEntrants", rec.lotteryEntrants, scale);
  if (keep("lotteryWinners") || keep("selectionRate")) {
    for (let j = 0; j < R; j++) {
      if (Number.isNaN(rec.selectionRate[j])) continue;
      if (keep("lotteryWinners")) push("lotteryWinners", rec.lotteryWinners[j] * scale, regions[j]);
      if (keep("selectionRate")) push("selectionRate", rec.selectionRate[j], regions[j]);
    }
  }
  const perCitizenship = (metric: string, values: Float64Array, factor: number) => {
    if (!keep(metric)) return;
    citizenships.forEach((c, k) => push(metric, values[k] * factor, "", "", "", c));
  };
  perCitizenship("welfareByCitizenship", rec.welfareByCitizenship, 1);
  perCitizenship("brainDrain", rec.brainDrain, 1);
  perCitizenship("brainDrainYoung", rec.brainDrainYoung, 1);
  perCitizenship("returnMoves", rec.returnMoves, scale);
  if (keep("topResearchersAbroad")) push("topResearchersAbroad", rec.topResearchersAbroad);
  countries.forEach((k, n) => {
    if (Number.isNaN(rec.cohortExit5y[n])) return;
    if (keep("cohortExit5y")) push("cohortExit5y", rec.cohortExit5y[n], k);
    if (keep("cohortArrivals")) push("cohortArrivals", rec.cohortArrivals[n] * scale, k);
  });
  for (const [name, value] of Object.entries(rec.custom)) {
    if (typeof value === "number") {
      push(name, value);
    } else {
      for (const [region, v] of Object.entries(value)) push(name, v, region);
    }
  }
}
