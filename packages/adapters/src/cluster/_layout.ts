/**
 * The layout of a shard output folder, shared by runShard, mergeRuns, shardStatus and the
 * readers:
 *
 * ```
 * DIR/plan.json                      the plan's runs (key, seed, replicate, point) and info
 * DIR/parts/<encoded key>.parquet     the rows of one run (its commit point)
 * DIR/shards/shard-<i>-of-<N>.json   a shard's part manifest (host, times, status)
 * DIR/rows.parquet | DIR/rows/…      the merged dataset (mergeRuns)
 * DIR/rows.csv                       the merged dataset as CSV (on request)
 * DIR/manifest.json                  the merged dataset's manifest
 * ```
 *
 * Internal module (hence the leading `_`).
 * @module
 */
import { join } from "node:path";
import type { Shard } from "./shard";

export const PLAN_FILE = "plan.json";
export const PARTS_DIR = "parts";
export const SHARDS_DIR = "shards";
export const MANIFEST_FILE = "manifest.json";
export const ROWS_FILE = "rows.parquet";
export const ROWS_DIR = "rows";
export const CSV_FILE = "rows.csv";
export const PART_SUFFIX = ".parquet";

/**
 * A file name for a run key: letters, digits, `.`, `_` and `-` kept, every other character as
 * `~` and its UTF-8 bytes in hex (`/` → `~2f`). Injective (a `~` in the key is escaped too), so
 * two keys never share a file, and every shard derives the same name for a key.
 */
export function partFileName(key: string): string {
  let name = "";
  for (const ch of key) {
    if (/[A-Za-z0-9._-]/.test(ch)) name += ch;
    else for (const byte of new TextEncoder().encode(ch)) name += `~${byte.toString(16).padStart(2, "0")}`;
  }
  return name + PART_SUFFIX;
}

/** The key of a part file name, or undefined for a file that is not a part. */
export function keyOfPartFile(name: string): string | undefined {
  if (!name.endsWith(PART_SUFFIX) || name.startsWith(".")) return undefined;
  const stem = name.slice(0, -PART_SUFFIX.length);
  if (!/^(?:[A-Za-z0-9._-]|~[0-9a-f]{2})*$/.test(stem)) return undefined;
  const bytes: number[] = [];
  for (let k = 0; k < stem.length; k++) {
    if (stem[k] === "~") {
      bytes.push(parseInt(stem.slice(k + 1, k + 3), 16));
      k += 2;
    } else bytes.push(stem.charCodeAt(k));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** The part manifest file name of a shard; shards of different counts never share one. */
export function shardManifestName(shard: Shard): string {
  const width = Math.max(4, String(shard.count).length);
  return `shard-${String(shard.index).padStart(width, "0")}-of-${String(shard.count).padStart(width, "0")}.json`;
}

/** The shard of a part manifest file name, or undefined. */
export function shardOfManifestName(name: string): Shard | undefined {
  const m = /^shard-(\d+)-of-(\d+)\.json$/.exec(name);
  return m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
}

export const planPath = (dir: string) => join(dir, PLAN_FILE);
export const partsPath = (dir: string) => join(dir, PARTS_DIR);
export const shardsPath = (dir: string) => join(dir, SHARDS_DIR);
