import {
  ValidationError,
  executeRunSpec,
  type ExperimentPlan,
  type ProgressCallback,
  type RunOutput,
  type RunSpec,
} from "@talentflow/core";
import { mkdir, readdir } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../atomicWrite";
import { openDuck } from "./_duckdb";
import { partFileName, partsPath, shardManifestName, shardsPath } from "./_layout";
import { ensurePlanFile, storedPlan } from "./_planFile";
import { createPartStage, writePart } from "./_writePart";
import { assignShard } from "./assignShard";
import { WHOLE_PLAN, checkShard, formatShard, type Shard } from "./shard";

/** Options of {@link runShard}. */
export interface RunShardOptions {
  /** The output folder, shared by all shards (created if missing). */
  readonly out: string;
  /** The shard to run (default `0/1`, the whole plan). */
  readonly shard?: Shard;
  /**
   * JSON-able description of the plan saved in `plan.json` (e.g. its kind and file name). Every
   * shard must pass the same value: the folder refuses a different one.
   */
  readonly planInfo?: unknown;
  /** Runs one spec (default core's `executeRunSpec`); may return a promise, e.g. from a worker pool. */
  readonly execute?: (spec: RunSpec) => RunOutput | Promise<RunOutput>;
  /** Runs in flight at once (default 1); more helps only with an asynchronous `execute`. */
  readonly concurrency?: number;
  /** Called after each run of this shard (default the plan's `onProgress`). */
  readonly onProgress?: ProgressCallback;
  /** Stops starting new runs once aborted; runs in flight finish and are kept. */
  readonly signal?: AbortSignal;
}

/** A run of a shard that threw. */
export interface FailedRun {
  readonly key: string;
  readonly message: string;
}

/** What {@link runShard} did. */
export interface RunShardResult {
  readonly shard: Shard;
  /** Runs of the plan (distinct keys). */
  readonly planRuns: number;
  /** Runs assigned to this shard. */
  readonly assigned: number;
  /** Assigned runs already complete (their part file existed), skipped. */
  readonly skipped: number;
  /** Runs done by this call. */
  readonly ran: number;
  /** Runs that threw (their parts are not written; a rerun tries them again). */
  readonly failed: readonly FailedRun[];
  /** True when the signal stopped the shard before all its runs were done. */
  readonly aborted: boolean;
}

/** Thrown by {@link runShard} when runs failed, after the others finished and were kept. */
export class ShardRunsFailedError extends Error {
  readonly result: RunShardResult;
  constructor(result: RunShardResult) {
    super(
      `shard ${formatShard(result.shard)}: ${result.failed.length} run(s) ` +
        `failed (the other ${result.ran} were kept; rerun the shard to retry):\n` +
        result.failed.map((f) => `  - ${f.key}: ${f.message}`).join("\n"),
    );
    this.name = "ShardRunsFailedError";
    this.result = result;
  }
}

/**
 * Runs the runs of one shard of a plan and writes each run's rows as its own part file
 * (`DIR/parts/<key>.parquet`) plus the shard's part manifest (`DIR/shards/shard-<i>-of-<N>.json`),
 * each atomically (a temporary file renamed into place). The first shard to start writes
 * `DIR/plan.json` (the plan's full key list, seeds and points): every shard writes the same text.
 *
 * - Which runs: {@link assignShard} over the plan's distinct keys, so shards never overlap and
 *   differ in size by at most one run.
 * - Seeds come from the plan's specs (master seed and replicate), never from the shard, the
 *   machine or the order, so any sharding merges into the rows one process would compute.
 * - Resuming: a run whose part file exists is complete (the rename is its commit point) and is
 *   skipped; a run killed half-way left only a temporary file, and is done again.
 * - A run that throws is reported by key; the shard's other runs finish and are kept, then
 *   {@link ShardRunsFailedError} is thrown.
 *
 * @throws ValidationError for a bad shard, an empty plan, or an output folder holding another plan.
 * @throws ShardRunsFailedError when runs failed.
 * @example
 * const plan = planSweep(scenarios.baseline({ agents: 2000, years: 2 }), {
 *   vary: { "behavior.beta": [0.5, 1] }, replications: 3, seed: 1,
 * });
 * await runShard(plan, { out: "out/sweep", shard: parseShard("0/3") }); // also 1/3 and 2/3, anywhere
 * await mergeRuns("out/sweep");
 */
export async function runShard(plan: ExperimentPlan<unknown>, options: RunShardOptions): Promise<RunShardResult> {
  const shard = checkShard(options.shard ?? WHOLE_PLAN);
  const out = options.out;
  const stored = storedPlan(plan.specs, options.planInfo);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new ValidationError(
      [{ path: "concurrency", message: `must be a whole number ≥ 1, got ${String(concurrency)}` }],
      "cannot run a shard",
    );
  }
  const execute = options.execute ?? executeRunSpec;
  const onProgress = options.onProgress ?? plan.onProgress;

  await mkdir(partsPath(out), { recursive: true });
  await mkdir(shardsPath(out), { recursive: true });
  await ensurePlanFile(out, stored);

  const mine = new Set(
    assignShard(
      stored.runs.map((r) => r.key),
      shard.index,
      shard.count,
    ),
  );
  const specByKey = new Map<string, RunSpec>();
  for (const spec of plan.specs) if (mine.has(spec.key) && !specByKey.has(spec.key)) specByKey.set(spec.key, spec);
  const present = new Set(await readdir(partsPath(out)));
  const todo = [...specByKey.values()].filter((s) => !present.has(partFileName(s.key)));
  const skipped = mine.size - todo.length;

  const started = new Date().toISOString();
  const manifestPath = join(shardsPath(out), shardManifestName(shard));
  const writeManifest = (status: string, extra: Record<string, unknown>) =>
    writeFileAtomic(
      manifestPath,
      JSON.stringify(
        {
          shard: formatShard(shard),
          index: shard.index,
          count: shard.count,
          status,
          host: hostname(),
          pid: process.pid,
          node: process.version,
          started,
          assigned: mine.size,
          skipped,
          ...extra,
        },
        null,
        2,
      ) + "\n",
    );
  await writeManifest("running", { ran: 0 });

  const duck = await openDuck({ threads: 1 });
  let ran = 0;
  let aborted = false;
  const failed: FailedRun[] = [];
  try {
    await createPartStage(duck);
    let next = 0;
    let writing = Promise.resolve();
    const worker = async () => {
      while (next < todo.length) {
        if (options.signal?.aborted) {
          aborted = true;
          return;
        }
        const spec = todo[next++];
        let output: RunOutput;
        try {
          output = await execute(spec);
        } catch (error) {
          failed.push({ key: spec.key, message: error instanceof Error ? error.message : String(error) });
          continue;
        }
        // One staging table: parts are written one at a time, in the order runs finish.
        const write = writing.then(() =>
          writePart(duck, join(partsPath(out), partFileName(spec.key)), spec.key, output),
        );
        writing = write.catch(() => undefined);
        await write;
        ran++;
        onProgress?.({
          done: skipped + ran,
          total: mine.size,
          runKey: spec.key,
          ...(output.agentPeriods !== undefined ? { agentPeriods: output.agentPeriods } : {}),
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, todo.length)) }, worker));
  } finally {
    duck.close();
  }

  const result: RunShardResult = {
    shard,
    planRuns: stored.runs.length,
    assigned: mine.size,
    skipped,
    ran,
    failed,
    aborted,
  };
  await writeManifest(failed.length > 0 ? "failed" : aborted ? "stopped" : "complete", {
    ran,
    finished: new Date().toISOString(),
    ...(failed.length > 0 ? { failed } : {}),
  });
  if (failed.length > 0) throw new ShardRunsFailedError(result);
  return result;
}
