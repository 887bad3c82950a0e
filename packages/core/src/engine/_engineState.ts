/**
 * The checkpoint's engine state: the whole state that the next period reads, and nothing derived,
 * as JSON-able data (NaN kept as null); the agent columns travel beside it as typed arrays.
 */
import { Flag } from "./_agentColumns";
import { NEVER } from "./_schedule";
import { skillBin } from "./_aggregates";
import type { Engine } from "./_engine";
import type { PeriodRecord } from "./_periodRecord";

/** The engine's state besides the agent columns, as JSON-able data. */
export interface EngineState {
  t: number;
  scheduledExit: number;
  scheduledConsider: number;
  scheduledPermanence: Array<number | null>;
  used: number;
  freeCount: number;
  market: Record<
    "supply" | "supply0" | "investment0" | "diaspora" | "selectionRate" | "programChance",
    Array<number | null>
  >;
  skillMean: Array<number | null>;
  skillSd: Array<number | null>;
  lotteryStart: Array<number | null>;
  programRemaining: Array<number | null>;
  programStarted: Array<number | null>;
  entrantCarry: Array<number | null>;
  cohortArrivals: Array<number | null>;
  cohortLeft: Array<number | null>;
  startStock: Array<number | null>;
  tablesSigma: Array<number | null>;
  history: Array<Record<string, unknown>>;
}

type Numbers = Float64Array | Int32Array | Uint8Array;

/** The numeric state of `engine` besides the agent columns, as plain data (NaN kept as null). */
export function exportEngineState(engine: Engine): EngineState {
  const list = (x: Numbers) => Array.from(x, (v) => (Number.isNaN(v) ? null : v));
  const { schedule, agents, market, aggregates, lottery, kernel, population, counts } = engine;
  return {
    t: engine.t,
    scheduledExit: schedule.scheduledExit,
    scheduledConsider: schedule.scheduledConsider,
    scheduledPermanence: list(schedule.scheduledPermanence),
    used: agents.used,
    freeCount: agents.freeCount,
    market: {
      supply: list(market.supply),
      supply0: list(market.supply0),
      investment0: list(market.investment0),
      diaspora: list(market.diaspora),
      selectionRate: list(market.selectionRate),
      programChance: list(market.programChance),
    },
    skillMean: list(aggregates.skillMean),
    skillSd: list(aggregates.skillSd),
    lotteryStart: list(lottery.start),
    programRemaining: list(kernel.programRemaining),
    programStarted: list(kernel.programStarted),
    entrantCarry: list(population.entrantCarry),
    cohortArrivals: list(counts.cohortArrivals),
    cohortLeft: list(counts.cohortLeft),
    startStock: list(population.startStock),
    tablesSigma: list(kernel.tables.sigma),
    history: engine.history.map((rec) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(rec))
        out[k] = v instanceof Float64Array ? list(v) : Number.isNaN(v) ? null : v;
      return out;
    }),
  };
}

/**
 * Restores into `engine` (built from the checkpoint's scenario, not yet run) what
 * {@link exportEngineState} and the agent columns hold, and rebuilds what is derived from them.
 */
export function importEngineState(
  engine: Engine,
  state: EngineState,
  columns: ReadonlyArray<ArrayBufferView>,
  free: Int32Array,
): void {
  const fill = (target: Numbers, values: ReadonlyArray<number | null>) => {
    values.forEach((v, k) => (target[k] = v === null ? NaN : v));
  };
  const { schedule, agents: a, market, aggregates, lottery, kernel, population, counts } = engine;
  engine.t = state.t;
  schedule.scheduledExit = state.scheduledExit ?? NaN; // JSON writes NaN as null
  schedule.scheduledConsider = state.scheduledConsider ?? NaN;
  fill(schedule.scheduledPermanence, state.scheduledPermanence);
  a.restore(state.used, columns, free, state.freeCount);
  for (let i = 0; i < a.used; i++) {
    if ((a.flags[i] & Flag.Active) === 0) {
      a.nextAt[i] = NEVER;
      continue;
    }
    a.bin[i] = skillBin(a.skill[i]);
    a.retype(i, engine.R);
    // Visiting an agent with no event changes nothing, so every agent is visited next step.
    a.nextAt[i] = state.t;
  }
  // The aggregates as they stood at the end of the last period run.
  aggregates.rebuild(engine.t - 1);
  for (const key of Object.keys(state.market) as Array<keyof EngineState["market"]>)
    fill(market[key], state.market[key]);
  fill(aggregates.skillMean, state.skillMean);
  fill(aggregates.skillSd, state.skillSd);
  fill(lottery.start, state.lotteryStart);
  fill(kernel.programRemaining, state.programRemaining);
  fill(kernel.programStarted, state.programStarted);
  fill(population.entrantCarry, state.entrantCarry);
  fill(counts.cohortArrivals, state.cohortArrivals);
  fill(counts.cohortLeft, state.cohortLeft);
  fill(population.startStock, state.startStock);
  fill(kernel.tables.sigma, state.tablesSigma);
  engine.history.length = 0;
  for (const raw of state.history) {
    const rec: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      rec[k] = Array.isArray(v)
        ? Float64Array.from(v, (x: number | null) => (x === null ? NaN : x))
        : v === null
          ? NaN
          : v;
    }
    engine.history.push(rec as unknown as PeriodRecord);
  }
}
