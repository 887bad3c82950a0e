import { checkRecords } from "./_checkRecords";
import { colourScale, distinct } from "./_palette";
import { renderVegaLite } from "./_render";
import { titleOf, type ChartOptions } from "./chartOptions";

/** One sensitivity index of one parameter, with its interval where there is one. */
export interface SensitivityIndex {
  /** Parameter path, e.g. "behavior.beta". */
  readonly parameter: string;
  /** Name of the index, e.g. "S1", "ST" (Sobol') or "μ*", "σ" (Morris). */
  readonly index: string;
  readonly value: number;
  readonly lower?: number;
  readonly upper?: number;
}

/** Options of {@link sensitivityChart}. */
export interface SensitivityChartOptions extends ChartOptions {
  /** d3-format of the values (default ".2f"; ",d" for Morris indices in people). */
  readonly format?: string;
  /** Title of the value axis (default "Index"). */
  readonly valueTitle?: string;
}

/**
 * Sensitivity indices with their intervals: one row per parameter, one dot per index (side by
 * side within the row) with a bar over its interval where given. Parameters keep the order of
 * first appearance.
 *
 * @param indices - One record per parameter and index.
 * @returns The chart as an SVG document.
 * @throws ValidationError naming the record and field of a bad index, or an empty input.
 * @example
 * ```ts
 * const svg = await sensitivityChart([
 *   { parameter: "behavior.beta", index: "S1", value: 0.42, lower: 0.3, upper: 0.55 },
 *   { parameter: "behavior.beta", index: "ST", value: 0.51, lower: 0.4, upper: 0.63 },
 * ]);
 * ```
 */
export async function sensitivityChart(
  indices: readonly SensitivityIndex[],
  options: SensitivityChartOptions = {},
): Promise<string> {
  checkRecords("sensitivityChart", "indices", indices, {
    parameter: "string",
    index: "string",
    value: "number",
    lower: "number?",
    upper: "number?",
  });
  const parameters = distinct(indices.map((i) => i.parameter));
  const names = distinct(indices.map((i) => i.index));
  const values = indices.map((i) => ({ ...i }));
  const x = {
    type: "quantitative",
    title: options.valueTitle ?? "Index",
    axis: { format: options.format ?? ".2f", tickCount: 6 },
  } as const;
  const y = {
    field: "parameter",
    type: "nominal",
    title: null,
    sort: parameters,
    axis: { labelLimit: 260, domain: false, ticks: false, labelPadding: 8 },
  } as const;
  const yOffset =
    names.length > 1 ? { yOffset: { field: "index", type: "nominal", sort: names, scale: { paddingOuter: 0.4 } } } : {};
  const colour = {
    field: "index",
    type: "nominal",
    title: "Index",
    sort: names,
    scale: colourScale(names, "none"),
  } as const;
  const withIntervals = values.filter((v) => v.lower !== undefined && v.upper !== undefined);
  return renderVegaLite({
    ...titleOf(options),
    width: options.width ?? 520,
    height: { step: names.length > 1 ? 18 : 26 },
    data: { values },
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: "rule", color: "#777", strokeDash: [4, 3] },
        encoding: { x: { field: "zero", ...x } },
      },
      ...(withIntervals.length > 0
        ? [
            {
              data: { values: withIntervals },
              mark: { type: "rule", strokeWidth: 2 },
              encoding: { y, ...yOffset, x: { field: "lower", ...x }, x2: { field: "upper" }, color: colour },
            },
          ]
        : []),
      {
        mark: { type: "point", filled: true, size: 70, opacity: 1 },
        encoding: { y, ...yOffset, x: { field: "value", ...x }, color: colour },
      },
    ],
  } as never);
}
