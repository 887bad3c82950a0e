import { describe, expect, it } from "vitest";
import { ENGINE_LIMITS } from "../../src/index";
import {
  AGENT_DERIVED_COLUMNS,
  AGENT_ID_LIMITS,
  AGENT_STATE_COLUMNS,
  AgentColumns,
  ENTRANT_ID_BASE,
  STATE_BYTES_PER_AGENT,
  entrantId,
} from "../../src/engine/_agentColumns";

describe("the agent columns", () => {
  it("new AgentColumns(n) allocates every listed column with its element type and n slots", () => {
    const a = new AgentColumns(40) as unknown as Record<string, unknown>;
    for (const [name, Kind] of [...AGENT_STATE_COLUMNS, ...AGENT_DERIVED_COLUMNS]) {
      expect(a[name], name).toBeInstanceOf(Kind);
      expect((a[name] as ArrayLike<number>).length, name).toBe(40);
    }
  });

  it("STATE_BYTES_PER_AGENT sums the listed columns: 23 bytes of state and 7 derived", () => {
    const bytes = (list: ReadonlyArray<readonly [string, { BYTES_PER_ELEMENT: number }]>) =>
      list.reduce((sum, [, Kind]) => sum + Kind.BYTES_PER_ELEMENT, 0);
    expect(bytes(AGENT_STATE_COLUMNS)).toBe(23);
    expect(bytes(AGENT_DERIVED_COLUMNS)).toBe(7);
    expect(STATE_BYTES_PER_AGENT).toBe(30);
  });

  it("grow(n) keeps every column's contents and columns() returns the state columns in the listed order", () => {
    const a = new AgentColumns(4);
    const slot = a.allocate();
    a.id[slot] = 7;
    a.skill[slot] = 1.5;
    a.statusAt[slot] = -3;
    a.nextAt[slot] = 12;
    a.grow(100);
    expect([a.id[slot], a.skill[slot], a.statusAt[slot], a.nextAt[slot], a.capacity]).toEqual([7, 1.5, -3, 12, 100]);
    const own = a as unknown as Record<string, unknown>;
    expect(a.columns()).toEqual(AGENT_STATE_COLUMNS.map(([name]) => own[name]));
  });

  it("restore(used, columns, free, freeCount) puts back what columns() held", () => {
    const a = new AgentColumns(8);
    for (let k = 0; k < 5; k++) a.id[a.allocate()] = 100 + k;
    a.flags.fill(1);
    a.release(2);
    const saved = a.columns().map((c) => c.slice(0, a.used));
    const b = new AgentColumns(16);
    b.restore(a.used, saved, a.free.slice(0, a.freeCount), a.freeCount);
    expect(b.columns().map((c) => Array.from(c.subarray(0, 5)))).toEqual(saved.map((c) => Array.from(c)));
    expect([b.used, b.freeCount, b.allocate()]).toEqual([5, 1, 2]);
  });
});

describe("the id layout", () => {
  it(
    "ENGINE_LIMITS, which validation enforces, is the engine's " +
      "AGENT_ID_LIMITS, with the limits docs/model.md 1.2 states",
    () => {
      expect(ENGINE_LIMITS).toBe(AGENT_ID_LIMITS);
      expect({ ...ENGINE_LIMITS }).toEqual({
        regions: 32,
        citizenships: 250,
        periods: 1023,
        entrantsPerRegionPeriod: 65536,
      });
    },
  );

  it("entrantId(t, j, k) at the limits stays below 2^32, and neighbours in t, j and k differ", () => {
    const { regions, periods, entrantsPerRegionPeriod } = AGENT_ID_LIMITS;
    const last = entrantId(periods - 1, regions - 1, entrantsPerRegionPeriod - 1);
    expect(last).toBeLessThan(2 ** 32);
    expect(entrantId(0, 0, 0)).toBe(ENTRANT_ID_BASE);
    const ids = new Set([
      entrantId(5, 3, 0),
      entrantId(5, 3, 1),
      entrantId(5, 4, 0),
      entrantId(6, 3, 0),
      entrantId(5, 2, entrantsPerRegionPeriod - 1),
    ]);
    expect(ids.size).toBe(5);
    expect(entrantId(5, 3, entrantsPerRegionPeriod - 1)).toBeLessThan(entrantId(5, 4, 0));
    expect(entrantId(5, regions - 1, entrantsPerRegionPeriod - 1)).toBeLessThan(entrantId(6, 0, 0));
  });
});
