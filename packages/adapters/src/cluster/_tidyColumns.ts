/**
 * The columns of a run's rows (core's TidyRow, in its order) with their DuckDB types; a part
 * file adds `run_row`, the row's position in its run.
 *
 * Internal module (hence the leading `_`).
 * @module
 */
export const TIDY_COLUMNS = [
  ["run", "VARCHAR"],
  ["scenario", "VARCHAR"],
  ["replicate", "INTEGER"],
  ["seed", "BIGINT"],
  ["period", "INTEGER"],
  ["year", "DOUBLE"],
  ["metric", "VARCHAR"],
  ["region", "VARCHAR"],
  ["origin", "VARCHAR"],
  ["destination", "VARCHAR"],
  ["citizenship", "VARCHAR"],
  ["value", "DOUBLE"],
] as const;

/** A column of {@link TIDY_COLUMNS}. */
export type TidyColumn = (typeof TIDY_COLUMNS)[number][0];

/** Position of a row in its run, in part files only. */
export const RUN_ROW = "run_row";

/** A SQL identifier in double quotes. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
