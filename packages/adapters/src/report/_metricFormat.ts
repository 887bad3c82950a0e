import { METRICS } from "@talentflow/core";

/** How a metric's values read: counts of people, shares, or other numbers. */
export type MetricKind = "count" | "share" | "other";

/** The kind of a metric, from its description in core's METRICS ("people …", "share of …"). */
export function metricKind(metric: string): MetricKind {
  const text: string = Object.hasOwn(METRICS, metric) ? METRICS[metric as keyof typeof METRICS] : "";
  if (/^share\b/.test(text)) return "share";
  if (/^people\b|\(people\)/.test(text)) return "count";
  return "other";
}

/** d3-format of a metric's values, signed for effects: whole people, per cent, or 3 significant digits. */
export function metricFormat(metric: string, signed = false): string {
  const sign = signed ? "+" : "";
  switch (metricKind(metric)) {
    case "count":
      return `${sign},d`;
    case "share":
      return `${sign}.1%`;
    default:
      return `${sign},.3~g`;
  }
}

/** A number as text for tables, in the metric's format. */
export function formatMetricValue(metric: string, value: number, signed = false): string {
  const kind = metricKind(metric);
  const sign = signed && value > 0 ? "+" : "";
  if (kind === "count") return sign + Math.round(value).toLocaleString("en-US");
  if (kind === "share") return `${sign}${(value * 100).toFixed(2)}%`;
  return sign + Number(value.toPrecision(4)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}
