/**
 * The cases `pnpm bench:ab` times, each through the bundle's own API (so an older checkout runs
 * its own code), in CPU time (`process.cpuUsage`: user + system seconds of the process).
 */
import type { LoadedCore } from "./_abBundle";

/** The names of the cases, as `--case` takes them. */
export const AB_CASES = ["loop", "decide", "simulate"] as const;

/** A case's name. */
export type AbCase = (typeof AB_CASES)[number];

/** A case ready to run on one bundle. */
export interface TimedCase {
  /** Runs the case once; returns the CPU seconds of its timed region. */
  run(): number;
  /** Agent-periods of one run's timed region (agents times periods stepped), for a throughput figure. */
  agentPeriods: number;
}

/** Seed of every run (the same population and draws in both arms). */
const SEED = 1;
/** Years stepped by `loop` and `decide` (no burn-in): 40 quarterly periods. */
const YEARS = 10;

interface Scenario {
  behavior: { considerRate: number };
  burnInYears: number;
  years: number;
  periodsPerYear: number;
}
interface Stepper {
  done: boolean;
  step(): unknown;
}
type ScenarioFactory = (options: object) => Scenario;

/** The function at `path` in the bundle's exports; throws naming the bundle, the path and the case. */
function need<T>(core: LoadedCore, path: string, label: string, which: AbCase): T {
  let value: unknown = core;
  for (const key of path.split(".")) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (typeof value !== "function") {
    throw new Error(`ab: ${label} has no ${path} in its @talentflow/core, which the ${which} case needs`);
  }
  return value as T;
}

function cpuSeconds(work: () => void): number {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * The case `which` at `agents` agents on one loaded core bundle (`label` names it in errors):
 *
 * - `loop`: `scenarios.alliance2026({ agents, burnInYears: 0, years: 10 })`; the simulation is
 *   created outside the timed region, then `while (!sim.done) sim.step()` (40 periods) is timed.
 * - `decide`: as `loop` with `behavior.considerRate = 1000`: every agent decides every period.
 * - `simulate`: the whole `simulate(scenarios.alliance2026({ agents }), { seed })` call, the
 *   scenario's default burn-in and horizon: population, burn-in, steps and rows.
 *
 * Throws an error naming the bundle and the missing export when its core lacks one the case needs.
 *
 * @example
 * const timed = prepareCase(core, "A (HEAD~1 = 3f98823)", "loop", 2000);
 * timed.run() // => 0.21 (CPU seconds)
 */
export function prepareCase(core: LoadedCore, label: string, which: AbCase, agents: number): TimedCase {
  const alliance2026 = need<ScenarioFactory>(core, "scenarios.alliance2026", label, which);
  if (which === "simulate") {
    const simulate = need<(s: Scenario, o: object) => unknown>(core, "simulate", label, which);
    const scenario = alliance2026({ agents });
    const periods = (scenario.burnInYears + scenario.years) * scenario.periodsPerYear;
    return {
      run: () => {
        const fresh = alliance2026({ agents });
        return cpuSeconds(() => simulate(fresh, { seed: SEED }));
      },
      agentPeriods: agents * periods,
    };
  }
  const createSimulation = need<(s: Scenario, o: object) => Stepper>(core, "createSimulation", label, which);
  const create = (): Scenario => {
    const scenario = alliance2026({ agents, burnInYears: 0, years: YEARS });
    if (which === "decide") scenario.behavior.considerRate = 1000;
    return scenario;
  };
  return {
    run: () => {
      const sim = createSimulation(create(), { seed: SEED });
      return cpuSeconds(() => {
        while (!sim.done) sim.step();
      });
    },
    agentPeriods: agents * YEARS * create().periodsPerYear,
  };
}
