/** Internal: writing tables and the manifest of a folder. @internal */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ValidationError } from "@talentflow/core";
import { writeFileAtomic } from "../atomicWrite";
import { EXTENSIONS, openTableWriter, schemaOf, type ExportFormat } from "./_formats";
import { manifestJson, type Manifest, type ManifestTable } from "./manifest";
import type { ResultTables, Table } from "./tables";

const FORMATS: readonly ExportFormat[] = ["csv", "ndjson", "parquet"];
const BATCH = 65_536;

export function checkFormat(format: unknown, path: string): ExportFormat {
  if (format === undefined) return "csv";
  if (typeof format === "string" && (FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
  throw new ValidationError(
    [{ path, message: `must be "csv", "ndjson" or "parquet", got ${JSON.stringify(format)}` }],
    "export",
  );
}

/**
 * Makes the folder and removes an earlier manifest first: until the new one is written the
 * folder reads as incomplete, never as the old output with some new files in it.
 */
export function prepareFolder(dir: string): void {
  mkdirSync(dir, { recursive: true });
  rmSync(join(dir, "manifest.json"), { force: true });
}

/** Writes one in-memory table in batches under a temporary name; returns its manifest entry. */
export function writeTable(dir: string, table: Table, format: ExportFormat): ManifestTable {
  const file = `${table.name}.${EXTENSIONS[format]}`;
  const schema = table.columns.map(schemaOf);
  const writer = openTableWriter(join(dir, file), format, schema, table.name);
  try {
    for (let at = 0; at < table.rows || (at === 0 && table.rows === 0); at += BATCH) {
      writer.append(table.columns.map((c) => c.values.slice(at, at + BATCH)));
      if (table.rows === 0) break;
    }
    writer.commit();
  } catch (error) {
    writer.abort();
    throw error;
  }
  return {
    name: table.name,
    file,
    format,
    rows: table.rows,
    columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
  };
}

export function writeTables(dir: string, tables: ResultTables, format: ExportFormat): ManifestTable[] {
  return Object.values(tables).map((t) => writeTable(dir, t, format));
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(join(dir, "manifest.json"), manifestJson(manifest));
}
