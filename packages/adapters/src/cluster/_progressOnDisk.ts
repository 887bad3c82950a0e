/**
 * What a shard output folder holds: complete runs (part files) and the shards' part manifests.
 *
 * Internal module (hence the leading `_`).
 * @module
 */
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { keyOfPartFile, partsPath, shardOfManifestName, shardsPath } from "./_layout";
import type { Shard } from "./shard";

/** A shard's part manifest as written by runShard. */
export interface ShardManifest extends Shard {
  readonly shard: string;
  readonly status: "running" | "complete" | "failed" | "stopped";
  readonly host: string;
  readonly pid: number;
  readonly node: string;
  readonly started: string;
  readonly finished?: string;
  readonly assigned: number;
  readonly skipped: number;
  readonly ran: number;
  readonly failed?: readonly { readonly key: string; readonly message: string }[];
}

/** Keys of the complete runs: part files under their final names. */
export async function completeKeys(dir: string): Promise<Set<string>> {
  let names: string[];
  try {
    names = await readdir(partsPath(dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Set();
    throw error;
  }
  const keys = new Set<string>();
  for (const name of names) {
    const key = keyOfPartFile(name);
    if (key !== undefined) keys.add(key);
  }
  return keys;
}

/** The part manifests of the folder, sorted by count then index. Unreadable ones are skipped. */
export async function readShardManifests(dir: string): Promise<ShardManifest[]> {
  let names: string[];
  try {
    names = await readdir(shardsPath(dir));
  } catch {
    return [];
  }
  const out: ShardManifest[] = [];
  for (const name of names) {
    const shard = shardOfManifestName(name);
    if (!shard) continue;
    try {
      const m = JSON.parse(await readFile(join(shardsPath(dir), name), "utf8")) as ShardManifest;
      out.push({ ...m, index: shard.index, count: shard.count });
    } catch {
      // a manifest is rewritten atomically, so this is a foreign file: not ours to read
    }
  }
  return out.sort((a, b) => a.count - b.count || a.index - b.index);
}

/**
 * The shard count the folder was run with: `requested` if given, else the count of the
 * most recently started shard, else 1.
 */
export function shardCountOf(manifests: readonly ShardManifest[], requested?: number): number {
  if (requested !== undefined) return requested;
  let latest: ShardManifest | undefined;
  for (const m of manifests) if (!latest || m.started > latest.started) latest = m;
  return latest?.count ?? 1;
}
