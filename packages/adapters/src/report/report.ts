/** A table under a chart: column headers and rows of cells (numbers get thousands separators). */
export interface ReportTable {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

/** One section of a report: a chart with its title, and optionally a caption and a table. */
export interface ReportSection {
  readonly title: string;
  /** The chart, an SVG document as the chart functions return it; inlined into the page as is. */
  readonly svg: string;
  /** What the chart shows and how it was computed, in a sentence or two. */
  readonly caption?: string;
  readonly table?: ReportTable;
  /**
   * File name of the chart's own SVG file, relative to report.html (set by {@link writeReport};
   * when present the page links to it).
   */
  readonly file?: string;
}

/** A report: a title, an optional subtitle (what was run) and its sections in order. */
export interface Report {
  readonly title: string;
  readonly subtitle?: string;
  readonly sections: readonly ReportSection[];
}
