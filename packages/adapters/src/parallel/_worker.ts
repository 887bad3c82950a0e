/**
 * The worker thread's entry (piscina calls the default export once per task): runs one spec with
 * core and sends back its rows as typed arrays, whose buffers are moved to the main thread.
 * Errors of the run come back as data, so that the worker stays alive for the next run.
 * @internal
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { executeRunSpec, type RunResult, type RunSpec } from "@talentflow/core";
import { move, transferableSymbol, valueSymbol } from "piscina";
import { encodeRows, transferListOf } from "./columnarRows";
import type { RunTask, RunTaskResult } from "./_task";

type Execute = (spec: RunSpec) => RunResult | Promise<RunResult>;
const modules = new Map<string, Promise<Execute>>();

/**
 * Imports a module; from source, a TypeScript one through tsx's require hook, the only hook a
 * worker thread has on Node 20 (the ESM hooks of `--import tsx` reach the main thread only).
 */
async function load(url: string): Promise<{ execute?: unknown; default?: { execute?: unknown } }> {
  try {
    return await import(url);
  } catch (e) {
    if ((e as { code?: unknown }).code !== "ERR_UNKNOWN_FILE_EXTENSION") throw e;
    return createRequire(url)(fileURLToPath(url));
  }
}

function executorOf(url: string | undefined): Promise<Execute> {
  if (url === undefined) return Promise.resolve(executeRunSpec);
  let loaded = modules.get(url);
  if (!loaded) {
    loaded = load(url).then((m) => {
      const execute = m.execute ?? m.default?.execute;
      if (typeof execute !== "function") throw new TypeError(`executeModule ${url} exports no function named execute`);
      return execute as Execute;
    });
    modules.set(url, loaded);
  }
  return loaded;
}

export default async function runTask(task: RunTask): Promise<unknown> {
  let result: RunResult;
  try {
    result = await (await executorOf(task.executeModule))(task.spec);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    return { ok: false, errorName: error.name, message: error.message } satisfies RunTaskResult;
  }
  const rows = encodeRows(result.rows);
  const value: RunTaskResult = {
    ok: true,
    run: result.run,
    seed: result.seed,
    replicate: result.replicate,
    scale: result.scale,
    summary: result.summary,
    warnings: result.warnings ?? [],
    agentPeriods: result.agentPeriods,
    rows,
  };
  return move({ [transferableSymbol]: transferListOf(rows), [valueSymbol]: value } as never);
}
