/**
 * The sections of a report, built from chart inputs (see `_reportInputs`): the one place that
 * decides what a report of each kind of result shows, for `reportFromResult` and
 * `reportFromTables` alike.
 * @internal
 * @module
 */
import { ValidationError } from "@talentflow/core";
import { formatMetricValue, metricFormat, metricKind } from "./_metricFormat";
import type {
  CompareInput,
  ReplicateInput,
  ReportInput,
  RunInput,
  SensitivityInput,
  SeriesValue,
  SweepInput,
} from "./_reportInputs";
import { brainDrainChart } from "./brainDrainChart";
import { effectsChart, type Effect } from "./effectsChart";
import { flowMatrixChart, type FlowCell } from "./flowMatrixChart";
import { citizenshipName, regionName } from "./names";
import type { Report, ReportSection } from "./report";
import { sensitivityChart, type SensitivityIndex } from "./sensitivityChart";
import { stockChart, type StockPoint } from "./stockChart";
import { sweepChart, type SweepChartPoint } from "./sweepChart";

/** Options shared by `reportFromResult` and `reportFromTables`. */
export interface ReportOptions {
  /** The report's title (default: from the result, e.g. "alliance2026: 10 replications"). */
  readonly title?: string;
  /** A line under the title (default: the seed and size of the experiment). */
  readonly subtitle?: string;
  /** Sweeps: the metric to chart at the horizon (default "stock"). */
  readonly metric?: string;
}

const KNOWN_OPTIONS = ["title", "subtitle", "metric"];

/** Refuses an unknown option, naming it. */
export function checkReportOptions(options: ReportOptions, context: string): void {
  for (const key of Object.keys(options ?? {})) {
    if (!KNOWN_OPTIONS.includes(key))
      throw new ValidationError(
        [{ path: `options.${key}`, message: `unknown option; known: ${KNOWN_OPTIONS.join(", ")}` }],
        `${context}: invalid options`,
      );
  }
}

/** The report of chart inputs: its title, subtitle and sections; an error when there is nothing to draw. */
export async function reportOfInput(input: ReportInput, options: ReportOptions, context: string): Promise<Report> {
  const built = await build(input, options);
  if (built.sections.length === 0) {
    throw new ValidationError(
      [
        {
          path: "result",
          message:
            "holds none of the metrics a report draws (stock, flow, brainDrain, " +
            "or the swept metric); run without `metrics`, or include them",
        },
      ],
      `${context}: nothing to report`,
    );
  }
  return {
    title: options.title ?? built.title,
    subtitle: options.subtitle ?? built.subtitle,
    sections: built.sections,
  };
}

function build(
  input: ReportInput,
  options: ReportOptions,
): Promise<{ title: string; subtitle: string; sections: ReportSection[] }> {
  switch (input.kind) {
    case "run":
      return runReport(input);
    case "replicate":
      return replicateReport(input);
    case "compare":
      return compareReport(input);
    case "sweep":
      return sweepReport(input, options.metric ?? "stock");
    case "sensitivity":
      return sensitivityReport(input);
  }
}

/** The series of tidy rows, each row's value as the mean. */
export function fromRows(
  rows: readonly (Omit<SeriesValue, "mean" | "lower" | "upper"> & { readonly value: number })[],
): SeriesValue[] {
  return rows.map((r) => ({
    metric: r.metric,
    region: r.region,
    origin: r.origin,
    destination: r.destination,
    citizenship: r.citizenship,
    period: r.period,
    year: r.year,
    mean: r.value,
  }));
}

/** Years per reported period, from the distinct years of the series (1 when there is one period). */
function periodLength(values: readonly { readonly year: number }[]): number {
  const years = [...new Set(values.map((v) => v.year))].sort((a, b) => a - b);
  return years.length > 1 ? years[1] - years[0] : 1;
}

/** "2026–2030": the calendar years the periods cover. */
function span(values: readonly { readonly year: number }[]): string {
  const years = values.map((v) => v.year);
  const first = Math.min(...years);
  const end = Math.max(...years) + periodLength(values);
  return `${Math.floor(first)}–${Math.ceil(end - 1e-9) - 1}`;
}

async function trajectorySections(values: readonly SeriesValue[], band: string): Promise<ReportSection[]> {
  const sections: ReportSection[] = [];
  const stock = values.filter((v) => v.metric === "stock" && v.region !== "");
  if (stock.length > 0) {
    const points: StockPoint[] = stock.map((v) => ({ region: v.region, year: v.year, mean: v.mean, ...band3(v) }));
    const last = Math.max(...stock.map((v) => v.period));
    const first = Math.min(...stock.map((v) => v.period));
    const rows = distinctOf(stock.map((v) => v.region)).map((region) => {
      const at = (p: number) => stock.find((v) => v.region === region && v.period === p)!;
      const end = at(last);
      return [
        regionName(region),
        Math.round(at(first).mean),
        Math.round(end.mean),
        signed(Math.round(end.mean - at(first).mean)),
        ...(end.lower !== undefined
          ? [`${Math.round(end.lower).toLocaleString("en-US")} – ${Math.round(end.upper!).toLocaleString("en-US")}`]
          : []),
      ];
    });
    sections.push({
      title: "Talent stock by region",
      svg: await stockChart(points),
      caption: `People working in AI in each region, at the end of each period, ${span(stock)}${band}.`,
      table: {
        columns: [
          "Region",
          "First period",
          "Last period",
          "Change",
          ...(stock[0].lower !== undefined ? ["95% interval, last period"] : []),
        ],
        rows,
      },
    });
  }
  const flows = values.filter((v) => v.metric === "flow");
  if (flows.length > 0) {
    const total = new Map<string, FlowCell>();
    for (const v of flows) {
      const key = `${v.origin}->${v.destination}`;
      const cell = total.get(key) ?? { origin: v.origin, destination: v.destination, value: 0 };
      total.set(key, { ...cell, value: cell.value + v.mean });
    }
    const cells = [...total.values()];
    sections.push({
      title: "Flows between regions",
      svg: await flowMatrixChart(cells),
      caption:
        `People who moved from the region of each row to the region of each column, ` +
        `summed over ${span(flows)}${band ? " (mean over the replications)" : ""}.`,
    });
  }
  const drain = values.filter((v) => v.metric === "brainDrain" && v.citizenship !== "");
  if (drain.length > 0) {
    sections.push({
      title: "Brain drain by citizenship",
      svg: await brainDrainChart(
        drain.map((v) => ({ citizenship: v.citizenship, year: v.year, value: v.mean, ...band3(v) })),
      ),
      caption: `Share of each citizenship's AI workers who work outside its country, ${span(drain)}${band}.`,
    });
  }
  return sections;
}

function band3(v: SeriesValue): { lower?: number; upper?: number } {
  return v.lower !== undefined && v.upper !== undefined ? { lower: v.lower, upper: v.upper } : {};
}

function distinctOf(xs: Iterable<string>): string[] {
  return [...new Set(xs)];
}

function signed(n: number): string {
  return (n > 0 ? "+" : "") + n.toLocaleString("en-US");
}

async function runReport(run: RunInput) {
  const sections = await trajectorySections(run.values, "");
  return {
    title: `${run.scenario}: one run`,
    subtitle:
      `Seed ${run.seed}, replicate ${run.replicate}, ${run.startYear}–${run.endYear}; ` +
      `one agent stands for ${formatScale(run.scale)} people.`,
    sections,
  };
}

function formatScale(scale: number): string {
  return Number(scale.toPrecision(3)).toLocaleString("en-US");
}

async function replicateReport(rep: ReplicateInput) {
  const values = rep.values;
  const level = Math.round(rep.confidence * 100);
  const sections = await trajectorySections(
    values,
    `; lines are means over ${rep.replications} replications, bands their ${level}% confidence intervals`,
  );
  return {
    title: `${rep.scenario}: ${rep.replications} replications`,
    subtitle: `Master seed ${String(rep.seed)}; ${level}% Student t intervals for the mean over replications.`,
    sections,
  };
}

async function compareReport(cmp: CompareInput) {
  const sections: ReportSection[] = [];
  const level = Math.round(cmp.confidence * 100);
  const lastPeriod = (metric: string) =>
    Math.max(...cmp.differences.filter((d) => d.metric === metric).map((d) => d.period));
  const effectSection = async (
    metric: string,
    title: string,
    dimension: "region" | "citizenship",
    name: (code: string) => string,
    valueTitle: string,
  ) => {
    const ds = cmp.differences.filter((d) => d.metric === metric && d[dimension] !== "");
    if (ds.length === 0) return;
    const last = lastPeriod(metric);
    const at = ds.filter((d) => d.period === last);
    const measured = at.some((d) => d.varianceReduction !== null);
    const effects: Effect[] = at.map((d) => ({
      arm: d.arm,
      label: name(d[dimension]),
      mean: d.mean,
      lower: d.ciLow,
      upper: d.ciHigh,
    }));
    const horizon = horizonOf(at[0].year, periodLength(ds.map((d) => ({ ...d }))));
    sections.push({
      title: `${title} at the horizon`,
      svg: await effectsChart(effects, { format: metricFormat(metric), valueTitle }),
      caption:
        `Each arm minus the baseline ${horizon}: the mean paired difference over ${cmp.replications} replications ` +
        `under common random numbers, with its ${level}% interval. An interval that crosses the dashed line at ` +
        `zero is no clear effect.`,
      table: {
        columns: [
          "Arm",
          dimension === "region" ? "Region" : "Citizenship",
          "Baseline",
          "Arm",
          "Effect",
          `${level}% interval`,
          ...(measured ? ["Variance reduction"] : []),
        ],
        rows: at.map((d) => [
          d.arm,
          name(d[dimension]),
          formatMetricValue(metric, d.baselineMean),
          formatMetricValue(metric, d.armMean),
          formatMetricValue(metric, d.mean, true),
          `${formatMetricValue(metric, d.ciLow, true)} to ${formatMetricValue(metric, d.ciHigh, true)}`,
          ...(measured ? [d.varianceReduction === null ? "–" : `${d.varianceReduction.toFixed(1)}×`] : []),
        ]),
      },
    });
  };
  await effectSection("stock", "Effect on the talent stock", "region", regionName, "Change in people working in AI");
  await effectSection(
    "brainDrain",
    "Effect on brain drain",
    "citizenship",
    citizenshipName,
    "Change in share working abroad (percentage points)",
  );
  if (cmp.welfare.length > 0) {
    const effects: Effect[] = cmp.welfare.map((w) => ({
      arm: w.arm,
      label: "Compensating variation",
      mean: w.compensatingVariation.estimate,
      lower: w.compensatingVariation.ciLow,
      upper: w.compensatingVariation.ciHigh,
    }));
    sections.push({
      title: "Effect on welfare",
      svg: await effectsChart(effects, { format: ".1%", valueTitle: "Worth as a share of every worker's income" }),
      caption:
        `The change in income, as a share, that is worth as much to the average worker as the arm ` +
        `(compensating variation of the mean welfare over the run), with its ${level}% interval.`,
      table: {
        columns: ["Arm", "Welfare change (logit units)", "Compensating variation", `${level}% interval`],
        rows: cmp.welfare.map((w) => [
          w.arm,
          w.dW.mean.toPrecision(3),
          pct(w.compensatingVariation.estimate),
          `${pct(w.compensatingVariation.ciLow)} to ${pct(w.compensatingVariation.ciHigh)}`,
        ]),
      },
    });
  }
  return {
    title: `Comparison: ${cmp.arms.join(", ")} against the baseline`,
    subtitle:
      `${cmp.replications} paired replications, master ` +
      `seed ${String(cmp.seed)}, ${cmp.runs} runs; ${level}% Student t intervals.`,
    sections,
  };
}

/** One row per point, one column per series (a region, a citizenship). */
function sweepTable(
  sw: SweepInput,
  cells: readonly { point: number; series: string; sum: number; n: number }[],
  metric: string,
): ReportSection["table"] {
  const series = [...new Set(cells.map((c) => c.series))];
  const rows = sw.points.map((p) => [
    ...sw.parameters.map((q) => String(Number(p.values[q].toPrecision(6)))),
    ...series.map((s) => {
      const c = cells.find((x) => x.point === p.index && x.series === s);
      return c ? formatMetricValue(metric, c.sum / c.n) : "–";
    }),
  ]);
  return { columns: [...sw.parameters, ...series.map((s) => s || metric)], rows };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pct(x: number): string {
  return `${x > 0 ? "+" : ""}${(x * 100).toFixed(2)}%`;
}

/** "at the end of 2035" when the last period ends on a year's boundary, else "in period starting 2030.5". */
function horizonOf(lastYear: number, step: number): string {
  const end = lastYear + step;
  return Math.abs(end - Math.round(end)) < 1e-9
    ? `at the end of ${Math.round(end) - 1}`
    : `in the period starting ${Number(lastYear.toFixed(2))}`;
}

async function sweepReport(sw: SweepInput, metric: string) {
  const [px, py] = sw.parameters;
  const stats = sw.statistics.filter((s) => s.metric === metric);
  const rows = sw.rows.filter((r) => r.metric === metric);
  const sections: ReportSection[] = [];
  const dimension = (v: { region: string; citizenship: string; origin: string; destination: string }) =>
    v.region
      ? regionName(v.region)
      : v.citizenship
        ? citizenshipName(v.citizenship)
        : v.origin
          ? `${regionName(v.origin)} → ${regionName(v.destination)}`
          : "";
  if (rows.length > 0) {
    const last = Math.max(...rows.map((r) => r.period));
    // Per point and series: the mean over replications (and its interval when there are 2 or more).
    const cells = new Map<
      string,
      { point: number; series: string; sum: number; n: number; lower?: number; upper?: number }
    >();
    for (const r of rows) {
      if (r.period !== last) continue;
      const point = sw.points.findIndex(
        (p) =>
          p.values[px] === r[px] &&
          (py === undefined || p.values[py] === r[py]) &&
          sw.parameters.every((q) => p.values[q] === r[q]),
      );
      const series = dimension(r);
      const key = `${point}|${series}`;
      const c = cells.get(key) ?? { point, series, sum: 0, n: 0 };
      c.sum += r.value;
      c.n += 1;
      cells.set(key, c);
    }
    for (const s of stats) {
      if (s.period !== last) continue;
      const c = cells.get(`${s.point}|${dimension(s)}`);
      if (c) Object.assign(c, { lower: s.ciLow, upper: s.ciHigh });
    }
    const many = sw.parameters.length > 2;
    // With three or more parameters, average over all but the first two (one cell per pair).
    const byCell = new Map<
      string,
      { x: number; y?: number; series: string; sum: number; n: number; lower?: number; upper?: number }
    >();
    for (const c of cells.values()) {
      const p = sw.points[c.point];
      const x = p.values[px];
      const y = py !== undefined ? p.values[py] : undefined;
      const key = `${x}|${y}|${c.series}`;
      const agg = byCell.get(key) ?? {
        x,
        ...(y !== undefined ? { y } : {}),
        series: c.series,
        sum: 0,
        n: 0,
        ...(many ? {} : band3({ lower: c.lower, upper: c.upper } as SeriesValue)),
      };
      agg.sum += c.sum / c.n;
      agg.n += 1;
      byCell.set(key, agg);
    }
    const points: SweepChartPoint[] = [...byCell.values()].map(({ sum, n, ...rest }) => ({ ...rest, value: sum / n }));
    const horizon = horizonOf(rows.find((r) => r.period === last)!.year, periodLength(fromRows(rows)));
    const format = metricFormat(metric);
    const reps = sw.runs / sw.points.length;
    sections.push({
      title: `${capitalise(metric)} ${horizon}, over ${sw.parameters.slice(0, 2).join(" and ")}`,
      svg: await sweepChart(points, {
        xTitle: px,
        ...(py !== undefined ? { yTitle: py } : {}),
        valueTitle: metricKind(metric) === "count" ? `${capitalise(metric)} (people)` : capitalise(metric),
        format,
      }),
      caption:
        `The metric ${metric} ${horizon} at each of the ${sw.points.length} points of the ${sw.design} design` +
        (reps > 1 ? `, mean over ${reps} replications per point${py === undefined ? " with 95% intervals" : ""}` : "") +
        (many ? `; ${sw.parameters.slice(2).join(", ")} also varied: each cell averages over them` : "") +
        ".",
      table: sweepTable(sw, [...cells.values()], metric),
    });
  }
  return {
    title: `Sweep over ${sw.parameters.join(", ")}`,
    subtitle: `${sw.design} design, ${sw.points.length} points, ${sw.runs} runs; outcome: ${metric}.`,
    sections,
  };
}

async function sensitivityReport(sens: SensitivityInput) {
  const m = sens.metric;
  const outcome = [
    m.metric,
    ...(["region", "origin", "destination", "citizenship"] as const).filter((d) => m[d]).map((d) => `${d} ${m[d]}`),
    m.period !== undefined ? `period ${m.period}` : `${m.aggregate ?? "last"} over periods`,
  ].join(", ");
  let indices: SensitivityIndex[];
  let table: ReportSection["table"];
  let valueTitle: string;
  let format: string;
  let caption: string;
  if (sens.method === "sobol") {
    indices = sens.parameters.flatMap((p) => [
      { parameter: p.path, index: "S1 (first order)", value: p.s1, lower: p.s1Low, upper: p.s1High },
      { parameter: p.path, index: "ST (total)", value: p.st, lower: p.stLow, upper: p.stHigh },
    ]);
    valueTitle = "Share of the outcome's variance";
    format = ".2f";
    caption =
      "Sobol' indices: S1 is the share of the outcome's variance a parameter explains " +
      "alone, ST the share with all its interactions; bars are bootstrap intervals.";
    table = {
      columns: ["Parameter", "Range", "S1", "S1 interval", "ST", "ST interval"],
      rows: sens.parameters.map((p) => [
        p.path,
        `${p.min} – ${p.max}`,
        p.s1.toFixed(3),
        `${p.s1Low.toFixed(3)} – ${p.s1High.toFixed(3)}`,
        p.st.toFixed(3),
        `${p.stLow.toFixed(3)} – ${p.stHigh.toFixed(3)}`,
      ]),
    };
  } else {
    indices = sens.parameters.flatMap((p) => [
      { parameter: p.path, index: "μ* (importance)", value: p.muStar },
      { parameter: p.path, index: "σ (non-linearity)", value: p.sigma },
    ]);
    valueTitle = `Change in ${m.metric} over the parameter's range`;
    format = metricFormat(m.metric);
    caption =
      "Morris elementary effects: μ* is the mean absolute change in the outcome when the parameter moves over its " +
      "range (its importance), σ their spread (non-linearity or interactions). A screening: no intervals.";
    table = {
      columns: ["Parameter", "Range", "μ", "μ*", "σ"],
      rows: sens.parameters.map((p) => [
        p.path,
        `${p.min} – ${p.max}`,
        formatMetricValue(m.metric, p.mu, true),
        formatMetricValue(m.metric, p.muStar),
        formatMetricValue(m.metric, p.sigma),
      ]),
    };
  }
  return {
    title: `Sensitivity of ${m.metric} (${sens.method === "sobol" ? "Sobol' indices" : "Morris screening"})`,
    subtitle: `Outcome: ${outcome}; ${sens.points} design points, ${sens.runs} runs.`,
    sections: [
      { title: "Sensitivity indices", svg: await sensitivityChart(indices, { valueTitle, format }), caption, table },
    ],
  };
}
