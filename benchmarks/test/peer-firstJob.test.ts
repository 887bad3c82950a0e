// Entrants who choose their first job among all regions in the period after entry (docs/model.md
// 3.3.13) in the peers: with behavior.firstJobChoice = 1 each peer agrees with the engine within
// 5 SE (5,000 agents, 12 quarterly periods, 5 seeds each side) on the stocks, the event totals
// (admissions, lottery entrants, pools, winners) and the moves into and out of each region; a peer
// without the mechanism fails that check; without the field the peers' moves agree with the
// engine's too; and the mechanism moves more people, by far more than 5 SE. (Without the field the
// peers draw nothing for it: peers.test.ts and peer-graduates.test.ts hold unchanged.)
import type { Scenario } from "@talentflow/core";
import { describe, expect, it } from "vitest";
import type { Peer } from "../peers/_kit";
import { agentscript } from "../peers/agentscript";
import { CHECK_SES, checkPeer, formatCheck, peerRuns, type ScenarioVariant } from "../peers/check";
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

describe("peers with firstJobChoice = 1: 5-SE check of stocks, event totals and moves (5,000 agents, 12 periods, 5 seeds)", () => {
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
