/**
 * Opens the merged dataset of a folder in DuckDB as the view `rows`.
 *
 * Internal module (hence the leading `_`).
 * @module
 */
import { ValidationError } from "@talentflow/core";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { openDuck, type Duck } from "./_duckdb";
import { MANIFEST_FILE } from "./_layout";
import { sqlString } from "./_tidyColumns";
import type { MergedManifest } from "./mergeRuns";

/** Reads manifest.json of a merged folder. */
export async function readMergedManifest(dir: string): Promise<MergedManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new ValidationError(
        [
          {
            path: join(dir, MANIFEST_FILE),
            message: "not found: the folder's runs are not merged yet (talentflow merge DIR, or mergeRuns(dir))",
          },
        ],
        "no merged dataset",
      );
    }
    throw error;
  }
  const manifest = JSON.parse(text) as MergedManifest;
  if (manifest?.format !== "talentflow.merged/1") {
    throw new ValidationError(
      [
        {
          path: join(dir, MANIFEST_FILE),
          message: `is not the manifest of a merged folder (format ${JSON.stringify(manifest?.format)})`,
        },
      ],
      "no merged dataset",
    );
  }
  return manifest;
}

/** A database with the view `rows` over the merged Parquet files, and the manifest. */
export async function openMergedDataset(
  dir: string,
  threads?: number,
): Promise<{ duck: Duck; manifest: MergedManifest }> {
  const manifest = await readMergedManifest(dir);
  const duck = await openDuck(threads !== undefined ? { threads } : {});
  try {
    const files = manifest.files.map((f) => sqlString(join(dir, f.path))).join(", ");
    const hive = manifest.partitionBy ? ", hive_partitioning = true" : "";
    const columns = manifest.columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(", ");
    await duck.connection.run(`CREATE VIEW rows AS SELECT ${columns} FROM read_parquet([${files}]${hive})`);
  } catch (error) {
    duck.close();
    throw error;
  }
  return { duck, manifest };
}
