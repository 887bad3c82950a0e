import type { Shard } from "./shard";
import { checkShard } from "./shard";

/**
 * The distinct keys, sorted by code unit (not by locale, which differs between machines).
 * Sorting makes the assignment independent of the plan's order.
 */
function sortedDistinct(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The run keys of shard `index` of `count`: the distinct keys sorted by code unit, then dealt
 * round-robin (the key at sorted position p goes to shard p mod count). Every key lands in
 * exactly one shard, shard sizes differ by at most one, and the assignment depends only on the
 * set of keys and the count: not on the plan's order, the machine, the locale or the time.
 *
 * @param keys - The plan's run keys (duplicates count once).
 * @returns The shard's keys, in sorted order.
 * @throws ValidationError when the index or count is out of range.
 * @example
 * assignShard(["c/r0", "a/r0", "b/r0", "a/r1"], 0, 2) // => ["a/r0", "b/r0"]
 * assignShard(["c/r0", "a/r0", "b/r0", "a/r1"], 1, 2) // => ["a/r1", "c/r0"]
 */
export function assignShard(keys: Iterable<string>, index: number, count: number): string[] {
  checkShard({ index, count });
  return sortedDistinct(keys).filter((_, p) => p % count === index);
}

/**
 * The shard of every key for `count` shards (the inverse of {@link assignShard}), to name the
 * shard of a missing run.
 * @example
 * shardOfKeys(["b", "a", "c"], 2).get("c") // => 0 (sorted: a→0, b→1, c→0)
 */
export function shardOfKeys(keys: Iterable<string>, count: number): Map<string, Shard> {
  checkShard({ index: 0, count });
  const out = new Map<string, Shard>();
  sortedDistinct(keys).forEach((key, p) => out.set(key, { index: p % count, count }));
  return out;
}
