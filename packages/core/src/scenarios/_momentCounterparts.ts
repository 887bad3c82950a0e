/**
 * The model's side of a moment: functions that read a run's tidy rows (or the mean-field
 * projection's, which have the same shape) and return one number. Each counterpart names the
 * metrics it reads so that a result without them fails with a clear error instead of a NaN.
 * @module
 * @internal
 */
import { ValidationError } from "../errors";
import type { MetricName, TidyRow } from "../observe/rows";
import type { Scenario } from "../scenario/types";

/** What a moment is computed from: a run (`RunResult`) or a mean-field projection (`MeanFieldResult`). */
export interface MomentResult {
  readonly scenario: Scenario;
  readonly rows: readonly TidyRow[];
}

/** The model's counterpart of a moment: the metrics it reads and the computation. @internal */
export interface Counterpart {
  readonly metrics: readonly MetricName[];
  readonly compute: (result: MomentResult) => number;
}

function fail(path: string, message: string): never {
  throw new ValidationError([{ path, message }], "cannot compute the moment");
}

/** The rows of the first `years` reported years; fails when the run reports fewer. */
function windowRows(result: MomentResult, years: number): TidyRow[] {
  const { periodsPerYear, years: runYears } = result.scenario;
  if (runYears < years)
    fail("scenario.years", `the moment needs the first ${years} reported years; the run reports ${runYears}`);
  const periods = years * periodsPerYear;
  return result.rows.filter((r) => r.period < periods);
}

function sum(rows: readonly TidyRow[], keep: (r: TidyRow) => boolean): number {
  let total = 0;
  for (const r of rows) if (keep(r)) total += r.value;
  return total;
}

function ratio(numerator: number, denominator: number, what: string): number {
  if (!(denominator > 0)) fail("rows", `${what} is ${denominator}; the share is undefined`);
  return numerator / denominator;
}

function meanOf(rows: readonly TidyRow[], keep: (r: TidyRow) => boolean, what: string): number {
  let total = 0;
  let n = 0;
  for (const r of rows) {
    if (!keep(r)) continue;
    total += r.value;
    n++;
  }
  if (n === 0) fail("rows", `no ${what} rows in the window`);
  return total / n;
}

/**
 * Net moves into `region` from `from` per year, divided by the region's mean stock over the first
 * `years` reported years. Positive: the region gains from `from`.
 */
export function netInflowRate(region: string, from: readonly string[], years: number): Counterpart {
  return {
    metrics: ["flow", "stock"],
    compute(result) {
      const rows = windowRows(result, years);
      const periods = years * result.scenario.periodsPerYear;
      const gained = sum(rows, (r) => r.metric === "flow" && r.destination === region && from.includes(r.origin));
      const lost = sum(rows, (r) => r.metric === "flow" && r.origin === region && from.includes(r.destination));
      const meanStock = sum(rows, (r) => r.metric === "stock" && r.region === region) / periods;
      return ratio(gained - lost, meanStock, `the mean stock of ${region}`) / years;
    },
  };
}

/** Share of the moves into `region` over the first `years` reported years that come from `from`. */
export function inflowShareFrom(region: string, from: readonly string[], years: number): Counterpart {
  return {
    metrics: ["flow"],
    compute(result) {
      const rows = windowRows(result, years);
      const into = (r: TidyRow) => r.metric === "flow" && r.destination === region;
      const fromThose = sum(rows, (r) => into(r) && from.includes(r.origin));
      return ratio(fromThose, sum(rows, into), `the number of moves into ${region}`);
    },
  };
}

/**
 * Share of the people working in `regions` who hold one of `citizenships` (or, with
 * `complement`, who hold none of them), pooled over the periods of the first `years` reported
 * years.
 */
export function citizenshipShare(
  regions: readonly string[],
  citizenships: readonly string[],
  years: number,
  complement = false,
): Counterpart {
  return {
    metrics: ["stockByCitizenship", "stock"],
    compute(result) {
      const rows = windowRows(result, years);
      const stock = sum(rows, (r) => r.metric === "stock" && regions.includes(r.region));
      const held = sum(
        rows,
        (r) => r.metric === "stockByCitizenship" && regions.includes(r.region) && citizenships.includes(r.citizenship),
      );
      const share = ratio(held, stock, `the stock of ${regions.join("+")}`);
      return complement ? 1 - share : share;
    },
  };
}

/** Stock of `part` over the stock of `whole`, pooled over the first `years` reported years. */
export function stockShare(part: readonly string[], whole: readonly string[], years: number): Counterpart {
  return {
    metrics: ["stock"],
    compute(result) {
      const rows = windowRows(result, years);
      const of = (set: readonly string[]) => sum(rows, (r) => r.metric === "stock" && set.includes(r.region));
      return ratio(of(part), of(whole), `the stock of ${whole.join("+")}`);
    },
  };
}

/**
 * Annual growth of the stock of `regions` over the burn-in: from the scenario's initial stocks
 * (at startYear − burnInYears) to the stock at the start of the first reported period, which the
 * rows give by the accounting identity stock(end) = stock(start) + entries − exits + inflows −
 * outflows of period 0 (exact for runs; to rounding for the mean-field projection).
 */
export function burnInGrowth(regions: readonly string[]): Counterpart {
  return {
    metrics: ["stock", "entries", "exits", "inflows", "outflows"],
    compute(result) {
      const { burnInYears } = result.scenario;
      if (!(burnInYears > 0))
        fail("scenario.burnInYears", `burn-in growth needs a burn-in of at least one year, got ${burnInYears}`);
      const first = result.rows.filter((r) => r.period === 0 && regions.includes(r.region));
      const total = (metric: string) => sum(first, (r) => r.metric === metric);
      if (!first.some((r) => r.metric === "stock")) fail("rows", "no stock rows for period 0");
      const atStart = total("stock") - total("entries") + total("exits") - total("inflows") + total("outflows");
      let initial = 0;
      for (const code of regions) {
        const region = result.scenario.regions[code];
        if (region === undefined) fail(`regions.${code}`, "no such region in the scenario");
        initial += region.initialStock;
      }
      return ratio(atStart, initial, `the initial stock of ${regions.join("+")}`) ** (1 / burnInYears) - 1;
    },
  };
}

/** Mean of a per-country metric (`cohortExit5y`) over every reported cohort of `country`. */
export function cohortExit(country: string): Counterpart {
  return {
    metrics: ["cohortExit5y"],
    compute: (result) =>
      meanOf(result.rows, (r) => r.metric === "cohortExit5y" && r.region === country, `cohortExit5y for ${country}`),
  };
}

/** Mean of a per-citizenship share (`brainDrain`, `brainDrainYoung`) over the first `years` reported years. */
export function citizenshipAbroad(
  metric: "brainDrain" | "brainDrainYoung",
  citizenship: string,
  years: number,
): Counterpart {
  return {
    metrics: [metric],
    compute: (result) =>
      meanOf(
        windowRows(result, years),
        (r) => r.metric === metric && r.citizenship === citizenship,
        `${metric} for ${citizenship}`,
      ),
  };
}

/** Mean of the run-wide `topResearchersAbroad` over the first `years` reported years. */
export function topResearchersAbroad(years: number): Counterpart {
  return {
    metrics: ["topResearchersAbroad"],
    compute: (result) =>
      meanOf(windowRows(result, years), (r) => r.metric === "topResearchersAbroad", "topResearchersAbroad"),
  };
}

/**
 * Moves per year out of `regions` (to any region) over their mean stock, over the first `years`
 * reported years.
 */
export function mobilityRate(regions: readonly string[], years: number): Counterpart {
  return {
    metrics: ["flow", "stock"],
    compute(result) {
      const rows = windowRows(result, years);
      const periods = years * result.scenario.periodsPerYear;
      const moves = sum(rows, (r) => r.metric === "flow" && regions.includes(r.origin));
      const meanStock = sum(rows, (r) => r.metric === "stock" && regions.includes(r.region)) / periods;
      return ratio(moves, meanStock, `the stock of ${regions.join("+")}`) / years;
    },
  };
}

/** The selection rate of the first lottery draw reported for `region`. */
export function firstSelectionRate(region: string): Counterpart {
  return {
    metrics: ["selectionRate"],
    compute(result) {
      const first = result.rows.find((r) => r.metric === "selectionRate" && r.region === region);
      if (first === undefined) fail("rows", `no selectionRate row for ${region}: the run has no lottery draw there`);
      return first.value;
    },
  };
}

/**
 * Stock-weighted mean wage of `region` over that of `others`, minus one, pooled over the first
 * `years` reported years.
 */
export function wageGap(region: string, others: readonly string[], years: number): Counterpart {
  return {
    metrics: ["meanWage", "stock"],
    compute(result) {
      const rows = windowRows(result, years);
      const stockOf = new Map<string, number>();
      for (const r of rows) if (r.metric === "stock") stockOf.set(`${r.period}/${r.region}`, r.value);
      const meanWage = (set: readonly string[]) => {
        let wageBill = 0;
        let people = 0;
        for (const r of rows) {
          if (r.metric !== "meanWage" || !set.includes(r.region)) continue;
          const n = stockOf.get(`${r.period}/${r.region}`) ?? 0;
          wageBill += r.value * n;
          people += n;
        }
        return ratio(wageBill, people, `the stock of ${set.join("+")}`);
      };
      return meanWage([region]) / meanWage(others) - 1;
    },
  };
}
