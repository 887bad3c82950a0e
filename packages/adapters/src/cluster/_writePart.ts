/**
 * Writes the rows of one run as a Parquet part file, atomically: DuckDB copies them to a
 * temporary sibling (the naming of `writeFileAtomic`), which is flushed and renamed into place.
 * The rename is the run's commit point: a part file under its final name is complete.
 *
 * Internal module (hence the leading `_`).
 * @module
 */
import { ValidationError, type RunOutput } from "@talentflow/core";
import { open, rename, unlink } from "node:fs/promises";
import { claimTemporary, releaseTemporary, removeStaleTemporaries, temporaryPath } from "../_temporaryFiles";
import type { Duck } from "./_duckdb";
import { RUN_ROW, TIDY_COLUMNS, sqlIdent, sqlString } from "./_tidyColumns";

const STAGE = "part_stage";

/** Creates the staging table of part rows (once per database). */
export async function createPartStage(duck: Duck): Promise<void> {
  const columns = [...TIDY_COLUMNS.map(([name, type]) => `${sqlIdent(name)} ${type}`), `${sqlIdent(RUN_ROW)} INTEGER`];
  await duck.connection.run(`CREATE OR REPLACE TABLE ${STAGE} (${columns.join(", ")})`);
}

/** Why a row cannot be written, or undefined. */
function rowProblem(row: Record<string, unknown>, key: string): string | undefined {
  for (const [name, type] of TIDY_COLUMNS) {
    const v = row[name];
    if (type === "VARCHAR" ? typeof v !== "string" : typeof v !== "number")
      return (
        `column ${name} must be a ${type === "VARCHAR" ? "string" : "number"}, ` +
        `got ${JSON.stringify(v) ?? String(v)}`
      );
    if ((type === "INTEGER" || type === "BIGINT") && !Number.isSafeInteger(v))
      return `column ${name} must be a whole number, got ${String(v)}`;
  }
  if (row.run !== key) return `column run is ${JSON.stringify(row.run)}, not the run's key`;
  return undefined;
}

/**
 * Writes `output`'s rows to `path` as Parquet (zstd), with `run_row` numbering them.
 * @throws ValidationError naming the run and the row when a row does not have the tidy columns.
 */
export async function writePart(duck: Duck, path: string, key: string, output: RunOutput): Promise<void> {
  const { connection } = duck;
  await connection.run(`DELETE FROM ${STAGE}`);
  const appender = await connection.createAppender(STAGE);
  try {
    output.rows.forEach((row, index) => {
      const problem = rowProblem(row as unknown as Record<string, unknown>, key);
      if (problem)
        throw new ValidationError(
          [{ path: `outputs.${key}.rows.${index}`, message: problem }],
          "cannot write the run's rows",
        );
      appender.appendVarchar(row.run);
      appender.appendVarchar(row.scenario);
      appender.appendInteger(row.replicate);
      appender.appendBigInt(BigInt(row.seed));
      appender.appendInteger(row.period);
      appender.appendDouble(row.year);
      appender.appendVarchar(row.metric);
      appender.appendVarchar(row.region);
      appender.appendVarchar(row.origin);
      appender.appendVarchar(row.destination);
      appender.appendVarchar(row.citizenship);
      appender.appendDouble(row.value);
      appender.appendInteger(index);
      appender.endRow();
    });
  } finally {
    appender.closeSync();
  }

  const tmp = temporaryPath(path);
  claimTemporary(tmp);
  try {
    await connection.run(`COPY ${STAGE} TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
    const handle = await open(tmp, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  } finally {
    releaseTemporary(tmp);
  }
  await removeStaleTemporaries(path);
}
