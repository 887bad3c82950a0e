/**
 * The worker pool: piscina with one thread per worker, loading the worker entry from source
 * (TypeScript through tsx, core through the `@talentflow/source` condition) when this module
 * itself runs from source, and from dist/ when installed.
 * @internal
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";

const HERE = import.meta.url;
const FROM_SOURCE = HERE.endsWith(".ts");

/** The worker entry next to this module: src/parallel/_worker.ts, or dist/parallel-worker.{js,cjs}. */
export function workerFile(): URL {
  if (FROM_SOURCE) return new URL("./_worker.ts", HERE);
  return new URL(HERE.endsWith(".cjs") ? "./parallel-worker.cjs" : "./parallel-worker.js", HERE);
}

/**
 * Node flags of the workers: from source they load TypeScript with tsx and resolve workspace
 * packages to their sources; installed, they inherit the process's flags (piscina's default).
 */
function workerExecArgv(): string[] | undefined {
  if (!FROM_SOURCE) return undefined;
  const tsx = pathToFileURL(createRequire(HERE).resolve("tsx")).href;
  return ["--conditions=@talentflow/source", "--import", tsx];
}

/** A pool of `threads` workers, started at once and kept until destroyed. */
export function createPool(threads: number): Piscina {
  const execArgv = workerExecArgv();
  const pool = new Piscina({
    filename: workerFile().href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    ...(execArgv ? { execArgv } : {}),
  });
  // A worker that dies between tasks is replaced; piscina reports it as an 'error' event, which
  // would end the process if nobody listened. Deaths during a task reject that task instead.
  pool.on("error", () => {});
  return pool;
}
