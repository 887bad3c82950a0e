import { describe, expect, it } from "vitest";
import { ENGINE_LIMITS, estimateMemoryBytes, validateScenario } from "../src/index";
import type { Scenario } from "../src/types";
import { OPEN, region, tinyWorld } from "./_worlds";

/** Paths of the issues validateScenario reports, joined with dots. */
function issuePaths(s: unknown, options?: Parameters<typeof validateScenario>[1]): string[] {
  const r = validateScenario(s, options);
  return r.ok ? [] : r.issues.map((i) => (Array.isArray(i.path) ? i.path.join(".") : String(i.path)));
}

/** A tiny world with `n` regions R0..R(n-1), each its own country, and one citizenship. */
function manyRegions(n: number): Scenario {
  const s = tinyWorld();
  const codes = Array.from({ length: n }, (_, k) => `R${k}`);
  s.regions = Object.fromEntries(codes.map((code, k) => [code, region(`K${k}`, k === 0 ? 100 : 0)]));
  s.citizenships = { X: { home: "R0", network: 1 } };
  s.movingCost = {};
  s.visas = Object.fromEntries(codes.map((code) => [code, { "*": OPEN }]));
  return s;
}

/** A tiny world with `n` citizenships C0..C(n-1), all of A's country. */
function manyCitizenships(n: number): Scenario {
  const s = tinyWorld();
  const codes = Array.from({ length: n }, (_, k) => `C${k}`);
  s.citizenships = Object.fromEntries(codes.map((code) => [code, { home: "A", network: 1 }]));
  const mix = Object.fromEntries(codes.map((code) => [code, 1 / n]));
  for (const r of Object.values(s.regions)) {
    r.initialCitizenship = mix;
    r.entrantCitizenship = mix;
  }
  return s;
}

/** The next double above (dir 1) or below (dir -1) a positive x. */
function nextDouble(x: number, dir: 1 | -1): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(dir));
  return view.getFloat64(0);
}

describe("the engine's limits, at the limit and one step beyond", () => {
  it(`validateScenario accepts ENGINE_LIMITS.regions (${ENGINE_LIMITS.regions}) regions and refuses one more, naming regions`, () => {
    expect(issuePaths(manyRegions(ENGINE_LIMITS.regions))).toEqual([]);
    expect(issuePaths(manyRegions(ENGINE_LIMITS.regions + 1))).toContain("regions");
  });

  it(`validateScenario accepts ENGINE_LIMITS.citizenships (${ENGINE_LIMITS.citizenships}) citizenships and refuses one more, naming citizenships`, () => {
    expect(issuePaths(manyCitizenships(ENGINE_LIMITS.citizenships)).filter((p) => p === "citizenships")).toEqual([]);
    expect(issuePaths(manyCitizenships(ENGINE_LIMITS.citizenships + 1))).toContain("citizenships");
  });

  it(`validateScenario accepts (years + burnInYears) x periodsPerYear = ENGINE_LIMITS.periods (${ENGINE_LIMITS.periods}) and refuses one period more, naming years`, () => {
    // 1023 = 3 x 11 x 31: 31 years (30 reported + 1 burn-in) at 33 periods would exceed 12 per year,
    // so use periodsPerYear 3 and 341 years.
    const at = tinyWorld({ periodsPerYear: 3, years: ENGINE_LIMITS.periods / 3 - 1, burnInYears: 1 });
    expect(at.years + at.burnInYears).toBe(ENGINE_LIMITS.periods / 3);
    expect(issuePaths(at)).toEqual([]);
    const beyond = tinyWorld({ periodsPerYear: 1, years: ENGINE_LIMITS.periods + 1, burnInYears: 0 });
    expect(issuePaths(beyond)).toContain("years");
    const justAt = tinyWorld({ periodsPerYear: 1, years: ENGINE_LIMITS.periods, burnInYears: 0 });
    expect(issuePaths(justAt)).toEqual([]);
  });

  it(`validateScenario with an explicit agents accepts entrants of exactly ENGINE_LIMITS.entrantsPerRegionPeriod (${ENGINE_LIMITS.entrantsPerRegionPeriod}) agents per period and refuses one more`, () => {
    // 1,000 people as 100 agents: scale 10; at 4 periods a year, entrants / 10 / 4 agents per period.
    const make = (perPeriod: number) => {
      const s = tinyWorld({ periodsPerYear: 4, agents: 100 });
      s.regions.A!.initialStock = 1000;
      s.regions.B!.entrants = perPeriod * 10 * 4;
      return s;
    };
    expect(issuePaths(make(ENGINE_LIMITS.entrantsPerRegionPeriod), { maxBytes: Infinity })).toEqual([]);
    expect(issuePaths(make(ENGINE_LIMITS.entrantsPerRegionPeriod + 1), { maxBytes: Infinity })).toEqual(["regions.B.entrants"]);
  });

  it("validateScenario with an explicit agents refuses a population above maxBytes, naming agents, and accepts it at exactly maxBytes", () => {
    const s = tinyWorld({ agents: 5000 });
    s.regions.A!.initialStock = 50_000;
    s.regions.A!.entrants = 2000;
    const bytes = estimateMemoryBytes(s);
    expect(issuePaths(s, { maxBytes: bytes })).toEqual([]);
    expect(issuePaths(s, { maxBytes: bytes - 1 })).toEqual(["agents"]);
    // The estimate follows agents, not people: one agent more needs more memory.
    expect(estimateMemoryBytes({ ...s, agents: 5001 })).toBeGreaterThan(bytes);
  });

  it("validateScenario accepts the largest demandGrowth whose compounding over the run stays within the limit it names, and refuses the next double", () => {
    const make = (g: number) => {
      const s = tinyWorld({ years: 100, burnInYears: 0 });
      s.regions.B!.demandGrowth = g;
      return s;
    };
    // The limit, as the message for a clearly too fast growth names it: "above e^L".
    const r = validateScenario(make(0.5));
    expect(r.ok).toBe(false);
    const message = r.ok ? "" : r.issues.find((i) => (Array.isArray(i.path) ? i.path.join(".") : String(i.path)) === "regions.B.demandGrowth")!.message;
    const limit = Number(/above e\^([\d.]+)/.exec(message)![1]);
    expect(limit).toBeGreaterThan(0);
    // The largest g with 100 * ln(1 + g) <= limit, to the last double.
    let g = Math.expm1(limit / 100);
    while (100 * Math.log1p(g) > limit) g = nextDouble(g, -1);
    while (100 * Math.log1p(nextDouble(g, 1)) <= limit) g = nextDouble(g, 1);
    expect(issuePaths(make(g))).toEqual([]);
    expect(issuePaths(make(nextDouble(g, 1)))).toEqual(["regions.B.demandGrowth"]);
  });
});
