/** A cell of a text table. */
export type Cell = string | number;

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** Digits after the point for numbers that are not whole (default 1). */
  digits?: number;
  /** Show a + on positive numbers (for differences). */
  signed?: boolean;
}

/**
 * One formatter per number of digits: `toLocaleString` with options builds a new formatter on
 * every call, which made a 200,000-row table take seconds.
 */
const formatters = new Map<number, Intl.NumberFormat>();

function formatterFor(digits: number): Intl.NumberFormat {
  let formatter = formatters.get(digits);
  if (!formatter) {
    formatter = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formatters.set(digits, formatter);
  }
  return formatter;
}

/** Formats a number with thousands separators: 12345.6 -> "12,345.6". */
export function formatNumber(value: number, options: TableOptions = {}): string {
  const digits = Number.isInteger(value) ? 0 : (options.digits ?? 1);
  const text = formatterFor(digits).format(value);
  return options.signed && value > 0 ? `+${text}` : text;
}

/**
 * A plain-text table for terminals and logs: the first column left-aligned, the others
 * right-aligned, numbers with thousands separators. Columns past the header's are left out;
 * any number of rows works (it was tested with 200,000).
 *
 * @example
 * formatTable(["region", "2026", "2036"], [["DE", 90000, 104842]])
 * // region    2026     2036
 * // ------  ------  -------
 * // DE      90,000  104,842
 */
export function formatTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
  options: TableOptions = {},
): string {
  const text = rows.map((row) => row.map((cell) => (typeof cell === "number" ? formatNumber(cell, options) : cell)));
  // A loop, not Math.max(...lengths): spreading one argument per row overflows the call stack
  // (RangeError) somewhere past 100,000 rows.
  const widths = header.map((h) => h.length);
  for (const row of text) {
    for (let k = 0; k < widths.length; k++) widths[k] = Math.max(widths[k], (row[k] ?? "").length);
  }
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k])))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...text.map(line)].join("\n");
}
