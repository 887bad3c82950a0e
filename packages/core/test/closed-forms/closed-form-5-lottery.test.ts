import { describe, expect, it } from "vitest";
import { assertValidScenario, type Scenario } from "../../src/index";
import { compileScenario } from "../../src/kernel/_compile";
import { Engine } from "../../src/engine/_engine";
import { Flag } from "../../src/engine/_agentColumns";
import { logitWorld } from "../_fixtures";

/**
 * A lottery world: natives (citizenship U) in region US, applicants (citizenship X) in region O.
 * Everyone looks around every period; US is worth so much more that every applicant tries it, and
 * the US rule for X is the weighted lottery L (cap in people, scale 1). Period 0 fills the pool,
 * period 1 draws, and winners start at once (startDelay 0).
 */
function lotteryWorld(natives: number, applicants: number, cap: number): Scenario {
  const s = logitWorld(natives + applicants, { A: 0, B: 0, C: 0 });
  const region = (country: string, stock: number, citizen: string, amenity: number, mean: number) => ({
    ...s.regions.A,
    country,
    initialStock: stock,
    amenity,
    skillReturn: 0.5,
    entrySkillMean: mean,
    entrantCitizenship: { [citizen]: 1 },
    initialCitizenship: { [citizen]: 1 },
  });
  s.years = 2;
  s.citizenships = { U: { home: "US", network: 0 }, X: { home: "O", network: 0 } };
  s.regions = { US: region("US", natives, "U", 10, 0), O: region("O", applicants, "X", 0, 0.4) };
  s.movingCost = {};
  s.visas = { US: { X: { rule: "lottery", pool: "L", permanent: false, permanence: 0, fee: 0 } }, O: {} };
  s.lotteries = { L: { regions: ["US"], cap, weighted: true, period: 0, startDelay: 0, initialSelectionRate: 0.3 } };
  return s;
}

/** Solves sum_L N_L (1 - exp(-w_L t)) = cap for t by bisection. */
function solveT(counts: number[], weights: number[], cap: number): number {
  const f = (t: number) => counts.reduce((acc, n, k) => acc + n * (1 - Math.exp(-weights[k] * t)), 0) - cap;
  let lo = 0;
  let hi = 1;
  while (f(hi) < 0) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe("closed form 5: weighted lottery", () => {
  it("the selection probability of wage level L is 1 - exp(-w_L t*) with sum_L N_L (1 - exp(-w_L t*)) = cap", () => {
    const applicants = 60_000;
    const cap = 15_000;
    const s = assertValidScenario(lotteryWorld(100_000, applicants, cap));
    const engine = new Engine(compileScenario(s), { seed: 8 });
    engine.step(); // period 0: every applicant joins the pool
    const a = engine.agents;
    const us = engine.cs.regions.indexOf("US"); // regions are numbered in sorted code order: O, US
    const mean = engine.skillMean[us];
    const sd = engine.skillSd[us];
    const level = (z: number) => {
      const score = (z - mean) / sd;
      return score >= 0.4399 ? 3 : score >= 0 ? 2 : score >= -0.4125 ? 1 : 0;
    };
    const pooled: number[] = [];
    for (let i = 0; i < a.used; i++) if (a.flags[i] & Flag.Active && a.pending[i] === us + 1) pooled.push(a.id[i]);
    expect(pooled.length).toBeGreaterThan(0.99 * applicants); // nearly all try (a Gumbel draw may still favour O)
    const levelOf = new Map<number, number>();
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < a.used; i++) {
      if (a.pending[i] !== us + 1) continue;
      const L = level(a.skill[i]);
      levelOf.set(a.id[i], L);
      counts[L]++;
    }
    engine.step(); // period 1: the draw; winners start at once
    const winners = [0, 0, 0, 0];
    const b = engine.agents;
    for (let i = 0; i < b.used; i++) {
      const L = levelOf.get(b.id[i]);
      if (L !== undefined && b.flags[i] & Flag.Active && b.region[i] === us) winners[L]++;
    }
    expect(winners.reduce((x, y) => x + y, 0)).toBe(cap);
    const weights = [1, 2, 3, 4];
    const t = solveT(counts, weights, cap);
    for (let L = 0; L < 4; L++) {
      const p = 1 - Math.exp(-weights[L] * t);
      const got = winners[L] / counts[L];
      // Binomial SE (sampling without replacement of a fixed number is less variable still).
      expect(Math.abs(got - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / counts[L]));
    }
    // The pool has a real mix of levels, so the test has power.
    for (const n of counts) expect(n).toBeGreaterThan(5000);
  });
});
