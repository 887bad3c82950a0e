import { checkRecords } from "./_checkRecords";
import { LINE_LEGEND, colourScale } from "./_palette";
import { renderVegaLite } from "./_render";
import { titleOf, type ChartOptions } from "./chartOptions";
import { citizenshipName } from "./names";

/** One point of a citizenship's brain-drain rate: the share of its workers working abroad. */
export interface BrainDrainPoint {
  /** Citizenship code, e.g. "IN"; spelled out in the legend. */
  readonly citizenship: string;
  /** Calendar time, fractional years allowed. */
  readonly year: number;
  /** Share (0 to 1) of the citizenship's workers working outside its country. */
  readonly value: number;
  readonly lower?: number;
  readonly upper?: number;
}

/**
 * Brain-drain rates by citizenship over time: one line per citizenship (the share of its AI
 * workers working outside its country, in per cent), with a confidence band where `lower` and
 * `upper` are given, clipped to 0–100% (a t interval from few replications can reach past them).
 *
 * @param rows - Points of every citizenship, in any order.
 * @returns The chart as an SVG document.
 * @throws ValidationError naming the record and field of a bad point, or an empty input.
 * @example
 * ```ts
 * const svg = await brainDrainChart([
 *   { citizenship: "IN", year: 2026, value: 0.31 },
 *   { citizenship: "IN", year: 2027, value: 0.32 },
 * ]);
 * ```
 */
export async function brainDrainChart(rows: readonly BrainDrainPoint[], options: ChartOptions = {}): Promise<string> {
  checkRecords("brainDrainChart", "rows", rows, {
    citizenship: "string",
    year: "number",
    value: "number",
    lower: "number?",
    upper: "number?",
  });
  const values = rows.map((p) => ({ ...p, name: citizenshipName(p.citizenship) }));
  const colour = {
    field: "name",
    type: "nominal",
    title: "Citizenship",
    scale: colourScale(
      values.map((v) => v.name),
      "citizenship",
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
  // A share lies in [0, 1]; a t interval from few replications can reach past either end.
  const withBands = values
    .filter((v) => v.lower !== undefined && v.upper !== undefined)
    .map((v) => ({ ...v, lower: Math.max(0, v.lower!), upper: Math.min(1, v.upper!) }));
  return renderVegaLite({
    ...titleOf(options),
    width: options.width ?? 560,
    height: options.height ?? 300,
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
          y: { field: "value", type: "quantitative", title: "Share working abroad", axis: { format: ".0%" } },
          color: colour,
        },
      },
    ],
  } as never);
}
