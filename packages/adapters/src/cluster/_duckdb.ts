/**
 * A private in-memory DuckDB database for one call, closed by `close()`.
 *
 * Internal module (hence the leading `_`).
 * @module
 */
import type { DuckDBConnection } from "@duckdb/node-api";

/** An open in-memory database and its one connection. */
export interface Duck {
  readonly connection: DuckDBConnection;
  close(): void;
}

/** Opens an in-memory DuckDB database; `threads` caps its threads (DuckDB's default: all cores). */
export async function openDuck(
  options: { readonly threads?: number; readonly tempDirectory?: string } = {},
): Promise<Duck> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.tempDirectory !== undefined) config.temp_directory = options.tempDirectory;
  // Loaded on first use: DuckDB's native binding is large, and most users of the package never need it.
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", config);
  const connection = await instance.connect();
  return {
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A number from a DuckDB integer value (BIGINT comes back as a bigint). */
export function toNumber(value: unknown): number {
  return typeof value === "bigint" ? Number(value) : (value as number);
}
