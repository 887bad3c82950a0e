/**
 * Child process of the `memory` case (run by run.ts with `node --expose-gc`), so that the
 * measurements of one size do not mix with another's or with the timing cases' garbage.
 *
 * Usage:
 *   node --expose-gc --conditions=@talentflow/source --import tsx benchmarks/memory-child.ts \
 *     <agents> <seed> <timedPeriods>
 *
 * It creates `scenarios.alliance2026({ agents, burnInYears: 0, years: 10 })`, steps one period and
 * records the peak of heapUsed + arrayBuffers (typed arrays live outside the V8 heap) and of RSS,
 * sampled after creation and after that first period, each over a baseline taken after two full
 * GCs, and the process's peak RSS (maxRSS). Then it times
 * `timedPeriods` further single periods (the first period served as warm-up) for a throughput
 * figure. It prints one JSON object on stdout.
 */
import { createSimulation, scenarios } from "@talentflow/core";

const agents = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);
const timedPeriods = Number(process.argv[4] ?? 5);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("memory-child.ts needs node --expose-gc");

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const scenario = scenarios.alliance2026({ agents, burnInYears: 0, years: 10 });
gc();
gc();
const baselineUsed = used();
const baselineRss = process.memoryUsage().rss;

const sim = createSimulation(scenario, { seed });
const afterCreate = used();
const rssAfterCreate = process.memoryUsage().rss;
sim.step();
const afterStep = used();
const rssAfterStep = process.memoryUsage().rss;
const peakUsed = Math.max(afterCreate, afterStep);
const sampledPeakRss = Math.max(rssAfterCreate, rssAfterStep);
// resourceUsage().maxRSS is in kilobytes and is the true peak since process start (it includes
// the start-up of node and tsx, so the per-agent figure uses the sampled RSS instead).
const peakRss = process.resourceUsage().maxRSS * 1024;
gc();
const retainedUsed = used();

const seconds: number[] = [];
for (let i = 0; i < timedPeriods && !sim.done; i++) {
  const t0 = process.hrtime.bigint();
  sim.step();
  seconds.push(Number(process.hrtime.bigint() - t0) / 1e9);
}

process.stdout.write(
  JSON.stringify({
    agents,
    baselineUsedBytes: baselineUsed,
    peakUsedBytes: peakUsed,
    retainedUsedBytes: retainedUsed,
    baselineRssBytes: baselineRss,
    peakRssBytes: peakRss,
    memoryBytesPerAgent: (peakUsed - baselineUsed) / agents,
    retainedBytesPerAgent: (retainedUsed - baselineUsed) / agents,
    rssBytesPerAgent: (sampledPeakRss - baselineRss) / agents,
    periodSeconds: seconds,
    // keep the simulation alive until every figure above is taken
    period: sim.period,
  }) + "\n",
);
