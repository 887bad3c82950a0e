import { ValidationError } from "@talentflow/core";

/** One shard of a plan: `index` in `0 .. count - 1` of `count` shards. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The shard that is the whole plan: `0/1`. */
export const WHOLE_PLAN: Shard = Object.freeze({ index: 0, count: 1 });

/**
 * Checks a shard's index and count, naming `path` (e.g. `shard` or an environment variable) in
 * the error.
 * @throws ValidationError when the count is not a whole number ≥ 1 or the index is not in
 *   `0 .. count - 1`.
 */
export function checkShard(shard: Shard, path = "shard"): Shard {
  const issues = [];
  const { index, count } = shard ?? ({} as Shard);
  if (!Number.isSafeInteger(count) || count < 1)
    issues.push({ path: `${path}.count`, message: `must be a whole number ≥ 1, got ${String(count)}` });
  else if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    issues.push({
      path: `${path}.index`,
      message: `must be a whole number from 0 to ${count - 1} (shards are numbered from 0), got ${String(index)}`,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues, "invalid shard");
  return { index, count };
}

/** `i/N`, the way shards are written on command lines and in messages. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * Reads a shard written as `i/N` (shard `i` of `N`, numbered from 0), as the CLI's `--shard`
 * takes it.
 * @throws ValidationError naming `shard` and the text when it is not `i/N` with `0 ≤ i < N`.
 * @example
 * parseShard("2/7") // => { index: 2, count: 7 }
 * parseShard("7/7") // throws: shard.index must be a whole number from 0 to 6 …
 */
export function parseShard(text: string, path = "shard"): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(String(text));
  if (!match) {
    throw new ValidationError(
      [{ path, message: `must be i/N (shard i of N, numbered from 0, e.g. 0/4), got ${JSON.stringify(text)}` }],
      "invalid shard",
    );
  }
  return checkShard({ index: Number(match[1]), count: Number(match[2]) }, path);
}
