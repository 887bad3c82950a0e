/**
 * Internal helpers of the experiments: argument checks and the grouping of tidy rows into series.
 * @internal
 */
import { METRICS, type TidyRow } from "../observe/rows";
import type { Scenario } from "../scenario/types";
import { Issues, showValue } from "../_issues";
import { summarize } from "./math/studentT";
import { assertParameterPath } from "./paths";
import { unknownKeyIssues } from "../_knownKeys";

export { Issues };

/** Records every key of `options` not in `known` (with the closest known key), under `prefix`. */
export function checkKnownKeys(issues: Issues, options: unknown, known: readonly string[], prefix = "options."): void {
  for (const i of unknownKeyIssues(options, known, prefix)) issues.add(i.path, i.message);
}

/** `onProgress`, if given, must be a function. */
export function checkProgress(issues: Issues, path: string, onProgress: unknown): void {
  if (onProgress !== undefined && typeof onProgress !== "function")
    issues.add(path, `must be a function (progress) => void, got ${showValue(onProgress)}`);
}

/** The dimensions that name one series of a run (one value per run). */
export interface SeriesKey {
  metric: string;
  region: string;
  origin: string;
  destination: string;
  citizenship: string;
  period: number;
  year: number;
}

/** Summary statistics of one series over replications (Student t interval). */
export interface SeriesStatistic extends SeriesKey {
  /** Runs that reported the series. */
  n: number;
  mean: number;
  /** Standard deviation across runs (denominator n - 1). */
  sd: number;
  /** Standard error of the mean. */
  se: number;
  ciLow: number;
  ciHigh: number;
  /** Half the width of the interval: the precision reached. */
  halfWidth: number;
}

export function seriesId(r: TidyRow | SeriesKey): string {
  return `${r.metric}|${r.region}|${r.origin}|${r.destination}|${r.citizenship}|${r.period}`;
}

export function seriesKeyOf(r: TidyRow): SeriesKey {
  return {
    metric: r.metric,
    region: r.region,
    origin: r.origin,
    destination: r.destination,
    citizenship: r.citizenship,
    period: r.period,
    year: r.year,
  };
}

/** One run's rows as series id -> value, plus the key of each series in row order. */
export function seriesOfRun(
  rows: readonly TidyRow[],
  keys: Map<string, SeriesKey>,
  keep?: ReadonlySet<string>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    if (keep && !keep.has(r.metric)) continue;
    const id = seriesId(r);
    out.set(id, r.value);
    if (!keys.has(id)) keys.set(id, seriesKeyOf(r));
  }
  return out;
}

/** Statistics of values (>= 2) or undefined; a constant sample has sd 0 and a zero-width interval. */
export function statistics(
  values: readonly number[],
  confidence: number,
): Omit<SeriesStatistic, keyof SeriesKey> | undefined {
  if (values.length < 2) return undefined;
  const s = summarize(values, { confidence });
  return {
    n: s.n,
    mean: s.mean,
    sd: s.sd,
    se: s.se,
    ciLow: s.ciLow,
    ciHigh: s.ciHigh,
    halfWidth: (s.ciHigh - s.ciLow) / 2,
  };
}

/** Sample variance (n - 1), or NaN below two values. */
export function variance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return NaN;
  let mean = 0;
  let m2 = 0;
  values.forEach((x, k) => {
    const d = x - mean;
    mean += d / (k + 1);
    m2 += d * (x - mean);
  });
  return m2 / (n - 1);
}

export function checkSeed(issues: Issues, path: string, seed: unknown): void {
  if (!(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed)))) {
    issues.add(path, `must be a number or a string (the master seed), got ${showValue(seed)}`);
  }
}

export function checkMetrics(issues: Issues, path: string, metrics: unknown): void {
  if (metrics === undefined) return;
  if (!Array.isArray(metrics) || metrics.length === 0) {
    issues.add(path, `must be a non-empty array of metric names, got ${showValue(metrics)}`);
    return;
  }
  metrics.forEach((m, k) => {
    if (typeof m !== "string" || !Object.hasOwn(METRICS, m))
      issues.add(`${path}[${k}]`, `unknown metric ${showValue(m)}; known: ${Object.keys(METRICS).join(", ")}`);
  });
}

export function checkConfidence(issues: Issues, path: string, confidence: unknown): number {
  if (confidence === undefined) return 0.95;
  issues.openUnit(path, confidence);
  return confidence as number;
}

export function checkScenario(issues: Issues, path: string, scenario: unknown): scenario is Scenario {
  if (scenario === null || typeof scenario !== "object" || !("regions" in scenario) || !("behavior" in scenario)) {
    issues.add(path, `must be a scenario (e.g. scenarios.baseline()), got ${showValue(scenario)}`);
    return false;
  }
  return true;
}

/** Checks that a parameter path leads to a number in the scenario; records the issue under `path`. */
export function checkPath(issues: Issues, path: string, scenario: Scenario, parameter: unknown): boolean {
  if (typeof parameter !== "string") {
    issues.add(path, `must be a parameter path such as "behavior.beta", got ${showValue(parameter)}`);
    return false;
  }
  try {
    assertParameterPath(scenario, parameter);
    return true;
  } catch (e) {
    const message =
      e instanceof Error && "issues" in e
        ? (e as { issues: { message: string }[] }).issues.map((i) => i.message).join("; ")
        : String(e);
    issues.add(path, `unknown parameter path ${JSON.stringify(parameter)}: ${message}`);
    return false;
  }
}

/** Checks a `{ min, max }` range; records "empty range" and "bounds reversed" under `path`. */
export function checkRange(issues: Issues, path: string, range: unknown): range is { min: number; max: number } {
  if (range === null || typeof range !== "object" || Array.isArray(range)) {
    issues.add(path, `must be a range { min, max }, got ${showValue(range)}`);
    return false;
  }
  const { min, max } = range as { min: unknown; max: unknown };
  const a = issues.finite(`${path}.min`, min);
  const b = issues.finite(`${path}.max`, max);
  if (!a || !b) return false;
  if ((min as number) > (max as number)) {
    issues.add(path, `bounds reversed: min ${String(min)} > max ${String(max)}`);
    return false;
  }
  if (min === max) {
    issues.add(path, `empty range: min = max = ${String(min)} (give a single value as [${String(min)}])`);
    return false;
  }
  return true;
}
