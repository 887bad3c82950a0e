/**
 * Internal: the annual view of tidy rows. Each run's series is aggregated per calendar year by
 * its metric's kind (year-end value, sum, or mean); the years a run did not finish are left
 * out, so a year-end stock is always the stock at the end of a year.
 * @internal
 */
import { ValidationError, type TidyRow } from "@talentflow/core";
import { calendarOf } from "./_calendar";
import { METRIC_KINDS, type MetricKind } from "./metricKinds";

/** The kind of each metric: core's, then the caller's for observer metrics. */
export function kindResolver(extra: Readonly<Record<string, MetricKind>> | undefined): (metric: string) => MetricKind {
  return (metric) => {
    const kind =
      extra?.[metric] ??
      (Object.hasOwn(METRIC_KINDS, metric) ? METRIC_KINDS[metric as keyof typeof METRIC_KINDS] : undefined);
    if (kind) return kind;
    throw new ValidationError(
      [
        {
          path: `options.metricKinds.${metric}`,
          message:
            `is missing: "${metric}" is not one of core's metrics, so the annual view cannot ` +
            `know whether to take its year-end value, sum or mean; give "stock", "flow" or "rate"`,
        },
      ],
      "export",
    );
  };
}

interface Group {
  row: TidyRow;
  kind: MetricKind;
  sum: number;
  count: number;
  last: number;
  lastPeriod: number;
}

/**
 * Annual rows: `period` becomes the year's index from startYear and `year` the whole calendar
 * year; `value` the year-end value, sum or mean. Other columns (sweep parameters) are kept.
 */
export function annualRows(
  rows: readonly TidyRow[],
  periodsPerYear: (row: TidyRow) => number,
  kindOf: (metric: string) => MetricKind,
): TidyRow[] {
  const lastPeriod = new Map<string, number>();
  for (const r of rows) lastPeriod.set(r.run, Math.max(lastPeriod.get(r.run) ?? -Infinity, r.period));
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const ppy = periodsPerYear(r);
    const yearIndex = Math.floor(r.period / ppy);
    if ((yearIndex + 1) * ppy - 1 > lastPeriod.get(r.run)!) continue; // the run stopped within this year
    const id =
      `${r.run}\u0000${r.metric}\u0000${r.region}\u0000${r.origin}` +
      `\u0000${r.destination}\u0000${r.citizenship}\u0000${yearIndex}`;
    let g = groups.get(id);
    if (!g) {
      const { calendarYear } = calendarOf(r.period, r.year, ppy);
      g = {
        row: { ...r, period: yearIndex, year: calendarYear },
        kind: kindOf(r.metric),
        sum: 0,
        count: 0,
        last: 0,
        lastPeriod: -Infinity,
      };
      groups.set(id, g);
    }
    g.sum += r.value;
    g.count += 1;
    if (r.period > g.lastPeriod) {
      g.lastPeriod = r.period;
      g.last = r.value;
    }
  }
  const out: TidyRow[] = [];
  for (const g of groups.values()) {
    const value = g.kind === "flow" ? g.sum : g.kind === "rate" ? g.sum / g.count : g.last;
    out.push({ ...g.row, value });
  }
  return out;
}
