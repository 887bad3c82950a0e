/**
 * Agent state as a struct of typed arrays (docs/model.md 1.2), allocated once and grown by
 * doubling only when entrants outnumber the free slots. The id column, not the slot, carries
 * identity: a freed slot is reused by the next entrant.
 */

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
} as const;

/** Bytes of agent state per slot: the columns below, the three derived ones included. */
export const STATE_BYTES_PER_AGENT = 4 + 1 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + 2 + 2 + 2 + 4 + 1 + 2;

/** The agent columns. */
export class AgentColumns {
  capacity: number;
  /** One past the highest slot ever used. */
  used = 0;
  id: Uint32Array;
  region: Uint8Array;
  home: Uint8Array;
  citizenship: Uint8Array;
  skill: Float32Array;
  bornPeriod: Int16Array;
  arrivedPeriod: Int16Array;
  flags: Uint8Array;
  /** Destination + 1 of an application waiting for a lottery or a start date; 0: none. */
  pending: Uint8Array;
  /** Period in which the agent leaves the field (drawn from the exit hazard; see the engine). */
  exitAt: Int16Array;
  /** Next period in which the agent looks around (drawn from the consideration rate). */
  considerAt: Int16Array;
  /** Period in which a temporary status becomes permanent (drawn from the permanence hazard); NEVER if not temporary. */
  statusAt: Int16Array;
  /**
   * Derived, kept for speed: the agent's type (citizenship, region, home, temporary, German,
   * researcher) as the tables index it, updated whenever region or status changes.
   */
  type: Uint32Array;
  /** Derived, kept for speed: the fine skill bin of the agent's skill (fixed for life). */
  bin: Uint8Array;
  /**
   * Derived, kept for speed: a period no later than the agent's next event (exit, retirement,
   * consideration, status change, age band, the start of a won visa). The step visits an agent
   * only when this period has come; a free slot holds the latest period there is.
   */
  nextAt: Int16Array;
  /** Free slots below `used`, as a stack. */
  free: Int32Array;
  freeCount = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.id = new Uint32Array(capacity);
    this.region = new Uint8Array(capacity);
    this.home = new Uint8Array(capacity);
    this.citizenship = new Uint8Array(capacity);
    this.skill = new Float32Array(capacity);
    this.bornPeriod = new Int16Array(capacity);
    this.arrivedPeriod = new Int16Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.pending = new Uint8Array(capacity);
    this.exitAt = new Int16Array(capacity);
    this.considerAt = new Int16Array(capacity);
    this.statusAt = new Int16Array(capacity);
    this.type = new Uint32Array(capacity);
    this.bin = new Uint8Array(capacity);
    this.nextAt = new Int16Array(capacity);
    this.free = new Int32Array(Math.max(16, capacity >>> 4));
  }

  /** A slot for a new agent: a freed one if any, else the next unused one (growing if full). */
  allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
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
    const copy = <T extends Uint8Array | Int16Array | Uint32Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a as never);
      return b;
    };
    this.id = copy(this.id, (n) => new Uint32Array(n));
    this.region = copy(this.region, (n) => new Uint8Array(n));
    this.home = copy(this.home, (n) => new Uint8Array(n));
    this.citizenship = copy(this.citizenship, (n) => new Uint8Array(n));
    this.skill = copy(this.skill, (n) => new Float32Array(n));
    this.bornPeriod = copy(this.bornPeriod, (n) => new Int16Array(n));
    this.arrivedPeriod = copy(this.arrivedPeriod, (n) => new Int16Array(n));
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
    this.pending = copy(this.pending, (n) => new Uint8Array(n));
    this.exitAt = copy(this.exitAt, (n) => new Int16Array(n));
    this.considerAt = copy(this.considerAt, (n) => new Int16Array(n));
    this.statusAt = copy(this.statusAt, (n) => new Int16Array(n));
    this.type = copy(this.type, (n) => new Uint32Array(n));
    this.bin = copy(this.bin, (n) => new Uint8Array(n));
    this.nextAt = copy(this.nextAt, (n) => new Int16Array(n));
    this.capacity = capacity;
  }

  /** The state columns in a fixed order, for checkpoints (the derived `type`, `bin` and `nextAt` are rebuilt). */
  columns(): Array<Uint8Array | Int16Array | Uint32Array | Float32Array | Int32Array> {
    return [this.id, this.region, this.home, this.citizenship, this.skill, this.bornPeriod, this.arrivedPeriod, this.flags, this.pending, this.exitAt, this.considerAt, this.statusAt];
  }
}
