/** A value that {@link toCsv} can write into one cell. */
export type CsvValue = string | number | boolean | null | undefined;

/** One record for {@link toCsv}: column name to cell value. */
export type CsvRow = Readonly<Record<string, CsvValue>>;

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * First characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as a
 * formula or a command: `=`, `+`, `-`, `@`, a tab and a carriage return (the OWASP list for CSV
 * injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Formats records as CSV text (RFC 4180), with a header row.
 *
 * - Columns: `columns` if given (in that order; keys of a row that are not listed are left
 *   out), otherwise every key of every row, in order of first appearance.
 * - A field that contains a double quote, a comma, a CR or an LF is put in double quotes, with
 *   each inner double quote doubled. Other fields are written as they are.
 * - CSV injection: a string (a cell or a column name) that starts with `=`, `+`, `-`, `@`, a tab
 *   or a carriage return would be run as a formula by a spreadsheet that opens the file. Such a
 *   string gets a single quote in front and is put in double quotes (the OWASP rule), so
 *   `=HYPERLINK("http://x")` is written as `"'=HYPERLINK(""http://x"")"` and shows as text.
 *   Names are not refused: a scenario or a metric may be called `-tax`, and the quote shows
 *   where the text was changed. Only strings are touched: a number is written as a number, so
 *   `-1.5` stays `-1.5`; pass numbers as numbers, not as pre-formatted text (the string
 *   `"-1.5"` becomes `"'-1.5"`). A program that reads the file back sees the quote as part of
 *   the text.
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
 *
 * toCsv([{ metric: "=1+1", value: -1.5 }]);
 * // 'metric,value\r\n"\'=1+1",-1.5\r\n'
 * ```
 */
export function toCsv(rows: readonly CsvRow[], columns?: readonly string[]): string {
  const cols = columns ?? keysOf(rows);
  if (cols.length === 0) return "";

  const lines: string[] = [cols.map(textField).join(",")];
  rows.forEach((row, index) => {
    const cells = cols.map((col) => field(Object.hasOwn(row, col) ? row[col] : undefined, index, col));
    lines.push(cells.join(","));
  });
  return lines.join("\r\n") + "\r\n";
}

function keysOf(rows: readonly CsvRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

function field(value: unknown, index: number, col: string): string {
  switch (typeof value) {
    case "string":
      return textField(value);
    case "number":
      if (!Number.isFinite(value)) {
        throw new Error(`toCsv: row ${index}, column ${JSON.stringify(col)}: number is not finite (${value})`);
      }
      return String(value); // a spreadsheet reads "-1.5" or "1e-7" as a number, not a formula
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

/** A string field: neutralised if a spreadsheet would run it, quoted if it needs quotes. */
function textField(text: string): string {
  return FORMULA_START.test(text) ? `"'${text.replaceAll('"', '""')}"` : quote(text);
}

function quote(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * Parses CSV text (RFC 4180) into records of fields: the reader of what {@link toCsv} writes.
 * Lines may end with CRLF or LF; a quoted field may hold commas, line breaks and doubled quotes.
 * Every field comes back as text (numbers are not converted, and the single quote that
 * {@link toCsv} puts before a formula-like string stays). A final line end adds no record.
 *
 * @param text - The CSV text, header line included.
 * @returns The records in order, the header first.
 * @throws Error if a quoted field is not closed.
 *
 * @example
 * ```ts
 * parseCsv('region,value\r\n"CA, east",0.1\r\n'); // [["region", "value"], ["CA, east", "0.1"]]
 * ```
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */ && field === "") {
      let j = i + 1;
      let value = "";
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error("unterminated quoted field");
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      field = value;
      i = j;
      continue;
    }
    if (ch === 44 /* , */) {
      record.push(field);
      field = "";
      i++;
    } else if (ch === 13 || ch === 10) {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += ch === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 13 || c === 10) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
