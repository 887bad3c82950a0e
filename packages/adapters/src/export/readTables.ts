import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ValidationError } from "@talentflow/core";
import { parseCsv } from "../csv";
import { asyncBufferFromFile, parquetRead } from "hyparquet";
import type { Manifest, ManifestTable } from "./manifest";
import type { Column, ResultTables, Table } from "./tables";

/**
 * Reads `manifest.json` of an output folder.
 *
 * @throws ValidationError when the folder has no manifest (it is incomplete: the manifest is
 *   written last) or the manifest is not one of this layout.
 * @example
 * (await readManifest("out/alliance")).scenarios.map((s) => s.arm) // => ["baseline", "alliance"]
 */
export async function readManifest(dir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(dir, "manifest.json"), "utf8");
  } catch {
    throw new ValidationError(
      [
        {
          path: join(dir, "manifest.json"),
          message: "is missing: not an output folder, or its writing did not finish",
        },
      ],
      "readTables",
    );
  }
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== "talentflow-output/1") {
    throw new ValidationError(
      [
        {
          path: join(dir, "manifest.json"),
          message: `format ${JSON.stringify(manifest.format)} is not "talentflow-output/1"`,
        },
      ],
      "readTables",
    );
  }
  return manifest;
}

/**
 * Reads an output folder written by `writeResult` or `writePanel` back into its tables, in any
 * of the formats, with the columns' types from the manifest: the same tables that
 * `resultTables` gave (integers as numbers, missing doubles as null, booleans as booleans).
 *
 * @param options.tables - Read only these tables (default: all; a large `panel` may be better
 *   left to DuckDB or Arrow).
 * @throws ValidationError when the manifest is missing or a file does not match it.
 * @example
 * const tables = await readTables("out/baseline");
 * tables.rows!.rows // => number of rows written
 */
export async function readTables(
  dir: string,
  options: { readonly tables?: readonly string[] } = {},
): Promise<ResultTables> {
  const manifest = await readManifest(dir);
  const out: ResultTables = {};
  for (const entry of manifest.tables) {
    if (options.tables && !options.tables.includes(entry.name)) continue;
    const path = join(dir, entry.file);
    const raw =
      entry.format === "parquet"
        ? await readParquet(path, entry)
        : entry.format === "ndjson"
          ? await readNdjson(path, entry)
          : await readCsv(path, entry);
    const table: Table = {
      name: entry.name,
      rows: raw[0]?.length ?? entry.rows,
      columns: entry.columns.map((c, k) => ({ name: c.name, type: c.type, values: raw[k] }) as Column),
    };
    if (table.rows !== entry.rows) mismatch(path, `has ${table.rows} rows, the manifest says ${entry.rows}`);
    out[entry.name] = table;
  }
  return out;
}

function mismatch(path: string, message: string): never {
  throw new ValidationError([{ path, message }], "readTables");
}

type Raw = unknown[][];

async function readCsv(path: string, entry: ManifestTable): Promise<Raw> {
  const records = parseCsv(await readFile(path, "utf8"));
  const header = records.shift() ?? [];
  if (header.join(",") !== entry.columns.map((c) => c.name).join(","))
    mismatch(path, `header ${JSON.stringify(header)} does not match the manifest`);
  return entry.columns.map((c, k) =>
    records.map((rec, i) => {
      const cell = rec[k] ?? "";
      if (c.type === "string") return cell;
      if (c.type === "boolean") return cell === "true";
      if (cell === "") return null;
      const n = Number(cell);
      if (Number.isNaN(n)) mismatch(path, `row ${i + 1}, column "${c.name}": ${JSON.stringify(cell)} is not a number`);
      return n;
    }),
  );
}

async function readNdjson(path: string, entry: ManifestTable): Promise<Raw> {
  const text = await readFile(path, "utf8");
  const cols: unknown[][] = entry.columns.map(() => []);
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const rec = JSON.parse(line) as Record<string, unknown>;
    entry.columns.forEach((c, k) => cols[k].push(rec[c.name] ?? null));
  }
  return cols;
}

async function readParquet(path: string, entry: ManifestTable): Promise<Raw> {
  const file = await asyncBufferFromFile(path);
  const cols: unknown[][] = entry.columns.map(() => []);
  const index = new Map(entry.columns.map((c, k) => [c.name, k]));
  const chunks: { k: number; rowStart: number; data: ArrayLike<unknown> }[] = [];
  await parquetRead({
    file,
    onChunk: (chunk) => {
      const k = index.get(chunk.columnName);
      if (k !== undefined) chunks.push({ k, rowStart: chunk.rowStart, data: chunk.columnData });
    },
  });
  chunks.sort((a, b) => a.rowStart - b.rowStart);
  for (const { k, data } of chunks) {
    const target = cols[k];
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      target.push(typeof v === "bigint" ? Number(v) : v === undefined ? null : v);
    }
  }
  return cols;
}
