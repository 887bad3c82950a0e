/**
 * What every case of the suite shares: the fixed seed and horizon, the summary of timed runs, the
 * clock, garbage collection between runs, and the child processes that cases needing a heap of
 * their own run in.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, "..");

/** Fixed seed of every case. */
export const SEED = 1;
/** Quarterly periods in the timed cases: 10 years, no burn-in. */
export const YEARS = 10;
export const PERIODS = YEARS * 4;

/** Median, minimum and maximum of a case's timed runs. */
export interface Stat {
  median: number;
  min: number;
  max: number;
}

export function stat(values: readonly number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Seconds since `start` (a `process.hrtime.bigint()`). */
export function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Collects garbage between runs when node runs with --expose-gc (the bench script does not). */
export function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Runs `benchmarks/<script>` in a child node (source condition, tsx) and returns the JSON object
 * it prints last on stdout; a child that fails is an error naming the case and its stderr.
 */
export function runChild<T>(script: string, args: readonly (string | number)[], what: string, gc = false): T {
  const child = spawnSync(
    process.execPath,
    [
      ...(gc ? ["--expose-gc"] : []),
      "--conditions=@talentflow/source",
      "--import",
      "tsx",
      join(HERE, script),
      ...args.map(String),
    ],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 22 },
  );
  if (child.status !== 0) throw new Error(`${what} failed (status ${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as T;
}
