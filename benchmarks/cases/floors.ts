/**
 * Floors: for each kind of work the engine's step does, the least code that does it over typed
 * arrays like the engine's, in the same process, with the engine's own keyed hash and exponential
 * draws (`@talentflow/core/internal`). Each returns a checksum so the JIT cannot drop its reads.
 *
 * - `floor:decide`: per agent, one keyed hash, one exponential draw per option from it, each
 *   option's weight e^V from a per-type table (the engine compares e^V / E in the same
 *   exponential form), the maximum, and the region written. Unit: decisions.
 * - `floor:scan`: the scan for due slots over the `nextAt` column (2 bytes a slot), written as the
 *   engine writes it (no branch per slot), and nothing else. Unit: slots.
 * - `floor:enter`: writing a new agent's 15 columns (those of the engine's `AgentColumns`) into
 *   freed slots taken in ascending order, the values from one keyed hash per agent. Unit: entrants.
 *
 * The `loop` case's modelled floor is its counted work (`countLoopWork`) at these costs.
 */
import { keyedUniform, streamKey } from "@talentflow/core";
import { exponentialOfHash, keyedHash, optionHash } from "@talentflow/core/internal";
import { SEED, seconds, stat } from "../_measure";

/**
 * Periods of a floor's timed run: its cost per unit (decision, slot, entrant) does not depend on
 * the horizon, and 10 keep the floors at 1,000,000 agents to about a second a run.
 */
const PERIODS = 10;
import type { CaseResult, LoopWork, Size } from "../_results";

/** Options of a decision: the benchmark scenario's regions. */
const OPTIONS = 5;
/** Agent types of the per-type table (citizenship x region x status flags, about as many as the engine's). */
const TYPES = 1024;
/** Purposes of the floors' streams, apart from the model's. */
const FLOOR_PURPOSE = 0x7f00;

let sink = 0;

/** Keeps the floors' checksums observable (the JIT must not drop their work). */
export function floorSink(): number {
  return sink;
}

/** Times `work` after one untimed warm-up; returns units per second of each of `runs` runs. */
function timed(runs: number, units: number, work: () => number): number[] {
  sink += work(); // warm-up, untimed
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    sink += work();
    rates.push(units / seconds(start));
  }
  return rates;
}

/** The columns a decision reads and writes, and the per-type table of option weights. */
interface DecideColumns {
  id: Uint32Array;
  type: Uint32Array;
  region: Uint8Array;
  weight: Float64Array;
}

function decideColumns(agents: number): DecideColumns {
  const id = new Uint32Array(agents);
  const type = new Uint32Array(agents);
  const region = new Uint8Array(agents);
  const key = streamKey(SEED, 0, FLOOR_PURPOSE, 0);
  for (let i = 0; i < agents; i++) {
    id[i] = i;
    type[i] = Math.floor(keyedUniform(key, i) * TYPES);
    region[i] = i % OPTIONS;
  }
  const weight = new Float64Array(TYPES * OPTIONS);
  for (let k = 0; k < weight.length; k++) weight[k] = Math.exp(-2 * keyedUniform(key + 1, k));
  return { id, type, region, weight };
}

/** Every agent decides once in each of `periods` periods. */
function decidePeriods(c: DecideColumns, periods: number): number {
  const { id, type, region, weight } = c;
  const n = id.length;
  for (let t = 0; t < periods; t++) {
    const key = streamKey(SEED, t, FLOOR_PURPOSE, 1);
    const extra = streamKey(SEED, t, FLOOR_PURPOSE, 2);
    for (let i = 0; i < n; i++) {
      const agent = id[i];
      const base = keyedHash(key, agent);
      const row = type[i] * OPTIONS;
      let best = 0;
      let choice = 0;
      for (let j = 0; j < OPTIONS; j++) {
        const w = weight[row + j] / exponentialOfHash(optionHash(base, j), extra, agent);
        if (w > best) {
          best = w;
          choice = j;
        }
      }
      region[i] = choice;
    }
  }
  return region[periods % n];
}

/** The scan's column: each slot's next event, up to 1 in 8 due in a period (the loop's order). */
function scanColumn(slots: number): Int16Array {
  const nextAt = new Int16Array(slots);
  const key = streamKey(SEED, 0, FLOOR_PURPOSE, 3);
  for (let i = 0; i < slots; i++) nextAt[i] = Math.floor(keyedUniform(key, i) * 8 * PERIODS);
  return nextAt;
}

/** The engine's chunked scan for due slots, each of `periods` periods. */
function scanPeriods(nextAt: Int16Array, due: Int32Array, periods: number): number {
  const n = nextAt.length;
  const chunk = due.length;
  let found = 0;
  for (let t = 0; t < periods; t++) {
    for (let start = 0; start < n; start += chunk) {
      const end = Math.min(n, start + chunk);
      let k = 0;
      for (let i = start; i < end; i++) {
        due[k] = i;
        k += nextAt[i] <= t ? 1 : 0;
      }
      found += k;
    }
  }
  return found;
}

/** The engine's 15 agent columns over `slots` slots, and a stack of freed slots. */
interface EnterColumns {
  u32: [Uint32Array, Uint32Array];
  u8: [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  i16: [Int16Array, Int16Array, Int16Array, Int16Array, Int16Array, Int16Array];
  skill: Float32Array;
  free: Int32Array;
}

function enterColumns(slots: number, entrants: number): EnterColumns {
  const u8 = () => new Uint8Array(slots);
  const i16 = () => new Int16Array(slots);
  // Freed slots spread over the columns, taken in ascending order as the engine takes them.
  const free = new Int32Array(entrants);
  const key = streamKey(SEED, 0, FLOOR_PURPOSE, 4);
  for (let k = 0; k < entrants; k++) free[k] = Math.floor(keyedUniform(key, k) * slots);
  free.sort();
  return {
    u32: [new Uint32Array(slots), new Uint32Array(slots)],
    u8: [u8(), u8(), u8(), u8(), u8(), u8()],
    i16: [i16(), i16(), i16(), i16(), i16(), i16()],
    skill: new Float32Array(slots),
    free,
  };
}

/** Each of `periods` periods writes every entrant's columns into the freed slots. */
function enterPeriods(c: EnterColumns, periods: number): number {
  const [id, type] = c.u32;
  const [region, home, citizenship, flags, pending, bin] = c.u8;
  const [born, arrived, exitAt, considerAt, statusAt, nextAt] = c.i16;
  const { skill, free } = c;
  const n = free.length;
  for (let t = 0; t < periods; t++) {
    const key = streamKey(SEED, t, FLOOR_PURPOSE, 5);
    for (let k = 0; k < n; k++) {
      const slot = free[k];
      const h = keyedHash(key, k);
      id[slot] = t * n + k;
      region[slot] = h & 3;
      home[slot] = (h >>> 2) & 3;
      citizenship[slot] = (h >>> 4) & 7;
      skill[slot] = (h >>> 8) * 2 ** -24 - 0.5;
      bin[slot] = (h >>> 24) & 63;
      born[slot] = t - 100;
      arrived[slot] = t;
      flags[slot] = 1 | ((h >>> 7) & 6);
      pending[slot] = 0;
      exitAt[slot] = t + ((h >>> 11) & 1023);
      considerAt[slot] = t + ((h >>> 13) & 255);
      statusAt[slot] = t + ((h >>> 17) & 127);
      nextAt[slot] = t + ((h >>> 19) & 31);
      type[slot] = h & 1023;
    }
  }
  return id[free[n - 1]];
}

/** A floor case's result. */
function floorResult(name: string, unit: string, agents: number, size: Size, rates: number[]): CaseResult {
  return { name, size, agents, periods: PERIODS, runs: rates.length, agentPeriodsPerSecond: stat(rates), unit };
}

/** `floor:decide` at `agents` agents: decisions per second. */
export function floorDecideCase(agents: number, size: Size, runs: number): CaseResult {
  const c = decideColumns(agents);
  return floorResult(
    "floor:decide",
    "decisions",
    agents,
    size,
    timed(runs, agents * PERIODS, () => decidePeriods(c, PERIODS)),
  );
}

/** `floor:scan` over `agents` slots: slots per second. */
export function floorScanCase(agents: number, size: Size, runs: number): CaseResult {
  const nextAt = scanColumn(agents);
  const due = new Int32Array(4096);
  return floorResult(
    "floor:scan",
    "slots",
    agents,
    size,
    timed(runs, agents * PERIODS, () => scanPeriods(nextAt, due, PERIODS)),
  );
}

/** `floor:enter`: `entrants` a period written into freed slots of columns of `agents` slots; entrants per second. */
export function floorEnterCase(agents: number, entrants: number, size: Size, runs: number): CaseResult {
  const c = enterColumns(agents, entrants);
  return floorResult(
    "floor:enter",
    "entrants",
    agents,
    size,
    timed(runs, entrants * PERIODS, () => enterPeriods(c, PERIODS)),
  );
}

/**
 * The `loop` case's modelled floor in seconds: its decisions at `floor:decide`'s cost, its
 * entrants at `floor:enter`'s and its scanned slots at `floor:scan`'s (the medians). Visits
 * without a decision (exits, status changes, age bands) are charged nothing: a floor is a lower
 * bound.
 */
export function modelledFloorSeconds(work: LoopWork, decide: CaseResult, scan: CaseResult, enter: CaseResult): number {
  return (
    work.decisions / decide.agentPeriodsPerSecond.median +
    work.slotsScanned / scan.agentPeriodsPerSecond.median +
    work.entries / enter.agentPeriodsPerSecond.median
  );
}
