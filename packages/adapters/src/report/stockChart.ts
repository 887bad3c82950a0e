import { checkRecords } from "./_checkRecords";
import { LINE_LEGEND, colourScale } from "./_palette";
import { renderVegaLite } from "./_render";
import { titleOf, type ChartOptions } from "./chartOptions";
import { regionName } from "./names";

/** One point of a region's talent stock: the mean (or the one run's value) and its interval. */
export interface StockPoint {
  /** Region code, e.g. "DE"; spelled out in the legend. */
  readonly region: string;
  /** Calendar time, fractional years allowed (2026.25 is the second quarter of 2026). */
  readonly year: number;
  /** People working in AI in the region. */
  readonly mean: number;
  /** Lower end of the confidence interval (optional; with `upper` it draws a band). */
  readonly lower?: number;
  readonly upper?: number;
}

/**
 * Talent stock per region over time: one line per region, with a shaded confidence band where
 * `lower` and `upper` are given (clipped at zero). Counts are shown as whole people. Renders in Node (Vega-Lite to
 * Vega to SVG), without a browser.
 *
 * @param series - Points of every region, in any order.
 * @returns The chart as an SVG document (a string starting with `<svg`).
 * @throws ValidationError naming the record and field of a bad point (a missing region, a
 *   non-finite number, lower above upper) or an empty series.
 * @example
 * ```ts
 * const svg = await stockChart([
 *   { region: "DE", year: 2026, mean: 90_000, lower: 89_500, upper: 90_500 },
 *   { region: "DE", year: 2027, mean: 92_000, lower: 91_200, upper: 92_800 },
 * ]);
 * await writeFile("stock.svg", svg);
 * ```
 */
export async function stockChart(series: readonly StockPoint[], options: ChartOptions = {}): Promise<string> {
  checkRecords("stockChart", "series", series, {
    region: "string",
    year: "number",
    mean: "number",
    lower: "number?",
    upper: "number?",
  });
  const values = series.map((p) => ({ ...p, name: regionName(p.region) }));
  const colour = {
    field: "name",
    type: "nominal",
    title: "Region",
    scale: colourScale(
      values.map((v) => v.name),
      "region",
    ),
    legend: LINE_LEGEND,
  } as const;
  const x = {
    field: "year",
    type: "quantitative",
    title: "Year",
    scale: { zero: false, nice: false },
    axis: { format: "d", tickMinStep: 1 },
  } as const;
  // A stock is never negative; a t interval from few replications can reach below zero.
  const withBands = values
    .filter((v) => v.lower !== undefined && v.upper !== undefined)
    .map((v) => ({ ...v, lower: Math.max(0, v.lower!) }));
  return renderVegaLite({
    ...titleOf(options),
    width: options.width ?? 560,
    height: options.height ?? 320,
    data: { values },
    layer: [
      ...(withBands.length > 0
        ? [
            {
              data: { values: withBands },
              mark: { type: "area", opacity: 0.22 },
              encoding: { x, y: { field: "lower", type: "quantitative" }, y2: { field: "upper" }, color: colour },
            },
          ]
        : []),
      {
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x,
          y: {
            field: "mean",
            type: "quantitative",
            title: "People working in AI",
            scale: { zero: false },
            axis: { format: ",d" },
          },
          color: colour,
        },
      },
    ],
  } as never);
}
