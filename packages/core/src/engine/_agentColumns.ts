/**
 * Agent state as a struct of typed arrays (docs/model.md 1.2), allocated once and grown only when
 * entrants outnumber the free slots. The id column, not the slot, carries identity: a freed slot
 * is reused by the next entrant. The columns are listed once, in {@link AGENT_STATE_COLUMNS} and
 * {@link AGENT_DERIVED_COLUMNS}: allocation, growth, the bytes per agent and a checkpoint's
 * layout all read these two lists.
 */

import { typeIndex } from "../kernel/_agentType";

/** Bits of the `flags` column. */
export const Flag = {
  Active: 1,
  German: 2,
  Researcher: 4,
  Temporary: 8,
  /** Won a lottery, waiting for the start of employment. */
  Won: 16,
  /** The current stay began with a move from another country (migrant or returnee). */
  Arrived: 32,
  /**
   * An entrant that chooses its first job in the period after its entry (docs/model.md 3.3.12).
   * Kept for life, it matters only in that period: see {@link entryPeriodOf}.
   */
  FirstJob: 64,
} as const;

/**
 * The state columns with their element types, in the order a checkpoint stores them:
 * - `pending`: destination + 1 of an application waiting for a lottery or a start date (a
 *   graduate's is its own region: docs/model.md 3.3.12); 0: none;
 * - `exitAt`: period in which the agent leaves the field (drawn from the exit hazard);
 * - `considerAt`: next period in which the agent looks around (drawn from the consideration rate);
 * - `statusAt`: period in which a temporary status becomes permanent (drawn from the permanence
 *   hazard); NEVER if not temporary.
 */
export const AGENT_STATE_COLUMNS = [
  ["id", Uint32Array],
  ["region", Uint8Array],
  ["home", Uint8Array],
  ["citizenship", Uint8Array],
  ["skill", Float32Array],
  ["bornPeriod", Int16Array],
  ["arrivedPeriod", Int16Array],
  ["flags", Uint8Array],
  ["pending", Uint8Array],
  ["exitAt", Int16Array],
  ["considerAt", Int16Array],
  ["statusAt", Int16Array],
] as const;

/**
 * Columns derived from the state columns and kept for speed, rebuilt after a restore:
 * - `type`: the agent's type (citizenship, region, home, temporary, German, researcher) as the
 *   tables index it, updated whenever region or status changes;
 * - `bin`: the fine skill bin of the agent's skill (fixed for life);
 * - `nextAt`: a period no later than the agent's next event (exit, retirement, consideration,
 *   status change, age band, the start of a won visa). The pass visits an agent only when this
 *   period has come; a free slot holds the latest period there is.
 */
export const AGENT_DERIVED_COLUMNS = [
  ["type", Uint32Array],
  ["bin", Uint8Array],
  ["nextAt", Int16Array],
] as const;

type Listed = (typeof AGENT_STATE_COLUMNS)[number] | (typeof AGENT_DERIVED_COLUMNS)[number];
type ColumnKind = Listed[1];
/** The array a column kind makes, over any buffer. */
type ArrayOf<K> = K extends Uint32ArrayConstructor
  ? Uint32Array
  : K extends Uint8ArrayConstructor
    ? Uint8Array
    : K extends Int16ArrayConstructor
      ? Int16Array
      : K extends Float32ArrayConstructor
        ? Float32Array
        : never;
/** One typed array per listed column: the class below must declare exactly these. */
type ColumnArrays = { [C in Listed as C[0]]: ArrayOf<C[1]> };
/** The typed array of a state column. */
export type StateColumn = ArrayOf<(typeof AGENT_STATE_COLUMNS)[number][1]>;

const ALL_COLUMNS: ReadonlyArray<readonly [string, ColumnKind]> = [...AGENT_STATE_COLUMNS, ...AGENT_DERIVED_COLUMNS];

/** Bytes of agent state per slot: every listed column, the derived ones included (30). */
export const STATE_BYTES_PER_AGENT: number = ALL_COLUMNS.reduce((sum, [, Kind]) => sum + Kind.BYTES_PER_ELEMENT, 0);

/** Regions an entrant's id has room for (5 bits). */
const ID_REGIONS = 32;
/** Entrants per region and period an entrant's id has room for (16 bits). */
const ID_RANKS = 65536;

/** First id of entrants: ids below are the initial population, numbered from 0. */
export const ENTRANT_ID_BASE = 2 ** 31;

/**
 * The limits of the id space and the index columns, which validation checks at the boundary
 * (`ENGINE_LIMITS`): region and citizenship indices are uint8 columns, and an entrant's uint32 id
 * ({@link entrantId}) holds a region code in 5 bits, its period in 10 and a rank in 16.
 * `entrantsPerRegionPeriod` is the limit of a run with 32 regions; a run with R regions has
 * floor(32 / R) times as much room ({@link entrantsPerRegionPeriodLimit}), since the codes no
 * region uses carry the ranks above 65,535.
 */
export const AGENT_ID_LIMITS = {
  regions: ID_REGIONS,
  citizenships: 250,
  periods: 1023,
  entrantsPerRegionPeriod: ID_RANKS,
} as const;

/**
 * Entrants per region and period a run with `regions` regions has ids for: 65,536 per block of
 * ranks, and floor(32 / regions) blocks (six with 5 regions: 393,216).
 */
export function entrantsPerRegionPeriodLimit(regions: number): number {
  return ID_RANKS * Math.floor(ID_REGIONS / Math.max(1, regions));
}

/**
 * The id of the k-th entrant of region j in period t of a run with R regions (unique within the
 * limits above): 2^31 + (t * 32 + code) * 65536 + (k mod 65536), where the code is j for the first
 * 65,536 entrants and j + R * floor(k / 65536) for the next blocks, codes no region uses. An
 * entrant's id does not depend on R unless its rank is above 65,535, so runs within the base
 * layout keep their ids (and draws).
 */
export function entrantId(t: number, j: number, k: number, R: number): number {
  const block = Math.floor(k / ID_RANKS);
  return ENTRANT_ID_BASE + (t * ID_REGIONS + j + block * R) * ID_RANKS + (k - block * ID_RANKS);
}

/** Ids per entry period (regions times ranks): the ids of one period's entrants are consecutive. */
const ID_PERIOD_SPAN = ID_REGIONS * ID_RANKS;

/**
 * The period in which the agent with this id entered (the inverse of {@link entrantId}); -1 for
 * the initial population.
 */
export function entryPeriodOf(id: number): number {
  return id < ENTRANT_ID_BASE ? -1 : Math.floor((id - ENTRANT_ID_BASE) / ID_PERIOD_SPAN);
}

type Own = Record<string, ArrayOf<ColumnKind>>;

/** The agent columns, one slot per agent, and the stack of free slots. */
export class AgentColumns implements ColumnArrays {
  capacity: number;
  /** One past the highest slot ever used. */
  used = 0;
  id!: Uint32Array;
  region!: Uint8Array;
  home!: Uint8Array;
  citizenship!: Uint8Array;
  skill!: Float32Array;
  bornPeriod!: Int16Array;
  arrivedPeriod!: Int16Array;
  flags!: Uint8Array;
  pending!: Uint8Array;
  exitAt!: Int16Array;
  considerAt!: Int16Array;
  statusAt!: Int16Array;
  type!: Uint32Array;
  bin!: Uint8Array;
  nextAt!: Int16Array;
  /** Free slots below `used`, as a stack. */
  free: Int32Array;
  freeCount = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.allocateColumns(capacity);
    this.free = new Int32Array(Math.max(16, capacity >>> 4));
  }

  private allocateColumns(capacity: number): void {
    const own = this as unknown as Own;
    for (const [name, Kind] of ALL_COLUMNS) own[name] = new Kind(capacity);
  }

  /** A slot for a new agent: a freed one if any, else the next unused one (growing if full). */
  allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount];
    if (this.used === this.capacity) this.grow(Math.ceil(this.capacity * 1.5) + 1024);
    return this.used++;
  }

  /** Marks a slot free; the caller has cleared its Active flag. */
  release(slot: number): void {
    if (this.freeCount === this.free.length) {
      const bigger = new Int32Array(this.free.length * 2);
      bigger.set(this.free);
      this.free = bigger;
    }
    this.free[this.freeCount++] = slot;
  }

  /** Reallocates every column with a larger capacity, keeping the contents. */
  grow(capacity: number): void {
    const own = this as unknown as Own;
    for (const [name, Kind] of ALL_COLUMNS) {
      const bigger = new Kind(capacity);
      bigger.set(own[name] as never);
      own[name] = bigger;
    }
    this.capacity = capacity;
  }

  /**
   * Replaces the contents with a checkpoint's: `used` slots of the state columns, in the order of
   * {@link AGENT_STATE_COLUMNS}, and the free stack. The derived columns are left zero for the
   * caller to rebuild.
   */
  restore(used: number, columns: ReadonlyArray<ArrayBufferView>, free: Int32Array, freeCount: number): void {
    this.capacity = Math.max(used, 16);
    this.allocateColumns(this.capacity);
    this.used = used;
    const own = this as unknown as Own;
    columns.forEach((col, k) => own[AGENT_STATE_COLUMNS[k][0]].set(col as never));
    this.free = free.length > 0 ? free : new Int32Array(16);
    this.freeCount = freeCount;
  }

  /** The state columns in the order of {@link AGENT_STATE_COLUMNS}, for checkpoints. */
  columns(): StateColumn[] {
    return AGENT_STATE_COLUMNS.map(([name]) => this[name]);
  }

  /**
   * Whether slot i is a graduate waiting for its own region's lottery (docs/model.md 3.3.12): its
   * application names the region it lives in (`pending` is 0 for none, never region + 1 otherwise).
   */
  isGraduate(i: number): boolean {
    return this.pending[i] === this.region[i] + 1;
  }

  /** Recomputes the derived type column of slot i from its state columns (R regions). */
  retype(i: number, R: number): void {
    const f = this.flags[i];
    const temporary = (f & Flag.Temporary) === 0 ? 0 : 1;
    const german = (f & Flag.German) === 0 ? 0 : 1;
    const researcher = (f & Flag.Researcher) === 0 ? 0 : 1;
    this.type[i] = typeIndex(R, this.citizenship[i], this.region[i], this.home[i], temporary, german, researcher);
  }
}
