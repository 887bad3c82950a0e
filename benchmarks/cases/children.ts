/**
 * Cases that run in a child process of their own, so that their memory and threads do not mix
 * with the timing cases': `memory`, `parallel` and `world`.
 */
import { SEED, runChild, stat } from "../_measure";
import type { CaseResult, Size } from "../_results";

interface MemoryReport {
  memoryBytesPerAgent: number;
  retainedBytesPerAgent: number;
  rssBytesPerAgent: number;
  peakRssBytes: number;
  periodSeconds: number[];
}

/** Memory per agent and peak RSS at `agents` agents (benchmarks/memory-child.ts). */
export function memoryCase(agents: number, size: Size, runs: number): CaseResult {
  const report = runChild<MemoryReport>(
    "memory-child.ts",
    [agents, SEED, runs],
    `memory child for ${agents} agents`,
    true,
  );
  return {
    name: "memory",
    size,
    agents,
    periods: 1,
    runs: report.periodSeconds.length,
    agentPeriodsPerSecond: stat(report.periodSeconds.map((t) => agents / t)),
    memoryBytesPerAgent: report.memoryBytesPerAgent,
    retainedBytesPerAgent: report.retainedBytesPerAgent,
    rssBytesPerAgent: report.rssBytesPerAgent,
    peakRssBytes: report.peakRssBytes,
  };
}

interface ParallelReport {
  agents: number;
  replications: number;
  periods: number;
  secondsOneWorker: number;
  secondsTwoWorkers: number;
  cpuSecondsOneWorker: number;
  cpuSecondsTwoWorkers: number;
  identical: boolean;
}

/**
 * `replicateParallel` of the default scenario on 1 worker, then 2 (benchmarks/parallel-child.ts):
 * one timed repetition each, with the workers started and warmed up outside the timed region.
 * The runs are the replications.
 */
export function parallelCase(agents: number, size: Size, replications: number): CaseResult {
  const r = runChild<ParallelReport>(
    "parallel-child.ts",
    [agents, replications, SEED],
    `parallel child for ${agents} agents`,
  );
  const two = (r.agents * r.periods * r.replications) / r.secondsTwoWorkers;
  return {
    name: "parallel",
    size,
    agents,
    periods: r.periods,
    runs: r.replications,
    agentPeriodsPerSecond: { median: two, min: two, max: two },
    speedup: r.secondsOneWorker / r.secondsTwoWorkers,
    secondsByWorkers: { one: r.secondsOneWorker, two: r.secondsTwoWorkers },
    cpuSecondsByWorkers: { one: r.cpuSecondsOneWorker, two: r.cpuSecondsTwoWorkers },
    identical: r.identical,
  };
}

interface WorldReport {
  agents: number;
  referenceAgents: number;
  periods: number;
  referenceSeconds: number[];
  seconds: number[];
  createSeconds: number[];
  peakRssBytes: number;
}

/**
 * The `loop` case at world scale over `years` (benchmarks/world-child.ts): `runs` timed runs at
 * `agents`, alternating with runs at `referenceAgents` over the same years in the same process,
 * and the child's peak RSS.
 */
export function worldCase(
  agents: number,
  referenceAgents: number,
  size: Size,
  runs: number,
  years: number,
): CaseResult {
  const r = runChild<WorldReport>(
    "world-child.ts",
    [agents, referenceAgents, runs, SEED, years],
    `world child for ${agents} agents`,
    true,
  );
  const rates = r.seconds.map((t) => (agents * r.periods) / t);
  const reference = stat(r.referenceSeconds.map((t) => (referenceAgents * r.periods) / t));
  const large = stat(rates);
  return {
    name: "world",
    size,
    agents,
    periods: r.periods,
    runs,
    agentPeriodsPerSecond: large,
    secondsPerRun: stat(r.seconds),
    peakRssBytes: r.peakRssBytes,
    referenceAgents,
    referenceAgentPeriodsPerSecond: reference,
    ratioToReference: large.median / reference.median,
  };
}
