/**
 * The tidy tables that results are exported as: plain column data, one array per column.
 * @module
 */

/**
 * The type of a column, as written to every format: `string` (UTF-8 text; never null: a
 * dimension that does not apply is the empty string), `integer` (whole numbers; Parquet INT32
 * when every value fits, else INT64), `double` (64-bit floats written at full precision; may be
 * null where a statistic is undefined) and `boolean`.
 */
export type ColumnType = "string" | "integer" | "double" | "boolean";

/** A column of text. */
export interface StringColumn {
  readonly name: string;
  readonly type: "string";
  readonly values: readonly string[];
}

/** A column of numbers: `integer` or `double`; `null` only in `double` columns. */
export interface NumberColumn {
  readonly name: string;
  readonly type: "integer" | "double";
  readonly values: readonly (number | null)[];
}

/** A column of booleans. */
export interface BooleanColumn {
  readonly name: string;
  readonly type: "boolean";
  readonly values: readonly boolean[];
}

/** One column of a {@link Table}: its name, type and values, one per row. */
export type Column = StringColumn | NumberColumn | BooleanColumn;

/**
 * The names of the tables a result is exported as (see docs/files.md, "Output folder"):
 *
 * - `rows`: tidy rows of runs, one per run, period and series (a run, a replication's runs, a sweep's runs).
 * - `intervals`: mean, sd and t interval per series over replications (replications; sweeps per point).
 * - `effects`: a comparison's paired differences arm − baseline per series, with intervals.
 * - `differences`: the same paired differences replicate by replicate.
 * - `welfare`: a comparison's welfare difference and compensating variation per arm.
 * - `points`: a sweep's design points.
 * - `indices`: sensitivity indices per parameter (Morris or Sobol').
 * - `trace`: every candidate a calibration evaluated, in order.
 * - `fit`: a calibration's fit target by target; `estimate`: its estimate per parameter;
 *   `posterior`: an ABC calibration's weighted posterior sample.
 * - `panel`: agent panels (one row per agent per recorded period), from `writePanel`.
 */
export type TableName =
  | "rows"
  | "intervals"
  | "effects"
  | "differences"
  | "welfare"
  | "points"
  | "indices"
  | "trace"
  | "fit"
  | "estimate"
  | "posterior"
  | "panel";

/** A tidy table: one observation per row, one variable per column; every column has `rows` values. */
export interface Table {
  readonly name: TableName;
  readonly rows: number;
  readonly columns: readonly Column[];
}

/** The tables of one result, by name, in the order they are written. */
export type ResultTables = Partial<Record<TableName, Table>>;

/**
 * The column `name` of a table, or undefined.
 *
 * @example
 * const value = columnOf(tables.rows!, "value")!.values; // one number per row
 */
export function columnOf(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/**
 * The rows of a table as records (column name to value): handy for small tables, costly for
 * large ones.
 *
 * @example
 * tableRecords(tables.indices!) // => [{ method: "morris", parameter: "behavior.beta", muStar: 812.5, ... }, ...]
 */
export function tableRecords(table: Table): Record<string, string | number | boolean | null>[] {
  const out: Record<string, string | number | boolean | null>[] = [];
  for (let i = 0; i < table.rows; i++) {
    const record: Record<string, string | number | boolean | null> = {};
    for (const c of table.columns) record[c.name] = c.values[i];
    out.push(record);
  }
  return out;
}
