/**
 * Runs batches of specs on one worker pool: at most `workers` runs in flight, in plan order; a
 * failed run or a dead worker is recorded with its key and the others go on; after an abort no
 * run starts and the ones in flight finish.
 * @internal
 */
import { availableParallelism } from "node:os";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import {
  ValidationError,
  uniqueSpecs,
  type Issue,
  type RunResult,
  type RunSpec,
  type Scenario,
} from "@talentflow/core";
import type { Piscina } from "piscina";
import { decodeRows } from "./columnarRows";
import { PARALLEL_OPTION_KEYS, type ParallelOptions, type ParallelProgress } from "./parallelOptions";
import { createPool } from "./_pool";
import { piscinaOf } from "./createWorkerPool";
import { RunsAbortedError, RunsFailedError, type RunFailure } from "./RunsFailedError";
import type { RunTask, RunTaskResult } from "./_task";

/** A failure with the name of the error the run threw (absent when the worker died). */
export interface BatchFailure extends RunFailure {
  readonly errorName?: string;
  /** The thrown error's message (absent when the worker died). */
  readonly message?: string;
}

export interface BatchOutcome {
  /** Finished runs, in plan order. */
  readonly outputs: RunResult[];
  readonly failures: BatchFailure[];
  /** Keys not started because of an abort. */
  readonly notRun: string[];
  /** True when the abort left runs of this batch unstarted. */
  readonly aborted: boolean;
}

/** Splits `{ ...coreOptions, ...parallelOptions }`, checking the parallel ones. */
export function splitOptions<T extends object>(
  options: T & ParallelOptions,
  context: string,
): { core: T; parallel: ParallelOptions } {
  if (options === null || typeof options !== "object") return { core: options, parallel: {} };
  const core = { ...options } as Record<string, unknown>;
  const parallel: Record<string, unknown> = {};
  for (const k of PARALLEL_OPTION_KEYS) {
    if (k in core) {
      if (core[k] !== undefined) parallel[k] = core[k];
      delete core[k];
    }
  }
  const issues: Issue[] = [];
  const p = parallel as ParallelOptions;
  if (p.workers !== undefined && !(Number.isInteger(p.workers) && p.workers >= 1 && p.workers <= 1024)) {
    issues.push({
      path: "options.workers",
      message: `must be a whole number from 1 to 1024, got ${String(p.workers)}`,
    });
  }
  if (p.pool !== undefined && !(typeof p.pool === "object" && p.pool !== null && piscinaOf(p.pool) !== undefined)) {
    issues.push({ path: "options.pool", message: "must be a pool from createWorkerPool()" });
  } else if (p.pool !== undefined && p.workers !== undefined && p.workers > p.pool.workers) {
    issues.push({
      path: "options.workers",
      message: `must not exceed the pool's ${p.pool.workers} workers, got ${p.workers}`,
    });
  }
  if (p.onProgress !== undefined && typeof p.onProgress !== "function") {
    issues.push({ path: "options.onProgress", message: `must be a function, got ${typeof p.onProgress}` });
  }
  if (p.signal !== undefined && !(p.signal instanceof AbortSignal)) {
    issues.push({ path: "options.signal", message: "must be an AbortSignal (e.g. new AbortController().signal)" });
  }
  if (p.executeModule !== undefined && !(typeof p.executeModule === "string" || p.executeModule instanceof URL)) {
    issues.push({ path: "options.executeModule", message: "must be a path or a file URL" });
  }
  if (issues.length > 0) throw new ValidationError(issues, context);
  return { core: core as T, parallel: p };
}

/** Agents times periods stepped (burn-in included): the work of a run whose executor did not count it. */
function agentPeriodsOf(s: Scenario): number {
  const agents = s.agents ?? Object.values(s.regions).reduce((sum, r) => sum + r.initialStock, 0);
  return Math.round(agents) * Math.round((s.years + s.burnInYears) * s.periodsPerYear);
}

function moduleUrl(m: string | URL): string {
  if (m instanceof URL) return m.href;
  return /^[a-z][a-z0-9+.-]*:/i.test(m) && !isAbsolute(m) ? m : pathToFileURL(m).href;
}

export class Runner {
  private pool: Piscina | undefined;
  private done = 0;
  private total = 0;
  private readonly workers: number;
  private readonly executeModule: string | undefined;
  /** Every finished run of every batch, in plan order. */
  readonly completed: RunResult[] = [];
  /** Every failure of every batch that counted as one. */
  readonly failed: RunFailure[] = [];

  constructor(private readonly options: ParallelOptions) {
    this.workers = options.workers ?? options.pool?.workers ?? availableParallelism();
    if (options.pool) this.pool = piscinaOf(options.pool);
    this.executeModule = options.executeModule === undefined ? undefined : moduleUrl(options.executeModule);
  }

  get aborted(): boolean {
    return this.options.signal?.aborted ?? false;
  }

  /** Runs the distinct specs; resolves when every started run has ended. */
  async run(planned: readonly RunSpec[]): Promise<BatchOutcome> {
    const specs = uniqueSpecs(planned);
    this.total += specs.length;
    const outputs: (RunResult | undefined)[] = new Array(specs.length);
    const failures: (BatchFailure | undefined)[] = new Array(specs.length);
    let callbackError: { error: unknown } | undefined;
    const stopped = () => this.aborted || callbackError !== undefined;
    let next = 0;

    const runOne = async (i: number): Promise<void> => {
      const spec = specs[i];
      const task: RunTask = { spec, ...(this.executeModule ? { executeModule: this.executeModule } : {}) };
      let progress: ParallelProgress;
      try {
        const r = (await this.pool!.run(task)) as RunTaskResult;
        if (r.ok) {
          const agentPeriods = r.agentPeriods ?? agentPeriodsOf(spec.scenario);
          outputs[i] = {
            run: r.run,
            scenario: spec.scenario,
            seed: r.seed,
            replicate: r.replicate,
            rows: decodeRows(r.rows),
            summary: r.summary,
            scale: r.scale,
            warnings: [...r.warnings],
            agentPeriods,
          };
          progress = { done: ++this.done, total: this.total, runKey: spec.key, agentPeriods };
        } else {
          failures[i] = {
            key: spec.key,
            kind: "threw",
            reason: `${r.errorName}: ${r.message}`,
            errorName: r.errorName,
            message: r.message,
          };
          progress = {
            done: ++this.done,
            total: this.total,
            runKey: spec.key,
            agentPeriods: 0,
            failed: failures[i].reason,
          };
        }
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        failures[i] = { key: spec.key, kind: "workerExited", reason: `the worker running it died (${why})` };
        progress = {
          done: ++this.done,
          total: this.total,
          runKey: spec.key,
          agentPeriods: 0,
          failed: failures[i].reason,
        };
      }
      try {
        this.options.onProgress?.(progress);
      } catch (error) {
        callbackError ??= { error };
      }
    };
    const lane = async (): Promise<void> => {
      while (next < specs.length && !stopped()) await runOne(next++);
    };

    if (specs.length > 0 && !stopped()) {
      this.pool ??= createPool(this.workers);
      await Promise.all(Array.from({ length: Math.min(this.workers, specs.length) }, lane));
    }
    if (callbackError) throw callbackError.error;
    const done = outputs.filter((o): o is RunResult => o !== undefined);
    this.completed.push(...done);
    return {
      outputs: done,
      failures: failures.filter((f): f is BatchFailure => f !== undefined),
      notRun: specs.slice(next).map((s) => s.key),
      // An abort after the batch's last run started stops nothing of this batch.
      aborted: this.aborted && next < specs.length,
    };
  }

  /**
   * Runs a batch and returns its outputs, or rejects with {@link RunsAbortedError} /
   * {@link RunsFailedError} carrying every finished run so far. `tolerate` picks failures that
   * the caller handles itself (they are returned, not thrown).
   */
  async runOrThrow(
    specs: readonly RunSpec[],
    tolerate: (f: BatchFailure) => boolean = () => false,
  ): Promise<{ outputs: RunResult[]; tolerated: BatchFailure[] }> {
    const batch = await this.run(specs);
    const tolerated = batch.failures.filter(tolerate);
    this.failed.push(
      ...batch.failures.filter((f) => !tolerate(f)).map(({ key, kind, reason }) => ({ key, kind, reason })),
    );
    if (batch.aborted) throw new RunsAbortedError(this.failed, this.completed, batch.notRun);
    if (this.failed.length > 0) throw new RunsFailedError(this.failed, this.completed, batch.notRun);
    return { outputs: batch.outputs, tolerated };
  }

  /** Ends the worker threads. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (!this.options.pool) await pool?.destroy();
  }
}

/** Runs `body` with a runner and always ends its threads. */
export async function withRunner<R>(options: ParallelOptions, body: (runner: Runner) => Promise<R>): Promise<R> {
  const runner = new Runner(options);
  try {
    return await body(runner);
  } finally {
    await runner.close();
  }
}
