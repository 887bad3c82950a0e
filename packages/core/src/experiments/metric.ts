/**
 * Naming one number of a run: a metric of {@link METRICS} narrowed to one row per period by its
 * dimensions, then reduced over periods. Used by elasticity, sensitivity and calibration.
 * @module
 */
import { ValidationError, type Issue } from "../errors";
import { METRICS, type TidyRow } from "../observe/rows";
import type { Scenario } from "../scenario/types";
import { unknownKeyIssues } from "../_knownKeys";
import { Issues, showValue } from "../_issues";

/**
 * One number of a run. Dimensions left out must be empty in the row, so every selector names
 * exactly one row per period: `{ metric: "stock", region: "CA" }` is Canada's stock,
 * `{ metric: "welfare" }` the overall welfare (region ""), `{ metric: "flow", origin: "DE",
 * destination: "CA" }` the German-Canadian flow.
 *
 * Over periods: `period` picks one (an index, or `"last"`); otherwise `aggregate` reduces the
 * series: `"last"` (default, the value at the horizon), `"mean"` or `"sum"` (e.g. total movers).
 */
export interface MetricSelector {
  /** A metric of {@link METRICS}. */
  readonly metric: string;
  readonly region?: string;
  readonly origin?: string;
  readonly destination?: string;
  readonly citizenship?: string;
  /** One reported period (0 = the first period of startYear) or the last one. */
  readonly period?: number | "last";
  /** How to reduce the periods when `period` is not given (default "last"). */
  readonly aggregate?: "last" | "mean" | "sum";
}

/** A metric argument: a metric name (with filters given beside it) or a full selector. */
export type MetricArgument = string | MetricSelector;

/** The dimension filters that may accompany a metric name. */
export type MetricFilters = Omit<MetricSelector, "metric">;

const DIMENSIONS = ["region", "origin", "destination", "citizenship"] as const;

/** The keys of {@link MetricFilters}. @internal */
export const METRIC_FILTER_KEYS: readonly (keyof MetricFilters)[] = [...DIMENSIONS, "period", "aggregate"];

/** The metric filters given beside a metric in an options object, and nothing else. @internal */
export function pickFilters(options: object): MetricFilters {
  const o = options as Record<string, unknown>;
  return Object.fromEntries(
    METRIC_FILTER_KEYS.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]),
  ) as MetricFilters;
}

/**
 * Turns a metric argument (a name, or a selector) and optional filters into a selector; the
 * filters win over fields of the selector.
 *
 * @example
 * toSelector("stock", { region: "CA" })           // => { metric: "stock", region: "CA" }
 * toSelector({ metric: "brainDrain", citizenship: "DE" }) // => the same object
 */
export function toSelector(metric: MetricArgument, filters: MetricFilters = {}): MetricSelector {
  return typeof metric === "string" ? { ...filters, metric } : { ...metric, ...filters };
}

/**
 * Problems of a selector before any run: an unknown metric or aggregate, a dimension that is not
 * a region or citizenship of the scenario, a bad period. `path` names the argument in messages
 * (e.g. `"metric"` or `"options.metric"`). Returns the issues; {@link assertMetricSelector} throws.
 *
 * @example
 * checkMetricSelector({ metric: "stok" }, scenarios.baseline(), "metric")
 * // => [{ path: "metric", message: 'unknown metric "stok"; known: stock, stockByCitizenship, …' }]
 */
export function checkMetricSelector(selector: unknown, scenario: Scenario | undefined, path: string): Issue[] {
  const issues = new Issues();
  if (selector === null || typeof selector !== "object") {
    issues.add(path, `must be a metric name or { metric, region?, … }, got ${showValue(selector)}`);
    return issues.list();
  }
  const s = selector as MetricSelector;
  issues.addAll(unknownKeyIssues(selector, ["metric", ...METRIC_FILTER_KEYS], `${path}.`));
  if (typeof s.metric !== "string" || !Object.hasOwn(METRICS, s.metric)) {
    issues.add(path, `unknown metric ${showValue(s.metric)}; known: ${Object.keys(METRICS).join(", ")}`);
  }
  if (scenario) {
    const regions = Object.keys(scenario.regions);
    const countries = [...new Set(Object.values(scenario.regions).map((r) => r.country))];
    const citizenships = Object.keys(scenario.citizenships);
    const allowed: Record<(typeof DIMENSIONS)[number], string[]> = {
      region: s.metric === "cohortExit5y" || s.metric === "cohortArrivals" ? countries : regions,
      origin: regions,
      destination: regions,
      citizenship: citizenships,
    };
    for (const dim of DIMENSIONS) {
      const v = s[dim];
      if (v !== undefined && v !== "" && !allowed[dim].includes(v)) {
        issues.add(`${path}.${dim}`, `unknown ${dim} ${showValue(v)}; the scenario has ${allowed[dim].join(", ")}`);
      }
    }
  }
  if (s.period !== undefined && s.period !== "last" && !(Number.isInteger(s.period) && s.period >= 0)) {
    issues.add(`${path}.period`, `must be a whole number >= 0 or "last", got ${showValue(s.period)}`);
  }
  if (s.aggregate !== undefined && !["last", "mean", "sum"].includes(s.aggregate)) {
    issues.add(`${path}.aggregate`, `must be "last", "mean" or "sum", got ${showValue(s.aggregate)}`);
  }
  return issues.list();
}

/** Throws a {@link ValidationError} with the issues of {@link checkMetricSelector}, if any. */
export function assertMetricSelector(selector: unknown, scenario: Scenario | undefined, path: string): MetricSelector {
  const issues = new Issues("invalid metric");
  issues.addAll(checkMetricSelector(selector, scenario, path));
  issues.throwIfAny();
  return selector as MetricSelector;
}

/** Does the row belong to the selector's series (metric and every dimension)? */
export function matchesSelector(row: TidyRow, selector: MetricSelector): boolean {
  if (row.metric !== selector.metric) return false;
  for (const dim of DIMENSIONS) if (row[dim] !== (selector[dim] ?? "")) return false;
  return true;
}

/**
 * The number a selector names in the rows of one run: the matching row of one period, or the
 * series reduced by `aggregate`. Pure; rows in any order. Throws a {@link ValidationError} if no
 * row matches (e.g. a region left out of `stock`, or a lottery metric of a region without one).
 *
 * @example
 * const run = simulate(scenarios.baseline({ agents: 5000, years: 2 }), { seed: 1 });
 * selectValue(run.rows, { metric: "stock", region: "CA" }) // => Canada's stock at the horizon
 * selectValue(run.rows, { metric: "flow", origin: "DE", destination: "CA", aggregate: "sum" })
 * // => movers over the run
 */
export function selectValue(rows: readonly TidyRow[], selector: MetricSelector): number {
  const series = new Map<number, number>();
  for (const row of rows) if (matchesSelector(row, selector)) series.set(row.period, row.value);
  if (series.size === 0) {
    const dims = DIMENSIONS.filter((d) => selector[d] !== undefined).map((d) => `${d} ${JSON.stringify(selector[d])}`);
    const near = [
      ...new Set(
        rows.filter((r) => r.metric === selector.metric).map((r) => DIMENSIONS.map((d) => r[d] || "-").join("/")),
      ),
    ].slice(0, 8);
    throw Issues.single(
      "metric",
      `no rows of ${JSON.stringify(selector.metric)}` +
        `${dims.length ? ` with ${dims.join(", ")}` : " with empty dimensions"}` +
        (near.length
          ? `; rows exist for region/origin/destination/citizenship ${near.join(", ")}`
          : " (metric not reported in these runs)"),
      "metric selects nothing",
    );
  }
  const periods = [...series.keys()].sort((a, b) => a - b);
  if (selector.period !== undefined) {
    const p = selector.period === "last" ? periods[periods.length - 1] : selector.period;
    const v = series.get(p);
    if (v === undefined) {
      throw Issues.single(
        "metric.period",
        `period ${p} is not reported; periods ${periods[0]}..${periods[periods.length - 1]}`,
        "metric selects nothing",
      );
    }
    return v;
  }
  const aggregate = selector.aggregate ?? "last";
  if (aggregate === "last") return series.get(periods[periods.length - 1])!;
  let sum = 0;
  for (const p of periods) sum += series.get(p)!;
  return aggregate === "sum" ? sum : sum / periods.length;
}
