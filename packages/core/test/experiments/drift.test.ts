import { describe, expect, it } from "vitest";
import { burnInDrift, meanField, type Scenario, simulate } from "../../src/index";
import { issuePaths } from "../_issues";
import { OPEN, region, tinyWorld } from "../_worlds";

/**
 * A two-country world built to drift: A (country AA, 10,000 people, 80% citizens X of A) and
 * B (country BB, 5,000 people, 60% citizens Y of B); B's 1,500 entrants a year are all X, people
 * leave the field at 5% a year and look around at 0.2 a year. One year of burn-in from 2029.
 */
function world(): Scenario {
  const s = tinyWorld({
    startYear: 2030,
    burnInYears: 1,
    years: 2,
    citizenships: { X: { home: "A", network: 1 }, Y: { home: "B", network: 1 } },
    regions: {
      A: region("AA", 10_000, { initialCitizenship: { X: 0.8, Y: 0.2 }, entrantCitizenship: { X: 1 } }),
      B: region("BB", 5_000, { initialCitizenship: { X: 0.4, Y: 0.6 }, entrants: 1_500, entrantCitizenship: { X: 1 } }),
    },
    movingCost: { "A<->B": 1 },
    visas: { A: { "*": OPEN }, B: { "*": OPEN } },
  });
  s.agents = 3_000;
  s.behavior.exitRate = 0.05;
  s.behavior.considerRate = 0.2;
  return s;
}
const MF = { skillBins: 4 };

describe("burnInDrift", () => {
  it("burnInDrift(s) starts from the stated initial state: stocks, own-citizen shares and brain drain by hand", () => {
    const d = burnInDrift(world(), { years: 4, meanField: MF });
    expect(d.times).toEqual({ start: 2029, burnIn: 2030, longRun: 2033 });
    expect(d.regions.map((r) => [r.region, r.stock.start, r.ownCitizenShare.start])).toEqual([
      ["A", 10_000, 0.8],
      ["B", 5_000, 0.6],
    ]);
    // X: 8,000 in A and 2,000 in B (abroad); Y: 2,000 in A (abroad) and 3,000 in B.
    expect(d.citizenships.map((c) => [c.citizenship, c.brainDrain.start])).toEqual([
      ["X", 2_000 / 10_000],
      ["Y", 2_000 / 5_000],
    ]);
  });

  it("burnInDrift(s, { years }) reads burn-in's end and the long run's from the scenario's own projection", () => {
    const s = world();
    const d = burnInDrift(s, { years: 4, meanField: MF });
    // The long run from 2029 equals the scenario's own run to 2033, reported from 2030: the same
    // calendar and policies, so the same numbers exactly.
    const own = meanField({ ...s, years: 3 }, MF);
    const burnInOnly = meanField({ ...s, startYear: 2029, burnInYears: 0, years: 1 }, MF);
    for (const r of d.regions) {
      expect(r.stock.longRun).toBe(own.stock[r.region].at(-1));
      expect(r.stock.burnIn).toBe(burnInOnly.stock[r.region].at(-1));
      expect(r.growthPerYear.burnIn).toBe(r.stock.burnIn / r.stock.start - 1);
      expect(r.growthPerYear.longRun).toBeCloseTo((r.stock.longRun / r.stock.start) ** (1 / 4) - 1, 14);
    }
    const last = own.rows.filter((r) => r.metric === "brainDrain" && r.period === 2);
    for (const c of d.citizenships)
      expect(c.brainDrain.longRun).toBe(last.find((r) => r.citizenship === c.citizenship)!.value);
    // X entrants into B: B's own-citizen share falls and X's brain drain rises, year after year.
    const b = d.regions.find((r) => r.region === "B")!;
    expect(b.ownCitizenShare.burnIn).toBeLessThan(b.ownCitizenShare.start);
    expect(b.ownCitizenShare.longRun).toBeLessThan(b.ownCitizenShare.burnIn);
    const x = d.citizenships.find((c) => c.citizenship === "X")!;
    expect(x.brainDrain.longRun).toBeGreaterThan(x.brainDrain.burnIn);
  });

  it("burnInDrift(s, { method: 'abm', replications }) averages the agents' runs on seeds (seed, r)", () => {
    const s = world();
    const d = burnInDrift(s, { years: 3, method: "abm", replications: 2, seed: 9 });
    expect(d.replications).toBe(2);
    const long = { ...s, startYear: 2029, burnInYears: 0, years: 3 };
    const runs = [0, 1].map((r) => simulate(long, { seed: 9, replicate: r, metrics: ["stock"] }));
    const lastStock = (run: (typeof runs)[number], region: string) =>
      run.rows.find((row) => row.metric === "stock" && row.region === region && row.period === 2)!.value;
    for (const r of d.regions)
      expect(r.stock.longRun).toBeCloseTo((lastStock(runs[0], r.region) + lastStock(runs[1], r.region)) / 2, 9);
  });

  it("burnInDrift(s, bad options) names each bad option", () => {
    expect(issuePaths(() => burnInDrift(world(), { years: 1 }))).toEqual(["years"]);
    expect(issuePaths(() => burnInDrift(world(), { replications: 3 }))).toEqual(["replications"]);
    expect(issuePaths(() => burnInDrift(world(), { method: "abm", replications: 0 }))).toEqual(["replications"]);
    const bad = { method: "agents", yeras: 3 } as unknown as Parameters<typeof burnInDrift>[1];
    expect(issuePaths(() => burnInDrift(world(), bad))).toEqual(["yeras", "method"]);
  });
});
