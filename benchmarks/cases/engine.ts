/**
 * The engine as users run it: `loop` (stepping alone), `decide` (every agent decides every
 * period) and `simulate` (the whole call: population, burn-in, rows), and the count of the work a
 * `loop` run does, for its modelled floor.
 */
import { createSimulation, scenarios, simulate, type Scenario, type Simulation } from "@talentflow/core";
import { PERIODS, SEED, YEARS, collect, seconds, stat } from "../_measure";
import type { CaseResult, LoopWork, Size } from "../_results";

/** The `loop` scenario: alliance2026 over 10 years, no burn-in; `considerRate` set for `decide`. */
export function loopScenario(agents: number, considerRate?: number): Scenario {
  const scenario = scenarios.alliance2026({ agents, burnInYears: 0, years: YEARS });
  if (considerRate !== undefined) scenario.behavior.considerRate = considerRate;
  return scenario;
}

/**
 * Leaves the period's record out of `sim`'s steps: no rows, welfare, brain drain or cohort
 * statistics are made, as if every period were burn-in. The agents' dynamics do not read the
 * records, so the run's agents are the same (benchmarks/test/bench.test.ts checks it); this is
 * the work the peers' timing covers (they keep stocks and event totals, not the record).
 */
export function withoutRecord(sim: Simulation): Simulation {
  const engine = (sim as unknown as { engine: { recorder: { record: () => undefined } } }).engine;
  engine.recorder.record = () => undefined;
  return sim;
}

/**
 * Seconds to step a simulation to its horizon, with the period's record unless `record` is false;
 * the simulation is created outside the timed region.
 */
export function timeStepping(agents: number, considerRate?: number, record = true): number {
  const sim = createSimulation(loopScenario(agents, considerRate), { seed: SEED });
  if (!record) withoutRecord(sim);
  collect();
  const start = process.hrtime.bigint();
  while (!sim.done) sim.step();
  return seconds(start);
}

/**
 * `loop` (or `decide`, with every agent considering every period; or `loop:no-record`, without the
 * period's record): a warm-up, then `runs` timed runs.
 */
export function loopCase(
  name: string,
  agents: number,
  size: Size,
  runs: number,
  considerRate?: number,
  record = true,
): CaseResult {
  timeStepping(agents, considerRate, record); // warm-up, untimed
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) rates.push((agents * PERIODS) / timeStepping(agents, considerRate, record));
  return { name, size, agents, periods: PERIODS, runs, agentPeriodsPerSecond: stat(rates) };
}

/**
 * `simulate(scenarios.alliance2026({ agents }), { seed })` timed whole, as a user calls it: the
 * scenario's validation and compilation, the initial population, 2 years of burn-in, 10 reported
 * years and the rows. Its rate counts agents times every period the call runs.
 */
export function simulateCase(agents: number, size: Size, runs: number): CaseResult {
  const scenario = scenarios.alliance2026({ agents });
  const periods = (scenario.burnInYears + scenario.years) * scenario.periodsPerYear;
  const once = (): number => {
    collect();
    const start = process.hrtime.bigint();
    simulate(scenario, { seed: SEED });
    return seconds(start);
  };
  once(); // warm-up, untimed
  const times: number[] = [];
  for (let r = 0; r < runs; r++) times.push(once());
  return {
    name: "simulate",
    size,
    agents,
    periods,
    runs,
    agentPeriodsPerSecond: stat(times.map((t) => (agents * periods) / t)),
    secondsPerRun: stat(times),
  };
}

/** The engine's parts a count needs; not public API, read in an untimed run only. */
interface EngineParts {
  agents: { used: number };
  decision: { decide: (...args: never[]) => boolean; decideForced: (...args: never[]) => void };
  population: { createAgent: (...args: never[]) => number };
  schedule: { nextEvent: (...args: never[]) => number };
  counts: { exits: Float64Array };
}

/**
 * The work one `loop` run does, counted in a run of its own (untimed) by wrapping the engine's
 * decision, entry and scheduling methods on that one simulation: decisions, entrants, the slots
 * each period's scan reads, and the agents visited (every visited agent either leaves or gets its
 * next event).
 */
export function countLoopWork(agents: number): LoopWork {
  const sim: Simulation = createSimulation(loopScenario(agents), { seed: SEED });
  const engine = (sim as unknown as { engine: EngineParts }).engine;
  const work: LoopWork = { decisions: 0, entries: 0, slotsScanned: 0, visits: 0 };
  const { decision, population, schedule } = engine;
  const decide = decision.decide.bind(decision);
  const decideForced = decision.decideForced.bind(decision);
  const createAgent = population.createAgent.bind(population);
  const nextEvent = schedule.nextEvent.bind(schedule);
  decision.decide = (...args: never[]) => (work.decisions++, decide(...args));
  decision.decideForced = (...args: never[]) => (work.decisions++, decideForced(...args));
  population.createAgent = (...args: never[]) => (work.entries++, createAgent(...args));
  schedule.nextEvent = (...args: never[]) => (work.visits++, nextEvent(...args));
  let exits = 0;
  while (!sim.done) {
    work.slotsScanned += engine.agents.used;
    sim.step();
    exits += engine.counts.exits.reduce((sum, x) => sum + x, 0);
  }
  // nextEvent is also called for each entrant's schedule; exits are visits without it.
  work.visits += exits - work.entries;
  return work;
}
