/**
 * Child process of the `parallel` case (run by run.ts), so that its worker threads and their
 * simulations do not share a heap with the timing cases.
 *
 * Usage: node --conditions=@talentflow/source --import tsx benchmarks/parallel-child.ts <agents> <replications> <seed>
 *
 * For 1 and then 2 workers: starts a pool, loads the model in every worker with one small
 * untimed run each (warm-up), then times `replicateParallel(scenarios.baseline({ agents }),
 * { replications, seed, pool })` (the default scenario: 10 reported years after 2 of burn-in,
 * quarterly). Records wall-clock seconds and the CPU seconds of the whole process (every thread),
 * which tell, on a loaded machine, whether two workers make each run cost more. Checks that both
 * give the same statistics, number for number. Prints one JSON object on stdout.
 */
import { runSpec, scenarios } from "@talentflow/core";
import { createWorkerPool, replicateParallel, runSpecsParallel } from "@talentflow/adapters";

const agents = Number(process.argv[2] ?? 100_000);
const replications = Number(process.argv[3] ?? 8);
const seed = Number(process.argv[4] ?? 1);

async function timed(workers: number): Promise<{ seconds: number; cpuSeconds: number; statistics: string }> {
  const pool = createWorkerPool({ workers });
  try {
    const warm = scenarios.baseline({ agents: 1000, years: 1, burnInYears: 0 });
    await runSpecsParallel(
      Array.from({ length: workers }, (_, r) => runSpec(warm, r, { seed })),
      { pool },
    );
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const result = await replicateParallel(scenarios.baseline({ agents }), { replications, seed, pool });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    return { seconds, cpuSeconds: (used.user + used.system) / 1e6, statistics: JSON.stringify(result.statistics) };
  } finally {
    await pool.close();
  }
}

const one = await timed(1);
const two = await timed(2);
const s = scenarios.baseline({ agents });
process.stdout.write(
  JSON.stringify({
    agents,
    replications,
    periods: (s.years + s.burnInYears) * s.periodsPerYear,
    secondsOneWorker: one.seconds,
    secondsTwoWorkers: two.seconds,
    cpuSecondsOneWorker: one.cpuSeconds,
    cpuSecondsTwoWorkers: two.cpuSeconds,
    identical: one.statistics === two.statistics,
  }) + "\n",
);
