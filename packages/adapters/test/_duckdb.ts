/** Test helper: reads a written table with DuckDB's Node API, typed as the manifest says. */
import { DuckDBInstance } from "@duckdb/node-api";
import type { ManifestTable } from "../src/index";

const SQL_TYPES = { string: "VARCHAR", integer: "BIGINT", double: "DOUBLE", boolean: "BOOLEAN" } as const;

/** Runs SQL and returns the rows as objects (BIGINT as bigint). */
export async function duckQuery(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjects() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

/** The table's columns read by DuckDB, in file order; CSV read with the manifest's types. */
export async function duckColumns(path: string, entry: ManifestTable): Promise<unknown[][]> {
  const quoted = path.replaceAll("'", "''");
  const source =
    entry.format === "parquet"
      ? `read_parquet('${quoted}')`
      : `read_csv('${quoted}', header = true, columns = ` +
        `{${entry.columns.map((c) => `'${c.name.replaceAll("'", "''")}': '${SQL_TYPES[c.type]}'`).join(", ")}})`;
  const rows = await duckQuery(`SELECT * FROM ${source}`);
  return entry.columns.map((c) =>
    rows.map((r) => {
      const v = r[c.name];
      if (typeof v === "bigint") return Number(v);
      if (v === null && c.type === "string") return ""; // DuckDB reads an empty CSV cell as NULL
      return v;
    }),
  );
}
