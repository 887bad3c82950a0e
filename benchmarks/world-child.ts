/**
 * Child process of the `world` case (run by run.ts with `node --expose-gc`): the `loop` case at
 * world scale, in a process of its own so that its peak RSS is its own.
 *
 * Usage:
 *   node --expose-gc --conditions=@talentflow/source --import tsx benchmarks/world-child.ts \
 *     <agents> <referenceAgents> <runs> <seed> <years>
 *
 * After an untimed warm-up run at `referenceAgents`, it alternates `runs` timed runs at
 * `referenceAgents` (1,000,000 in the suite) and at `agents` (30,000,000), each
 * `scenarios.alliance2026({ agents, burnInYears: 0, years })` created outside the timed region and
 * stepped to its horizon (quarterly periods), with a full GC before each. Alternating in one process keeps the
 * machine's drift out of the ratio of the two rates. It prints one JSON object on stdout: each
 * run's stepping seconds at both sizes, the seconds to create the large simulation, and the
 * process's peak RSS (maxRSS, since its start: node, tsx and every run).
 */
import { createSimulation, scenarios } from "@talentflow/core";

const agents = Number(process.argv[2] ?? 30_000_000);
const referenceAgents = Number(process.argv[3] ?? 1_000_000);
const runs = Number(process.argv[4] ?? 3);
const seed = Number(process.argv[5] ?? 1);
const years = Number(process.argv[6] ?? 10);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("world-child.ts needs node --expose-gc");

const scenarioOf = (n: number) => scenarios.alliance2026({ agents: n, burnInYears: 0, years });

/** Creates and steps one run; returns [seconds to create, seconds to step]. */
function run(n: number): [number, number] {
  gc!();
  const t0 = process.hrtime.bigint();
  const sim = createSimulation(scenarioOf(n), { seed });
  const t1 = process.hrtime.bigint();
  while (!sim.done) sim.step();
  const t2 = process.hrtime.bigint();
  return [Number(t1 - t0) / 1e9, Number(t2 - t1) / 1e9];
}

run(referenceAgents); // warm-up, untimed
const reference: number[] = [];
const large: number[] = [];
const create: number[] = [];
for (let r = 0; r < runs; r++) {
  reference.push(run(referenceAgents)[1]);
  const [c, s] = run(agents);
  create.push(c);
  large.push(s);
}

process.stdout.write(
  JSON.stringify({
    agents,
    referenceAgents,
    periods: years * scenarioOf(referenceAgents).periodsPerYear,
    referenceSeconds: reference,
    seconds: large,
    createSeconds: create,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }) + "\n",
);
