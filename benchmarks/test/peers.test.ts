// The peers (benchmarks/peers) run the same model as the engine: each must reproduce the engine's
// stocks per region at the horizon within 5 standard errors over 5 seeds each (the check the
// benchmark suite runs before it reports a peer's speed ratio), here at a small size: 5,000
// agents, 12 quarterly periods. A deliberately wrong model (three times the exit rate) must fail.
import { describe, expect, it } from "vitest";
import type { Scenario } from "@talentflow/core";
import type { Peer } from "../peers/_kit";
import { agentscript } from "../peers/agentscript";
import { CHECK_SES, checkPeer, formatCheck, type ScenarioVariant } from "../peers/check";
import { flocc } from "../peers/flocc";
import { naiveTs } from "../peers/naive-ts";

const OPTIONS = { agents: 5_000, years: 3, seeds: 5 };

describe("peers reproduce the engine's stocks (5-SE check, 5,000 agents, 12 periods, 5 seeds)", () => {
  for (const peer of [naiveTs, flocc, agentscript]) {
    it(`peer:${peer.name}`, () => {
      const check = checkPeer(peer, OPTIONS);
      expect(check.regions.map((r) => r.region)).toEqual(["DE", "CA", "SV", "USR", "ROW"]);
      for (const r of check.regions) {
        expect(Number.isFinite(r.z), `${r.region} z is finite`).toBe(true);
        expect(r.peerMean, `${r.region} peer stock`).toBeGreaterThan(0);
      }
      expect(check.pass, formatCheck(check)).toBe(true);
      expect(Math.max(...check.regions.map((r) => r.z))).toBeLessThanOrEqual(CHECK_SES);
    });
  }

  it("fails a wrong model (naive-ts with three times the exit rate)", () => {
    const wrong: Peer = {
      name: "naive-ts-wrong",
      create: (scenario, seed) =>
        naiveTs.create(
          { ...scenario, behavior: { ...scenario.behavior, exitRate: scenario.behavior.exitRate * 3 } },
          seed,
        ),
    };
    const check = checkPeer(wrong, OPTIONS);
    expect(check.pass, formatCheck(check)).toBe(false);
  });
});

/** Every rule's temporary status with the given term and renewal (absent: no term). */
function withTerms(scenario: Scenario, duration?: number, renewal?: number): Scenario {
  const visas = Object.fromEntries(
    Object.entries(scenario.visas).map(([region, rules]) => [
      region,
      Object.fromEntries(
        Object.entries(rules).map(([c, { duration: _d, renewal: _r, ...rule }]) => [
          c,
          duration === undefined ? rule : { ...rule, duration, renewal },
        ]),
      ),
    ]),
  );
  return { ...scenario, visas } as Scenario;
}

// Statuses that end (docs/model.md 3.3.9) act strongly only when terms are short: every term cut to
// one year with no renewal, over the check's three years.
const SHORT_TERMS: ScenarioVariant = { name: "short-terms", apply: (s) => withTerms(s, 1, 0) };

describe("peers follow statuses that end (every term one year, no renewal; 5-SE check)", () => {
  for (const peer of [naiveTs, flocc, agentscript]) {
    it(`peer:${peer.name}`, () => {
      const check = checkPeer(peer, { ...OPTIONS, variant: SHORT_TERMS });
      expect(check.pass, formatCheck(check)).toBe(true);
    });
  }

  it("fails a peer without terms (naive-ts on the scenario with the terms removed)", () => {
    const noTerms: Peer = { name: "naive-ts-no-terms", create: (s, seed) => naiveTs.create(withTerms(s), seed) };
    const check = checkPeer(noTerms, { ...OPTIONS, variant: SHORT_TERMS });
    expect(check.pass, formatCheck(check)).toBe(false);
  });
});
