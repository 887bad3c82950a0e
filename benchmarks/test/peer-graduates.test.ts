// Graduates who need the lottery for their first job (docs/model.md 3.3.12) in the peers: each
// peer agrees with the engine within 5 SE on the stocks and on the event totals (admissions,
// lottery entrants, the pools and winners of the draws) with graduates on; without graduates the
// event totals agree too; graduates change the pool by far more than 5 SE; and on a scenario
// where nobody wins and nobody leaves, each draw's pool is exactly the graduates of the eight
// periods before it (two draws each for a two-year wait).
import { scenarios, type Scenario } from "@talentflow/core";
import { describe, expect, it } from "vitest";
import type { Peer } from "../peers/_kit";
import { agentscript } from "../peers/agentscript";
import { CHECK_SES, checkPeer, formatCheck, peerRuns, type ScenarioVariant } from "../peers/check";
import { flocc } from "../peers/flocc";
import { naiveTs } from "../peers/naive-ts";

const PEERS: readonly Peer[] = [naiveTs, flocc, agentscript];

/** The scenario with `graduates` on the US-H1B lottery (absent: removed). */
function withGraduates(scenario: Scenario, graduates?: { share: number; years: number }): Scenario {
  const { graduates: _old, ...lottery } = scenario.lotteries["US-H1B"];
  return {
    ...scenario,
    lotteries: { ...scenario.lotteries, "US-H1B": graduates ? { ...lottery, graduates } : lottery },
  };
}

// A wait of two years, so that within the check's three years graduates lose a draw and stay in
// the pool, win and convert, and reach the end of their status (with three years none would).
const GRADUATES: ScenarioVariant = {
  name: "graduates-0.65-2y",
  apply: (s) => withGraduates(s, { share: 0.65, years: 2 }),
};
// The built-in scenarios have the baseline's graduates (three years); this variant removes them.
const NO_GRADUATES: ScenarioVariant = { name: "no-graduates", apply: (s) => withGraduates(s) };
const OPTIONS = { agents: 5_000, years: 3, seeds: 5, counts: true };

describe("peers with graduates (US-H1B share 0.65, a two-year wait): 5-SE check of stocks and event totals", () => {
  for (const peer of PEERS) {
    it(`checkPeer(peer:${peer.name}, graduates, counts) agrees with the engine within 5 SE`, () => {
      const check = checkPeer(peer, { ...OPTIONS, variant: GRADUATES });
      expect(check.counts.map((r) => r.region)).toContain("pool:US-H1B");
      expect(check.pass, formatCheck(check)).toBe(true);
    });
  }

  it("checkPeer fails a peer without graduates (naive-ts on the scenario with graduates removed)", () => {
    const without: Peer = {
      name: "naive-ts-no-graduates",
      create: (s, seed) => naiveTs.create(withGraduates(s), seed),
    };
    const check = checkPeer(without, { ...OPTIONS, variant: GRADUATES });
    expect(check.pass, formatCheck(check)).toBe(false);
  });
});

describe("peers' event totals without graduates (5-SE check)", () => {
  for (const peer of PEERS) {
    it(`checkPeer(peer:${peer.name}, counts) agrees with the engine's admissions, entrants, pools, winners`, () => {
      const check = checkPeer(peer, { ...OPTIONS, variant: NO_GRADUATES });
      expect(check.counts.length).toBe(2 * 5 + 2);
      expect(check.counts.find((r) => r.region === "pool:US-H1B")?.engineMean).toBeGreaterThan(0);
      expect(check.pass, formatCheck(check)).toBe(true);
    });
  }
});

describe("graduates act in the peers", () => {
  for (const peer of PEERS) {
    it(`peerRuns(peer:${peer.name}) with graduates has a US-H1B pool over 5 SE above the peer's without`, () => {
      const on = peerRuns(peer, { ...OPTIONS, variant: GRADUATES }).counts.map((c) => c["pool:US-H1B"]);
      const off = peerRuns(peer, { ...OPTIONS, variant: NO_GRADUATES }).counts.map((c) => c["pool:US-H1B"]);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = (xs: number[]) => xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1);
      const se = Math.sqrt(variance(on) / on.length + variance(off) / off.length);
      // The engine's direction: graduates add to the pool (engine and peer agree on it above).
      expect((mean(on) - mean(off)) / se).toBeGreaterThan(CHECK_SES);
    });
  }
});

/**
 * The baseline without burn-in, with graduates waiting two years, no winners (cap 0), a selection
 * rate of 0 that closes the lottery to movers (no petitions), and nobody leaving the field.
 */
function closedLottery(): Scenario {
  const s = scenarios.baseline({ agents: 2_000, burnInYears: 0, years: 4 });
  const lottery = { ...s.lotteries["US-H1B"], cap: 0, initialSelectionRate: 0, graduates: { share: 0.65, years: 2 } };
  return { ...s, behavior: { ...s.behavior, exitRate: 0 }, lotteries: { ...s.lotteries, "US-H1B": lottery } };
}

describe("a graduate is in exactly two draws of a two-year wait (cap 0, no exits)", () => {
  for (const peer of PEERS) {
    it(`peer:${peer.name}: the pool of each draw equals the graduates who entered in the 8 periods before it`, () => {
      const scenario = closedLottery();
      const people = Object.values(scenario.regions).reduce((sum, r) => sum + r.initialStock, 0);
      // Totals in agents (the peer reports people: agents times the scale).
      const agents = (x: number) => Math.round((x * (scenario.agents ?? 0)) / people);
      const run = peer.create(scenario, 7);
      const entrants: number[] = [];
      const pools: Array<[number, number]> = [];
      let before = run.outcome().counts;
      for (let t = 0; !run.done; t++) {
        run.step();
        const after = run.outcome().counts;
        const delta = (key: string) => agents(after[key] - before[key]);
        entrants.push(delta("lotteryEntrants:SV") + delta("lotteryEntrants:USR"));
        if (t % 4 === 0) pools.push([t, delta("pool:US-H1B")]);
        expect(after["winners:US-H1B"]).toBe(0);
        before = after;
      }
      expect(pools.map(([t]) => t)).toEqual([0, 4, 8, 12]);
      for (const [t, pool] of pools) {
        const expected = entrants.slice(Math.max(0, t - 8), t).reduce((x, y) => x + y, 0);
        expect(pool, `draw of period ${t}`).toBe(expected);
      }
      expect(pools[3][1]).toBeGreaterThan(0);
    });
  }
});
