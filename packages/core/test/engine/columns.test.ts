import { describe, expect, it } from "vitest";
import { ENGINE_LIMITS, createSimulation } from "../../src/index";
import { tinyWorld } from "../_worlds";
import {
  AGENT_DERIVED_COLUMNS,
  AGENT_ID_LIMITS,
  AGENT_STATE_COLUMNS,
  AgentColumns,
  ENTRANT_ID_BASE,
  STATE_BYTES_PER_AGENT,
  entrantId,
  entrantsPerRegionPeriodLimit,
  entryPeriodOf,
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

  it("entrantId(t, j, k, 32) at the limits stays below 2^32, and neighbours in t, j and k differ", () => {
    const { regions, periods, entrantsPerRegionPeriod } = AGENT_ID_LIMITS;
    const id = (t: number, j: number, k: number) => entrantId(t, j, k, regions);
    const last = id(periods - 1, regions - 1, entrantsPerRegionPeriod - 1);
    expect(last).toBeLessThan(2 ** 32);
    expect(id(0, 0, 0)).toBe(ENTRANT_ID_BASE);
    const ids = new Set([id(5, 3, 0), id(5, 3, 1), id(5, 4, 0), id(6, 3, 0), id(5, 2, entrantsPerRegionPeriod - 1)]);
    expect(ids.size).toBe(5);
    expect(id(5, 3, entrantsPerRegionPeriod - 1)).toBeLessThan(id(5, 4, 0));
    expect(id(5, regions - 1, entrantsPerRegionPeriod - 1)).toBeLessThan(id(6, 0, 0));
  });

  it("entrantId(t, j, k, R) for k below 65536 is the same for every R (runs in the base layout keep their ids)", () => {
    for (const [t, j, k] of [
      [0, 0, 0],
      [7, 4, 65_535],
      [1022, 2, 12_345],
    ]) {
      expect([1, 5, 17, 32].map((R) => entrantId(t, j, k, R))).toEqual(Array(4).fill(entrantId(t, j, k, 32)));
    }
  });

  it(
    "entrantId(t, j, k, R) up to entrantsPerRegionPeriodLimit(R) entrants gives every entrant of a period " +
      "its own id, names the period for entryPeriodOf, and stays below the next period's ids",
    () => {
      for (const R of [5, 11]) {
        const limit = entrantsPerRegionPeriodLimit(R);
        expect(limit).toBe(65_536 * Math.floor(32 / R));
        const t = 1022;
        const seen = new Set<number>();
        for (let j = 0; j < R; j++) {
          for (let k = 0; k < limit; k += 97) seen.add(entrantId(t, j, k, R));
          seen.add(entrantId(t, j, limit - 1, R));
        }
        const expected = R * (Math.ceil(limit / 97) + ((limit - 1) % 97 === 0 ? 0 : 1));
        expect(seen.size).toBe(expected);
        const all = [...seen];
        expect(all.every((id) => entryPeriodOf(id) === t)).toBe(true);
        expect(Math.max(...all)).toBeLessThan(2 ** 32);
        expect(entrantId(5, R - 1, limit - 1, R)).toBeLessThan(entrantId(6, 0, 0, R));
      }
    },
  );
});

describe("entrants above 65,536 per region and period", () => {
  it(
    "createSimulation(s).step() with 150,000 entrants a period in each of two neighbouring regions gives " +
      "every agent its own id, and entrants of one period ids that name that period",
    () => {
      // In the base layout region A's entrants above rank 65,535 would take region B's ids.
      const s = tinyWorld({ years: 2 });
      s.regions.A.entrants = 150_000;
      s.regions.B.entrants = 150_000;
      const sim = createSimulation(s, { seed: 3 });
      sim.step();
      sim.step();
      const { id } = sim.agents();
      expect(new Set(id).size).toBe(id.length);
      const entrants = [...id].filter((x) => x >= ENTRANT_ID_BASE);
      // Entrants of the last period have had no time to leave: all 300,000 of period 1 are there.
      const byPeriod = [0, 0];
      for (const x of entrants) byPeriod[entryPeriodOf(x)]++;
      expect(byPeriod[1]).toBe(300_000);
      expect(byPeriod[0]).toBeGreaterThan(299_000);
    },
  );
});
