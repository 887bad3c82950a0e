// Smoke test of the benchmark suite: it runs every case at a tiny size (2,000 agents, 5 timed
// runs) and checks the shape of the results. Timings are machine-dependent and not asserted.
import { describe, expect, it } from "vitest";
import { createSimulation } from "@talentflow/core";
import { loopScenario, withoutRecord } from "../cases/engine";
import { PEERS, main, mainScaling, resultsFile, type Results } from "../run";

function expectPositiveFinite(value: unknown, path: string): void {
  expect(typeof value, path).toBe("number");
  expect(Number.isFinite(value as number), `${path} is finite`).toBe(true);
  expect(value as number, path).toBeGreaterThan(0);
}

/**
 * Figures that are finite but may be zero or negative: the RSS growth over a baseline, since the
 * engine's allocations can reuse pages that V8 freed after start-up and were still resident.
 */
const SIGNED = new Set(["rssBytesPerAgent"]);

/** Every number anywhere in the object is finite and positive (finite only for SIGNED keys). */
function checkNumbers(value: unknown, path: string): void {
  const key = path.slice(path.lastIndexOf(".") + 1);
  if (typeof value === "number" && SIGNED.has(key)) expect(Number.isFinite(value), `${path} is finite`).toBe(true);
  else if (typeof value === "number") expectPositiveFinite(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => checkNumbers(v, `${path}[${i}]`));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) checkNumbers(v, `${path}.${k}`);
  }
}

describe("benchmark suite", () => {
  it("runs every case and reports finite, positive figures", () => {
    const results: Results = main({ quick: true, tiny: true, write: false, print: false });

    expect(results.mode).toBe("tiny");
    expect(typeof results.node).toBe("string");
    expect(results.node).toMatch(/^v\d+/);
    expect(typeof results.cpu).toBe("string");
    expect(typeof results.commit).toBe("string");
    expect(results.commit.length).toBeGreaterThan(0);
    expect(typeof results.dirty).toBe("boolean");
    expect(Number.isNaN(Date.parse(results.date))).toBe(false);
    expectPositiveFinite(results.cores, "cores");

    const names = results.cases.map((c) => c.name);
    for (const name of ["loop", "floor:decide", "floor:scan", "floor:enter", "decide", "simulate", "memory"])
      expect(names).toContain(name);
    for (const name of ["parallel", "world"]) expect(names).toContain(name);
    expect(names.some((n) => n.startsWith("compare (2 arms x"))).toBe(true);

    for (const c of results.cases) {
      expect(["small", "medium", "large", "world"]).toContain(c.size);
      expect(Number.isInteger(c.agents)).toBe(true);
      // The world case may use 3 timed runs; every other case uses at least 5.
      expect(c.runs).toBeGreaterThanOrEqual(c.name === "world" ? 3 : 5);
      const s = c.agentPeriodsPerSecond;
      expect(s.min).toBeLessThanOrEqual(s.median);
      expect(s.median).toBeLessThanOrEqual(s.max);
      checkNumbers(c, c.name);
    }
    const loop = results.cases.find((c) => c.name === "loop")!;
    expectPositiveFinite(loop.fractionOfFloor, "loop.fractionOfFloor");
    // The counted work of a loop run: some of each kind, and every decision is a visit.
    expect(loop.work!.decisions).toBeGreaterThan(0);
    expect(loop.work!.entries).toBeGreaterThan(0);
    expect(loop.work!.visits).toBeGreaterThanOrEqual(loop.work!.decisions);
    expect(loop.work!.slotsScanned).toBeGreaterThanOrEqual(loop.agents * loop.periods);
    expectPositiveFinite(results.cases.find((c) => c.name === "decide")!.fractionOfFloor, "decide.fractionOfFloor");
    const simulate = results.cases.find((c) => c.name === "simulate")!;
    expectPositiveFinite(simulate.steppingShare, "simulate.steppingShare");
    expect(simulate.periods, "simulate counts the burn-in's periods too").toBe(48);
    const world = results.cases.find((c) => c.name === "world")!;
    expectPositiveFinite(world.ratioToReference, "world.ratioToReference");
    expectPositiveFinite(world.peakRssBytes, "world.peakRssBytes");
    // Every target the run could judge, judged on finite figures.
    expect(results.targets!.map((t) => t.target.split(" (")[0].split(":")[0])).toEqual(
      expect.arrayContaining(["decide / floor", "loop / modelled floor", "world", "parallel"]),
    );
    const memory = results.cases.find((c) => c.name === "memory")!;
    expectPositiveFinite(memory.memoryBytesPerAgent, "memory.memoryBytesPerAgent");
    const compare = results.cases.find((c) => c.name.startsWith("compare"))!;
    expectPositiveFinite(compare.runsPerSecond?.median, "compare.runsPerSecond.median");

    const parallel = results.cases.find((c) => c.name === "parallel")!;
    expectPositiveFinite(parallel.speedup, "parallel.speedup");
    expect(parallel.identical, "1 and 2 workers give the same statistics").toBe(true);

    // The JSON written by the CLI round-trips.
    expect(JSON.parse(JSON.stringify(results))).toEqual(results);
  }, 300_000);

  it("a run withoutRecord ends with the same agents as a run with the record, and reports no rows", () => {
    const full = createSimulation(loopScenario(2_000), { seed: 5 });
    const bare = withoutRecord(createSimulation(loopScenario(2_000), { seed: 5 }));
    let views = 0;
    while (!full.done) full.step();
    while (!bare.done) if (bare.step() !== undefined) views++;
    expect(views).toBe(0);
    expect(full.result().rows.length).toBeGreaterThan(0);
    const [a, b] = [full.agents(), bare.agents()];
    expect(Array.from(b.id)).toEqual(Array.from(a.id));
    expect(b.region).toEqual(a.region);
    expect(Array.from(b.skill)).toEqual(Array.from(a.skill));
    expect(b.temporary).toEqual(a.temporary);
  });

  it("resultsFile keeps latest.json for a full run of every case, so quick and partial runs never overwrite it", () => {
    expect(resultsFile("full")).toBe("latest.json");
    expect(resultsFile("quick")).toBe("quick.json");
    expect(resultsFile("tiny")).toBe("tiny.json");
    expect(resultsFile("full", ["parallel"])).toBe("full-parallel.json");
    expect(resultsFile("quick", ["loop", "floor"])).toBe("quick-loop+floor.json");
  });

  it("main({cases: ['floor']}) runs the three floors alone", () => {
    const results = main({ tiny: true, cases: ["floor"], write: false, print: false });
    expect(results.cases.map((c) => c.name)).toEqual(["floor:decide", "floor:scan", "floor:enter"]);
  });

  it("mainScaling times the engine and every peer once per size and draws the chart", async () => {
    const results = await mainScaling({ sizes: [1_000, 2_000], warmAgents: 500, write: false, print: false });
    expect(results.scaling!.map((p) => `${p.implementation}@${p.agents}`)).toEqual(
      ["loop", "loop:no-record", ...PEERS.map((p) => `peer:${p.name}`)].flatMap((name) => [
        `${name}@1000`,
        `${name}@2000`,
      ]),
    );
    for (const p of results.scaling!) expectPositiveFinite(p.nsPerAgentPeriod, `${p.implementation}@${p.agents}`);
    expect(results.svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    for (const p of PEERS) expect(results.svg).toContain(`peer:${p.name}`);
  }, 120_000);
});
