/** A value that {@link toCsv} can write into one cell. */
export type CsvValue = string | number | boolean | null | undefined;

/** One record for {@link toCsv}: column name to cell value. */
export type CsvRow = Readonly<Record<string, CsvValue>>;

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Formats records as CSV text (RFC 4180), with a header row.
 *
 * - Columns: `columns` if given (in that order; keys of a row that are not listed are left
 *   out), otherwise every key of every row, in order of first appearance.
 * - A field that contains a double quote, a comma, a CR or an LF is put in double quotes, with
 *   each inner double quote doubled. Other fields are written as they are.
 * - `null`, `undefined` and a missing key give an empty cell; `true` / `false` are written as
 *   such; numbers are written with `String(n)`, the shortest text that reads back as the same
 *   double, so no precision is lost.
 * - A number that is not finite (NaN, Infinity) is an error, never a cell: the error names the
 *   row index and the column.
 * - Lines end with CRLF, as RFC 4180 asks, and the last line ends with one too. R, Stata,
 *   pandas and DuckDB read this as it is.
 *
 * With no columns at all (no `columns` and no keys in any row) the result is the empty string.
 *
 * @param rows - The records, one line each, in order.
 * @param columns - The columns to write, in order; by default all keys of all rows.
 * @returns The CSV text.
 * @throws Error if a number is not finite, or a value is of a type that has no CSV form
 *   (an object, a bigint, ...), naming the row index and the column.
 *
 * @example
 * ```ts
 * toCsv([{ region: "DE", value: 0.1 }, { region: "CA, east", value: null }]);
 * // 'region,value\r\nDE,0.1\r\n"CA, east",\r\n'
 * ```
 */
export function toCsv(rows: readonly CsvRow[], columns?: readonly string[]): string {
  const cols = columns ?? keysOf(rows);
  if (cols.length === 0) return "";

  const lines: string[] = [cols.map(quote).join(",")];
  rows.forEach((row, index) => {
    const cells = cols.map((col) => quote(cell(Object.hasOwn(row, col) ? row[col] : undefined, index, col)));
    lines.push(cells.join(","));
  });
  return lines.join("\r\n") + "\r\n";
}

function keysOf(rows: readonly CsvRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function cell(value: unknown, index: number, col: string): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      if (!Number.isFinite(value)) {
        throw new Error(`toCsv: row ${index}, column ${JSON.stringify(col)}: number is not finite (${value})`);
      }
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "";
    default:
      if (value === null) return "";
      throw new Error(
        `toCsv: row ${index}, column ${JSON.stringify(col)}: cannot write a value of type ${typeof value}`,
      );
  }
}

function quote(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
