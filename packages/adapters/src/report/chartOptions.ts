/** Options every chart takes. */
export interface ChartOptions {
  /** Title drawn above the chart (default: none; a report puts the section's title beside it). */
  readonly title?: string;
  /** A line under the title. */
  readonly subtitle?: string;
  /** Width of the plotting area in pixels (default 560). */
  readonly width?: number;
  /** Height of the plotting area in pixels (default depends on the chart). */
  readonly height?: number;
}

/** The title block of a Vega-Lite spec, or nothing. */
export function titleOf(options: ChartOptions): { title?: { text: string; subtitle?: string } } {
  if (options.title === undefined) return {};
  return { title: { text: options.title, ...(options.subtitle !== undefined ? { subtitle: options.subtitle } : {}) } };
}
