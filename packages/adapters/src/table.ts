/** A cell of a text table. */
export type Cell = string | number;

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** Digits after the point for numbers that are not whole (default 1). */
  digits?: number;
  /** Show a + on positive numbers (for differences). */
  signed?: boolean;
}

/** Formats a number with thousands separators: 12345.6 -> "12,345.6". */
export function formatNumber(value: number, options: TableOptions = {}): string {
  const digits = Number.isInteger(value) ? 0 : (options.digits ?? 1);
  const text = value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return options.signed && value > 0 ? `+${text}` : text;
}

/**
 * A plain-text table for terminals and logs: the first column left-aligned, the others
 * right-aligned, numbers with thousands separators.
 *
 * @example
 * formatTable(["region", "2026", "2036"], [["DE", 90000, 104842]])
 * // region    2026     2036
 * // ------  ------  -------
 * // DE      90,000  104,842
 */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>, options: TableOptions = {}): string {
  const text = rows.map((row) => row.map((cell) => (typeof cell === "number" ? formatNumber(cell, options) : cell)));
  const widths = header.map((h, k) => Math.max(h.length, ...text.map((row) => (row[k] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...text.map(line)].join("\n");
}
