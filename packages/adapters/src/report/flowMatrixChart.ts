import { ValidationError } from "@talentflow/core";
import { checkRecords } from "./_checkRecords";
import { renderVegaLite } from "./_render";
import { titleOf, type ChartOptions } from "./chartOptions";
import { REGION_NAMES, regionName } from "./names";

/** One cell of the origin × destination matrix: people who moved from origin to destination. */
export interface FlowCell {
  /** Region code the movers left. */
  readonly origin: string;
  /** Region code they moved to. */
  readonly destination: string;
  /** People (a count; e.g. movers summed over the run). */
  readonly value: number;
}

/**
 * Flows between regions as a heatmap: one row per origin, one column per destination, darker for
 * more movers, each cell labelled with its count in whole people. Pairs not given (such as a
 * region to itself) are left blank. Regions are spelled out on both axes.
 *
 * @param cells - One record per origin-destination pair.
 * @returns The chart as an SVG document.
 * @throws ValidationError naming the record and field of a bad cell, a negative count, or an
 *   empty matrix.
 * @example
 * ```ts
 * const svg = await flowMatrixChart([
 *   { origin: "DE", destination: "CA", value: 1_250 },
 *   { origin: "CA", destination: "DE", value: 830 },
 * ]);
 * ```
 */
export async function flowMatrixChart(cells: readonly FlowCell[], options: ChartOptions = {}): Promise<string> {
  checkRecords("flowMatrixChart", "cells", cells, { origin: "string", destination: "string", value: "number" });
  const negative = cells.findIndex((c) => c.value < 0);
  if (negative >= 0) {
    throw new ValidationError(
      [{ path: `cells.${negative}.value`, message: `must be a count >= 0, got ${cells[negative].value}` }],
      "flowMatrixChart: invalid input",
    );
  }
  const order = [...new Set([...Object.keys(REGION_NAMES), ...cells.flatMap((c) => [c.origin, c.destination])])]
    .filter((code) => cells.some((c) => c.origin === code || c.destination === code))
    .map(regionName);
  const max = Math.max(...cells.map((c) => c.value));
  const values = cells.map((c) => ({
    from: regionName(c.origin),
    to: regionName(c.destination),
    value: c.value,
    dark: c.value > max * 0.55,
  }));
  const cell = Math.max(60, Math.min(120, Math.floor((options.width ?? 560) / Math.max(1, order.length))));
  const x = {
    field: "to",
    type: "nominal",
    title: "Destination",
    sort: order,
    scale: { domain: order },
    axis: { orient: "top", labelAngle: 0, domain: false, ticks: false, labelLimit: cell * 2 },
  } as const;
  const y = {
    field: "from",
    type: "nominal",
    title: "Origin",
    sort: order,
    scale: { domain: order },
    axis: { domain: false, ticks: false },
  } as const;
  return renderVegaLite({
    ...titleOf(options),
    width: { step: cell },
    height: { step: Math.round(cell * 0.55) },
    data: { values },
    encoding: { x, y },
    layer: [
      {
        mark: { type: "rect", stroke: "white", strokeWidth: 2 },
        encoding: {
          color: {
            field: "value",
            type: "quantitative",
            title: "People",
            scale: { scheme: "blues", domainMin: 0 },
            legend: { format: ",d", gradientLength: 160 },
          },
        },
      },
      {
        mark: { type: "text", fontSize: 12 },
        encoding: {
          text: { field: "value", type: "quantitative", format: ",d" },
          color: { condition: { test: "datum.dark", value: "white" }, value: "#222" },
        },
      },
    ],
  } as never);
}
