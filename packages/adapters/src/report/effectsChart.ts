import { checkRecords } from "./_checkRecords";
import { colourScale, distinct } from "./_palette";
import { renderVegaLite } from "./_render";
import { titleOf, type ChartOptions } from "./chartOptions";

/** One policy arm's effect on one outcome: the estimate and its interval. */
export interface Effect {
  /** The arm (policy) the effect belongs to. */
  readonly arm: string;
  /** The outcome, as the reader should see it, e.g. "Canada, stock in 2036". */
  readonly label: string;
  /** The estimated effect (arm minus baseline). */
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

/** Options of {@link effectsChart}. */
export interface EffectsChartOptions extends ChartOptions {
  /** d3-format of the axis (default ",d": whole people; ".1%" for shares). */
  readonly format?: string;
  /** Title of the value axis (default "Effect (arm − baseline)"). */
  readonly valueTitle?: string;
}

/**
 * Each policy's effect with its interval: one row per outcome label, one dot per arm (side by
 * side within the row) with a bar from `lower` to `upper`, and a line at zero, so an interval
 * that crosses it is plainly not a clear effect. Outcomes keep the order of first appearance.
 *
 * @param effects - One record per arm and outcome.
 * @returns The chart as an SVG document.
 * @throws ValidationError naming the record and field of a bad effect (e.g. lower above upper).
 * @example
 * ```ts
 * const svg = await effectsChart([
 *   { arm: "alliance", label: "Canada", mean: 1_200, lower: 800, upper: 1_600 },
 *   { arm: "alliance", label: "Germany", mean: 900, lower: 500, upper: 1_300 },
 * ]);
 * ```
 */
export async function effectsChart(effects: readonly Effect[], options: EffectsChartOptions = {}): Promise<string> {
  checkRecords("effectsChart", "effects", effects, {
    arm: "string",
    label: "string",
    mean: "number",
    lower: "number",
    upper: "number",
  });
  const format = options.format ?? ",d";
  const labels = distinct(effects.map((e) => e.label));
  const arms = distinct(effects.map((e) => e.arm));
  const band = arms.length > 1 ? 18 : 26;
  const values = effects.map((e) => ({ ...e }));
  const y = {
    field: "label",
    type: "nominal",
    title: null,
    sort: labels,
    axis: { labelLimit: 260, domain: false, ticks: false, labelPadding: 8 },
  } as const;
  const colour = {
    field: "arm",
    type: "nominal",
    title: "Arm",
    scale: colourScale(arms, "none"),
    ...(arms.length === 1 ? { legend: null } : {}),
  } as const;
  const x = {
    type: "quantitative",
    title: options.valueTitle ?? "Effect (arm − baseline)",
    axis: { format, tickCount: 6 },
  } as const;
  const yOffset =
    arms.length > 1 ? { yOffset: { field: "arm", type: "nominal", sort: arms, scale: { paddingOuter: 0.4 } } } : {};
  return renderVegaLite({
    ...titleOf(options),
    width: options.width ?? 520,
    height: { step: band },
    data: { values },
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: "rule", color: "#777", strokeDash: [4, 3] },
        encoding: { x: { field: "zero", ...x } },
      },
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: { y, ...yOffset, x: { field: "lower", ...x }, x2: { field: "upper" }, color: colour },
      },
      {
        mark: { type: "point", filled: true, size: 70, opacity: 1 },
        encoding: { y, ...yOffset, x: { field: "mean", ...x }, color: colour },
      },
    ],
  } as never);
}
