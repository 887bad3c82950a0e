// Entrants who choose their first job among all regions in the period after entry (docs/model.md
// 3.3.12) in the peers: with behavior.firstJobChoice = 1 each peer agrees with the engine within
// 5 SE (5,000 agents, 12 quarterly periods, 5 seeds each side) on the stocks, the event totals
// (admissions, lottery entrants, pools, winners) and the moves into and out of each region; a peer
// without the mechanism fails that check; without the field the peers' moves agree with the
// engine's too; the mechanism moves more people, by far more than 5 SE; and where nothing else can
// move anyone, each period's moves are at most the previous period's entrants (none in period 0,
// some in period 1), and nobody moves with firstJobChoice 0. (Without the field the peers draw
// nothing for it: peers.test.ts and peer-graduates.test.ts hold unchanged.)
import type { Scenario } from "@talentflow/core";
import { describe, expect, it } from "vitest";
import type { Peer } from "../peers/_kit";
import { agentscript } from "../peers/agentscript";
import { CHECK_SES, checkPeer, formatCheck, peerRuns, peerScenario, type ScenarioVariant } from "../peers/check";
import { flocc } from "../peers/flocc";
import { naiveTs } from "../peers/naive-ts";

const PEERS: readonly Peer[] = [naiveTs, flocc, agentscript];

/** The scenario with `behavior.firstJobChoice` set to c (absent: removed). */
function withFirstJobChoice(scenario: Scenario, c?: number): Scenario {
  const { firstJobChoice: _old, ...behavior } = scenario.behavior;
  return { ...scenario, behavior: c === undefined ? behavior : { ...behavior, firstJobChoice: c } };
}

// Every entrant chooses its first job in the period after entry: the strongest form of the rule.
const FIRST_JOB: ScenarioVariant = { name: "first-job-choice-1", apply: (s) => withFirstJobChoice(s, 1) };
const NO_FIRST_JOB: ScenarioVariant = { name: "no-first-job-choice", apply: (s) => withFirstJobChoice(s) };
const OPTIONS = { agents: 5_000, years: 3, seeds: 5, counts: true, moves: true };

describe("peers, firstJobChoice 1: 5-SE check of stocks, totals and moves (5,000 agents, 12 periods, 5 seeds)", () => {
  for (const peer of PEERS) {
    it(`checkPeer(peer:${peer.name}, firstJobChoice 1, counts, moves) agrees with the engine within 5 SE`, () => {
      const check = checkPeer(peer, { ...OPTIONS, variant: FIRST_JOB });
      expect(check.moves.map((r) => r.region)).toContain("inflows:SV");
      expect(check.counts.map((r) => r.region)).toContain("admissions:SV");
      expect(check.pass, formatCheck(check)).toBe(true);
    });
  }

  it("checkPeer fails a peer without the first-job choice (naive-ts on the scenario with the field removed)", () => {
    const without: Peer = {
      name: "naive-ts-no-first-job",
      create: (s, seed) => naiveTs.create(withFirstJobChoice(s), seed),
    };
    const check = checkPeer(without, { ...OPTIONS, variant: FIRST_JOB });
    expect(check.pass, formatCheck(check)).toBe(false);
  });
});

describe("peers' moves without firstJobChoice (5-SE check)", () => {
  for (const peer of PEERS) {
    it(`checkPeer(peer:${peer.name}, moves) agrees with the engine's inflows and outflows`, () => {
      const check = checkPeer(peer, { ...OPTIONS, variant: NO_FIRST_JOB });
      expect(check.moves.length).toBe(2 * 5);
      expect(check.moves.find((r) => r.region === "inflows:SV")?.engineMean).toBeGreaterThan(0);
      expect(check.pass, formatCheck(check)).toBe(true);
    });
  }
});

describe("the first-job choice acts in the peers", () => {
  for (const peer of PEERS) {
    it(`peerRuns(peer:${peer.name}) with firstJobChoice 1 moves over 5 SE more people than without`, () => {
      const total = (moves: Record<string, number>) =>
        Object.entries(moves).reduce((sum, [key, x]) => (key.startsWith("inflows:") ? sum + x : sum), 0);
      const on = peerRuns(peer, { ...OPTIONS, variant: FIRST_JOB }).moves.map(total);
      const off = peerRuns(peer, { ...OPTIONS, variant: NO_FIRST_JOB }).moves.map(total);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = (xs: number[]) => xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1);
      const se = Math.sqrt(variance(on) / on.length + variance(off) / off.length);
      expect((mean(on) - mean(off)) / se).toBeGreaterThan(CHECK_SES);
    });
  }
});

const ONLY_FIRST_JOBS_AGENTS = 2_000;

/**
 * The benchmark scenario where only a first-job choice can move anyone: nobody looks around
 * (considerRate 0), leaves the field (exitRate 0, retirement at 200) or sees a status end (no
 * terms, no graduates), and the lottery is closed (cap 0 and a selection rate of 0: no petitions).
 */
function onlyFirstJobs(c: number): Scenario {
  const s = peerScenario(ONLY_FIRST_JOBS_AGENTS, 3);
  const { graduates: _g, ...lottery } = s.lotteries["US-H1B"];
  const visas = Object.fromEntries(
    Object.entries(s.visas).map(([region, rules]) => [
      region,
      Object.fromEntries(Object.entries(rules).map(([k, { duration: _d, renewal: _r, ...rule }]) => [k, rule])),
    ]),
  );
  return withFirstJobChoice(
    {
      ...s,
      visas,
      behavior: { ...s.behavior, considerRate: 0, exitRate: 0, retirementAge: 200 },
      lotteries: { ...s.lotteries, "US-H1B": { ...lottery, cap: 0, initialSelectionRate: 0 } },
    } as Scenario,
    c,
  );
}

// Nobody else moves: no consideration, exits, expiries or lottery.
describe("the first job is chosen in the period after entry", () => {
  for (const peer of PEERS) {
    it(`peer:${peer.name}: with firstJobChoice 1 a period's moves are at most the last period's entrants`, () => {
      const run = peer.create(onlyFirstJobs(1), 11);
      const inflows = (m: Record<string, number>) =>
        Object.entries(m).reduce((sum, [key, x]) => (key.startsWith("inflows:") ? sum + x : sum), 0);
      const total = (stock: Record<string, number>) => Object.values(stock).reduce((a, b) => a + b, 0);
      let before = run.outcome();
      // Totals in agents (the peer reports people: agents times the scale).
      const people = total(before.stock);
      const agents = (x: number) => Math.round((x * ONLY_FIRST_JOBS_AGENTS) / people);
      const moves: number[] = [];
      const entrants: number[] = [];
      while (!run.done) {
        run.step();
        const after = run.outcome();
        moves.push(agents(inflows(after.moves) - inflows(before.moves)));
        entrants.push(agents(total(after.stock) - total(before.stock)));
        before = after;
      }
      expect(moves[0]).toBe(0);
      for (let s = 1; s < moves.length; s++) expect(moves[s], `period ${s}`).toBeLessThanOrEqual(entrants[s - 1]);
      // The entrants of period 0 (35 agents) choose in period 1; some of them move.
      expect(entrants[0]).toBeGreaterThan(0);
      expect(moves[1]).toBeGreaterThan(0);
    });

    it(`peer:${peer.name}: with firstJobChoice 0 nobody moves`, () => {
      const run = peer.create(onlyFirstJobs(0), 11);
      while (!run.done) run.step();
      const moved = Object.values(run.outcome().moves).reduce((a, b) => a + b, 0);
      expect(moved).toBe(0);
    });
  }
});
