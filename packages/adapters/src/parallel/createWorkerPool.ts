import { availableParallelism } from "node:os";
import { ValidationError } from "@talentflow/core";
import type { Piscina } from "piscina";
import { createPool } from "./_pool";

// Kept off the public type, so that declarations need neither piscina's types nor Node's.
const PISCINA = new WeakMap<WorkerPool, Piscina>();

/**
 * Worker threads kept between parallel calls: pass it as `pool` to save each call the start of
 * its workers (each loads core, about a second of CPU). Close it when done.
 */
export interface WorkerPool {
  /** Number of worker threads. */
  readonly workers: number;
  /** Ends the worker threads; runs in flight are cut off. */
  close(): Promise<void>;
}

/**
 * Starts a pool of worker threads for the parallel experiments, shared by the calls it is passed
 * to as `pool`.
 *
 * @throws ValidationError when `workers` is not a whole number from 1 to 1024.
 * @example
 * const pool = createWorkerPool({ workers: 2 });
 * try {
 *   const a = await replicateParallel(s1, { replications: 10, seed: 1, pool });
 *   const b = await replicateParallel(s2, { replications: 10, seed: 1, pool });
 * } finally {
 *   await pool.close();
 * }
 */
export function createWorkerPool(options: { readonly workers?: number } = {}): WorkerPool {
  const workers = options.workers ?? availableParallelism();
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= 1024)) {
    throw new ValidationError(
      [{ path: "options.workers", message: `must be a whole number from 1 to 1024, got ${String(workers)}` }],
      "createWorkerPool",
    );
  }
  const piscina = createPool(workers);
  let closed: Promise<void> | undefined;
  const pool: WorkerPool = { workers, close: () => (closed ??= piscina.destroy()) };
  PISCINA.set(pool, piscina);
  return pool;
}

/** The piscina of a pool from {@link createWorkerPool}, or undefined for anything else. @internal */
export function piscinaOf(pool: WorkerPool): Piscina | undefined {
  return PISCINA.get(pool);
}
