import { ValidationError } from "@talentflow/core";
import { checkRecords } from "./_checkRecords";
import { colourScale, distinct } from "./_palette";
import { renderVegaLite } from "./_render";
import { titleOf, type ChartOptions } from "./chartOptions";

/** One point of a sweep: the varied value(s) and the outcome there. */
export interface SweepChartPoint {
  /** Value of the first varied parameter. */
  readonly x: number;
  /** Value of the second varied parameter; give it on every point for a heatmap, on none for lines. */
  readonly y?: number;
  /** The outcome at this point (e.g. the mean over replications). */
  readonly value: number;
  /** Interval of the outcome (lines only). */
  readonly lower?: number;
  readonly upper?: number;
  /** Which series the point belongs to (e.g. "Canada"): one line, or one heatmap panel, each. */
  readonly series?: string;
}

/** Options of {@link sweepChart}. */
export interface SweepChartOptions extends ChartOptions {
  /** Name of the first parameter, e.g. "behavior.beta". */
  readonly xTitle: string;
  /** Name of the second parameter (heatmaps). */
  readonly yTitle?: string;
  /** What the value is, e.g. "Stock in 2036 (people)". */
  readonly valueTitle?: string;
  /** d3-format of the values (default ",d": whole people). */
  readonly format?: string;
}

/**
 * A sweep's outcome over its varied parameters. With one parameter (no `y`): the value against
 * `x`, one small panel per series (each with its own value axis), with interval bars where given. With two (`y` on
 * every point): a heatmap per series, each cell labelled with its value; when the points do not form a grid
 * (a Latin hypercube or Sobol' design) the points are drawn as dots coloured by value instead.
 *
 * @param points - The points, in any order.
 * @param options - `xTitle` (and `yTitle` for two parameters) name the axes.
 * @returns The chart as an SVG document.
 * @throws ValidationError naming the record and field of a bad point, or when `y` is given on
 *   some points but not on others.
 * @example
 * ```ts
 * const svg = await sweepChart(
 *   [{ x: 0.5, value: 61_000, series: "Canada" }, { x: 1, value: 63_500, series: "Canada" }],
 *   { xTitle: "behavior.beta", valueTitle: "Stock in 2036" },
 * );
 * ```
 */
export async function sweepChart(points: readonly SweepChartPoint[], options: SweepChartOptions): Promise<string> {
  checkRecords("sweepChart", "points", points, {
    x: "number",
    y: "number?",
    value: "number",
    lower: "number?",
    upper: "number?",
  });
  if (options === null || typeof options !== "object" || typeof options.xTitle !== "string") {
    throw new ValidationError(
      [{ path: "options.xTitle", message: "is missing: name the varied parameter" }],
      "sweepChart: invalid input",
    );
  }
  const withY = points.filter((p) => p.y !== undefined).length;
  if (withY !== 0 && withY !== points.length) {
    const first = points.findIndex((p) => p.y === undefined);
    throw new ValidationError(
      [
        {
          path: `points.${first}.y`,
          message:
            `is missing while ${withY} other points have one: ` + `give y on every point (heatmap) or on none (lines)`,
        },
      ],
      "sweepChart: invalid input",
    );
  }
  const values = points.map((p) => ({ ...p, series: p.series ?? "" }));
  const series = distinct(values.map((v) => v.series));
  const format = options.format ?? ",d";
  const valueTitle = options.valueTitle ?? "Value";
  return withY === 0
    ? lines(values, series, format, valueTitle, options)
    : heatmap(values, series, format, valueTitle, options);
}

type Point = SweepChartPoint & { series: string };

/**
 * Lines: one panel per series, each with its own value axis, because series of very different
 * sizes (a region of 60,000 and one of 380,000) on one axis would all look flat.
 */
function lines(
  values: Point[],
  series: string[],
  format: string,
  valueTitle: string,
  options: SweepChartOptions,
): Promise<string> {
  const facet = series.length > 1 || series[0] !== "";
  const { domain, range } = colourScale(series, "region");
  const x = {
    field: "x",
    type: "quantitative",
    title: options.xTitle,
    scale: { zero: false, nice: false, padding: 14 },
    axis: { format: "~g", tickCount: 5, grid: false },
  } as const;
  const y = {
    field: "value",
    type: "quantitative",
    title: valueTitle,
    scale: { zero: false },
    axis: { format, tickCount: 5 },
  } as const;
  const colour = { color: { field: "series", type: "nominal", scale: { domain, range }, legend: null } } as const;
  const hasIntervals = values.some((v) => v.lower !== undefined && v.upper !== undefined);
  const inner = {
    width: facet ? Math.min(options.width ?? 240, 240) : (options.width ?? 520),
    height: facet ? Math.min(options.height ?? 170, 170) : (options.height ?? 300),
    layer: [
      ...(hasIntervals
        ? [
            {
              transform: [{ filter: "isValid(datum.lower) && isValid(datum.upper)" }],
              mark: { type: "rule", strokeWidth: 1.5, opacity: 0.6 },
              encoding: { x, y: { ...y, field: "lower" }, y2: { field: "upper" }, ...colour },
            },
          ]
        : []),
      { mark: { type: "line", strokeWidth: 2, point: { filled: true, size: 40 } }, encoding: { x, y, ...colour } },
    ],
  };
  const spec = facet
    ? {
        ...titleOf(options),
        data: { values },
        facet: { field: "series", type: "nominal", title: null, sort: series },
        columns: 3,
        spec: inner,
        resolve: { scale: { y: "independent" } },
      }
    : { ...titleOf(options), data: { values }, ...inner };
  return renderVegaLite(spec as never);
}

function heatmap(
  values: Point[],
  series: string[],
  format: string,
  valueTitle: string,
  options: SweepChartOptions,
): Promise<string> {
  const isGrid = series.every((s) => {
    const mine = values.filter((v) => v.series === s);
    const cells = new Set(mine.map((v) => `${v.x}|${v.y}`));
    return (
      cells.size === mine.length &&
      cells.size === new Set(mine.map((v) => v.x)).size * new Set(mine.map((v) => v.y)).size
    );
  });
  const facet = series.length > 1 || series[0] !== "";
  const colour = {
    field: "value",
    type: "quantitative",
    title: valueTitle,
    scale: { scheme: "viridis" },
    legend: { format, gradientLength: 120, direction: "vertical" },
  } as const;
  const yTitle = options.yTitle ?? "second parameter";
  let inner: Record<string, unknown>;
  if (isGrid) {
    const xs = [...new Set(values.map((v) => v.x))].sort((a, b) => a - b);
    const ys = [...new Set(values.map((v) => v.y!))].sort((a, b) => b - a);
    const step = Math.max(34, Math.min(70, Math.floor(360 / xs.length)));
    inner = {
      width: { step },
      height: { step: Math.max(26, Math.min(50, Math.floor(260 / ys.length))) },
      encoding: {
        x: { field: "x", type: "ordinal", title: options.xTitle, sort: xs, axis: { labelAngle: 0, format: "~g" } },
        y: { field: "y", type: "ordinal", title: yTitle, sort: ys, axis: { format: "~g" } },
      },
      layer: [
        { mark: { type: "rect", stroke: "white", strokeWidth: 1 }, encoding: { color: colour } },
        {
          mark: { type: "text", fontSize: step >= 56 ? 11 : 9 },
          encoding: {
            text: { field: "value", type: "quantitative", format },
            // viridis is dark at the low end: white text there, dark text on the bright cells
            color: { condition: { test: "datum.light", value: "#111" }, value: "white" },
          },
        },
      ],
    };
    const bounds = new Map<string, [number, number]>();
    for (const s of series) {
      const vs = values.filter((v) => v.series === s).map((v) => v.value);
      bounds.set(s, [Math.min(...vs), Math.max(...vs)]);
    }
    for (const v of values as (Point & { light?: boolean })[]) {
      const [lo, hi] = bounds.get(v.series)!;
      v.light = hi > lo && (v.value - lo) / (hi - lo) > 0.6;
    }
  } else {
    inner = {
      width: 260,
      height: 220,
      mark: { type: "circle", size: 90, opacity: 0.9 },
      encoding: {
        x: { field: "x", type: "quantitative", title: options.xTitle, scale: { zero: false } },
        y: { field: "y", type: "quantitative", title: yTitle, scale: { zero: false } },
        color: colour,
      },
    };
  }
  const spec = facet
    ? {
        ...titleOf(options),
        data: { values },
        facet: { field: "series", type: "nominal", title: null, sort: series },
        columns: 2,
        spec: inner,
        resolve: { scale: { color: "independent" } },
      }
    : { ...titleOf(options), data: { values }, ...inner };
  return renderVegaLite(spec as never);
}
