/**
 * Experiments on every core of the machine: replications, a paired comparison and a sweep on
 * worker threads, with progress, Ctrl-C, failed runs and a pool shared between calls. The
 * results are those of core's serial functions, number for number.
 *
 *   node --conditions=@talentflow/source --import tsx examples/parallel-runs.ts
 */
import { pathToFileURL } from "node:url";
import { scenarios } from "@talentflow/core";
import {
  compareParallel,
  createWorkerPool,
  replicateParallel,
  RunsAbortedError,
  RunsFailedError,
  sweepParallel,
} from "@talentflow/adapters";

/** Runs replications, a comparison and a sweep on `workers` threads and prints what they find. */
export async function main({
  agents = 20_000,
  years = 5,
  replications = 8,
  workers = undefined as number | undefined,
  print = console.log,
} = {}) {
  const base = scenarios.baseline({ agents, years });
  const last = years * 4 - 1;

  // region: replicate-parallel
  // Core's options plus `workers` (default: every core) and `onProgress`, called per finished run.
  const rep = await replicateParallel(base, {
    replications,
    seed: 1,
    metrics: ["stock"],
    workers,
    onProgress: (p) =>
      print(`  run ${p.done}/${p.total} done (${p.runKey}, ${(p.agentPeriods / 1e6).toFixed(1)} M agent-periods)`),
  });
  const ca = rep.statistics.find((s) => s.metric === "stock" && s.region === "CA" && s.period === last)!;
  print(
    `Canada in ${ca.year + 1}: ${ca.mean.toFixed(0)} people, 95% CI [${ca.ciLow.toFixed(0)}, ${ca.ciHigh.toFixed(0)}]`,
  );
  // endregion

  // region: pool-and-abort
  // One pool for several calls saves starting the workers each time; Ctrl-C stops after the
  // runs in flight and keeps every run that finished.
  const pool = createWorkerPool({ workers });
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  try {
    const cmp = await compareParallel(
      { baseline: base, alliance: scenarios.alliance2026({ agents, years }) },
      { replications, seed: 1, metrics: ["stock"], pool, signal: controller.signal },
    );
    const effect = cmp.differences.find((d) => d.region === "CA" && d.period === last)!;
    print(`alliance - baseline, Canada: ${effect.mean.toFixed(0)} ± ${effect.halfWidth.toFixed(0)} people`);
    const grid = await sweepParallel(base, {
      vary: { "behavior.beta": [0.5, 0.8] },
      replications,
      seed: 1,
      metrics: ["stock"],
      pool,
      signal: controller.signal,
    });
    print(`sweep: ${grid.points.length} points, ${grid.runs} runs, ${grid.rows.length} rows`);
    return { rep, cmp, grid };
  } catch (e) {
    if (e instanceof RunsAbortedError) print(`stopped: ${e.completed.length} runs kept, ${e.notRun.length} not run`);
    else if (e instanceof RunsFailedError) print(e.message); // names each failed run key and why
    throw e;
  } finally {
    process.off("SIGINT", stop);
    await pool.close();
  }
  // endregion
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
