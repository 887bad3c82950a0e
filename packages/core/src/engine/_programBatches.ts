/**
 * Capped programs (open work permits, exchange slots): the pass collects each period's applicants,
 * and after it the program's places go to the applicants with the smallest keyed draws.
 */
import { drawChance } from "../kernel/_admission";
import type { CompiledScenario } from "../kernel/_compile";
import { programChanceAfter, type CompiledPolicies } from "../kernel/_period";
import type { MarketState, PeriodTables } from "../kernel/_tables";
import { Purpose, keyedUniform, streamKey } from "../random/keyed";
import type { AgentColumns } from "./_agentColumns";
import type { EventCounts } from "./_eventCounts";
import type { Moves } from "./_moves";

/** What the programs read and where their outcomes go. */
export interface ProgramParts {
  readonly cs: CompiledScenario;
  readonly policies: CompiledPolicies;
  readonly tables: PeriodTables;
  readonly market: MarketState;
  readonly agents: AgentColumns;
  readonly counts: EventCounts;
  readonly moves: Moves;
  /** Places left per program, in agents (the period kernel opens them). */
  readonly programRemaining: Float64Array;
  /** The admission streams of the period, one per destination. */
  readonly admitKeys: Int32Array;
  readonly seed: number;
}

/** The period's applicants to capped programs, and how their places are given out. */
export class ProgramBatches {
  private slots = new Int32Array(1024);
  private program = new Int16Array(1024);
  private count = 0;
  private readonly parts: ProgramParts;
  /** Places given per program since this object was created, in agents (for reports and tests; not checkpointed). */
  readonly given: Float64Array;

  constructor(parts: ProgramParts) {
    this.parts = parts;
    this.given = new Float64Array(parts.policies.programs.length);
  }

  /** Forgets the previous period's applicants. */
  clear(): void {
    this.count = 0;
  }

  /** Agent (slot) i applies to program `program` this period. */
  push(i: number, program: number): void {
    if (this.count === this.slots.length) {
      const slots = new Int32Array(this.slots.length * 2);
      slots.set(this.slots);
      const progs = new Int16Array(this.program.length * 2);
      progs.set(this.program);
      this.slots = slots;
      this.program = progs;
    }
    this.slots[this.count] = i;
    this.program[this.count++] = program;
  }

  /**
   * Gives out period t's places: each program's go to its applicants with the smallest keyed
   * draws; an open work permit's applicants without a place fall back on the destination's rule.
   * Sets next period's anticipated chance of a place.
   */
  resolve(t: number): void {
    const { policies, agents: a, moves, counts, programRemaining, market, seed } = this.parts;
    const progs = policies.programs;
    if (progs.length === 0) return;
    for (let q = 0; q < progs.length; q++) {
      const applicants: number[] = [];
      for (let k = 0; k < this.count; k++) if (this.program[k] === q) applicants.push(this.slots[k]);
      const places = Math.floor(programRemaining[q] + 1e-9);
      const key = streamKey(seed, t, Purpose.ProgramKey, q);
      const order = applicants
        .map((i) => ({ i, u: keyedUniform(key, a.id[i]) }))
        .sort((x, y) => x.u - y.u || a.id[x.i] - a.id[y.i]);
      const admitted = Math.min(places, order.length);
      const j = progs[q].region;
      for (let k = 0; k < admitted; k++) {
        const i = order[k].i;
        counts.admissions[j]++;
        moves.move(i, j, t, progs[q].permanent ? 0 : moves.temporaryFor(i, j));
      }
      if (progs[q].fallsBackToRule) this.fallBack(order, admitted, j, t);
      programRemaining[q] = Math.max(0, programRemaining[q] - admitted);
      this.given[q] += admitted;
      // Next period's anticipated chance of a place for a refused applicant.
      const remaining = programRemaining[q];
      market.programChance[q] = programChanceAfter(remaining, applicants.length);
    }
  }

  /** Applicants from `from` on in `order`, without a place, fall back on region j's own rule, with their own draw. */
  private fallBack(order: ReadonlyArray<{ i: number }>, from: number, j: number, t: number): void {
    const { cs, tables: T, agents: a, moves, counts, admitKeys } = this.parts;
    const R = cs.regions.length;
    for (let k = from; k < order.length; k++) {
      const i = order[k].i;
      const at = a.type[i] * R + j;
      const z = a.skill[i];
      const pi = drawChance(T, at, a.citizenship[i] * R + j, z);
      if (keyedUniform(admitKeys[j], a.id[i]) < pi) {
        counts.admissions[j]++;
        moves.move(i, j, t, T.moveTemp[at]);
      }
    }
  }
}
