import { ValidationError } from "@talentflow/core";
import { openMergedDataset } from "./_mergedDataset";

/** The result of {@link queryDataset}. */
export interface QueryResult {
  readonly columns: readonly string[];
  /**
   * The rows as objects. Whole numbers that DuckDB returns as 64-bit integers (`count(*)`,
   * `seed`) are numbers when they fit a double exactly, else bigints; other values as DuckDB's
   * JavaScript conversion gives them.
   */
  readonly rows: readonly Record<string, unknown>[];
}

/**
 * Runs SQL on a merged folder with DuckDB: the dataset is the view `rows` (the tidy columns and
 * one per varied parameter) over its Parquet files, which DuckDB scans without loading them into
 * memory, so a 140,000-run sweep is summarised in seconds.
 *
 * @param dir - A folder merged by {@link mergeRuns}.
 * @param sql - Any DuckDB query; `rows` names the dataset.
 * @throws ValidationError when the folder is not merged, or naming DuckDB's message when the SQL fails.
 * @example
 * const q = await queryDataset("out/sweep", `SELECT "behavior.beta", avg(value) AS stock
 *   FROM rows WHERE metric = 'stock' AND region = 'DE' AND period = 7 GROUP BY 1 ORDER BY 1`);
 * q.rows // => [{ "behavior.beta": 0.5, stock: 91234.5 }, …]
 */
export async function queryDataset(dir: string, sql: string): Promise<QueryResult> {
  if (typeof sql !== "string" || sql.trim() === "")
    throw new ValidationError([{ path: "sql", message: "is empty: give a query over the view rows" }], "cannot query");
  const { duck } = await openMergedDataset(dir);
  try {
    let reader: Awaited<ReturnType<typeof duck.connection.runAndReadAll>>;
    try {
      reader = await duck.connection.runAndReadAll(sql);
    } catch (error) {
      throw new ValidationError([{ path: "sql", message: (error as Error).message }], "the query failed");
    }
    const columns = reader.columnNames();
    const rows = reader.getRowObjectsJS().map((row) => {
      const out: Record<string, unknown> = {};
      for (const c of columns) {
        const v = row[c];
        out[c] =
          typeof v === "bigint" && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)
            ? Number(v)
            : v;
      }
      return out;
    });
    return { columns, rows };
  } finally {
    duck.close();
  }
}
