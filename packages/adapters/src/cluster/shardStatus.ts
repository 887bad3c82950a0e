import { ValidationError } from "@talentflow/core";
import { completeKeys, readShardManifests, shardCountOf, type ShardManifest } from "./_progressOnDisk";
import { requireStoredPlan } from "./_planFile";
import { assignShard } from "./assignShard";

/** Options of {@link shardStatus}. */
export interface ShardStatusOptions {
  /** Count shards as N of them (default: the count the folder's shards were run with, else 1). */
  readonly shards?: number;
}

/** Progress of one shard. */
export interface ShardProgress {
  readonly index: number;
  readonly count: number;
  /** Runs of the plan assigned to the shard. */
  readonly assigned: number;
  /** Of those, runs complete (part file present). */
  readonly done: number;
  /** Keys of the shard's runs not complete, in sorted order. */
  readonly missing: readonly string[];
  /** The shard's last part manifest (status, host, times, failures), when it has run. */
  readonly manifest?: ShardManifest;
}

/** The result of {@link shardStatus}. */
export interface ShardStatusResult {
  /** Runs of the plan (distinct keys). */
  readonly runs: number;
  /** Runs complete. */
  readonly done: number;
  /** Number of shards counted. */
  readonly count: number;
  readonly shards: readonly ShardProgress[];
}

/**
 * How far the runs of a shard output folder are: per shard, runs assigned, runs complete (part
 * file present) and the keys still missing, with the shard's part manifest (status `running`,
 * `complete`, `failed` or `stopped`, host, start and end). A run is complete when its part file
 * exists, whichever process wrote it.
 *
 * @throws ValidationError when the folder has no plan.json, or `shards` is not a whole number ≥ 1.
 * @example
 * const s = await shardStatus("out/sweep");
 * s.shards.map((x) => `${x.index}/${x.count}: ${x.done}/${x.assigned}`) // => ["0/4: 5/5", "1/4: 2/5", ...]
 */
export async function shardStatus(dir: string, options: ShardStatusOptions = {}): Promise<ShardStatusResult> {
  if (options.shards !== undefined && !(Number.isSafeInteger(options.shards) && options.shards >= 1)) {
    throw new ValidationError(
      [{ path: "shards", message: `must be a whole number ≥ 1, got ${String(options.shards)}` }],
      "cannot report the status",
    );
  }
  const plan = await requireStoredPlan(dir);
  const keys = plan.runs.map((r) => r.key);
  const complete = await completeKeys(dir);
  const manifests = await readShardManifests(dir);
  const count = shardCountOf(manifests, options.shards);
  const shards: ShardProgress[] = [];
  let done = 0;
  for (let index = 0; index < count; index++) {
    const assigned = assignShard(keys, index, count);
    const missing = assigned.filter((k) => !complete.has(k));
    done += assigned.length - missing.length;
    const manifest = manifests.find((m) => m.index === index && m.count === count);
    shards.push({
      index,
      count,
      assigned: assigned.length,
      done: assigned.length - missing.length,
      missing,
      ...(manifest ? { manifest } : {}),
    });
  }
  return { runs: keys.length, done, count, shards };
}
