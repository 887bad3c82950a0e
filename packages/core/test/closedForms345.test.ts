import { describe, expect, it } from "vitest";
import { createSimulation, assertValidScenario, meanField, simulate, type Scenario } from "../src/index";
import { compileScenario } from "../src/model/_compile";
import { Engine } from "../src/engine/_engine";
import { Flag } from "../src/engine/_agentColumns";
import { logitWorld, softmax } from "./_fixtures";

/** A two-region version of logitWorld: everyone starts in A and looks around once; B is open. */
function twoRegions(agents: number, sigmaA: number, sigmaB: number, amenityB: number): Scenario {
  const s = logitWorld(agents, { A: 0, B: amenityB, C: 0 });
  delete s.regions.C;
  delete s.visas.C;
  s.movingCost = { "A<->B": 0.5 };
  s.regions.A!.skillReturn = sigmaA;
  s.regions.B!.skillReturn = sigmaB;
  return s;
}

describe("closed form 3: selection by skill", () => {
  const N = 200_000;
  const beta = 0.65;

  /** After one period: skills and whether each agent moved to B. */
  function oneStep(s: Scenario, seed = 21) {
    const sim = createSimulation(s, { seed });
    sim.step();
    const p = sim.agents();
    return { skill: Array.from(p.skill), moved: p.region.map((r) => r === "B") };
  }

  it("in each skill bin, the share moving to B is the logit at that z (within 4 binomial SEs)", () => {
    const sigmaA = 0.3;
    const sigmaB = 0.7;
    const amenityB = 0.2;
    const { skill, moved } = oneStep(twoRegions(N, sigmaA, sigmaB, amenityB));
    // V_B - V_A = beta * (sigma_B - sigma_A) * z + amenity_B - movingCost (wages, taxes, costs equal).
    const logit = (z: number) => 1 / (1 + Math.exp(-(beta * (sigmaB - sigmaA) * z + amenityB - 0.5)));
    let bins = 0;
    for (let lo = -2.5; lo < 2.5; lo += 0.5) {
      let n = 0;
      let k = 0;
      let expected = 0;
      skill.forEach((z, i) => {
        if (z < lo || z >= lo + 0.5) return;
        n++;
        if (moved[i]) k++;
        expected += logit(z); // the logit at each agent's own z, averaged over the bin
      });
      if (n < 1000) continue;
      const p = expected / n;
      expect(Math.abs(k / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
      bins++;
    }
    expect(bins).toBeGreaterThanOrEqual(8);
  });

  it("movers have a higher mean skill than stayers exactly when sigma_B > sigma_A", () => {
    const gap = (sigmaA: number, sigmaB: number) => {
      const { skill, moved } = oneStep(twoRegions(N, sigmaA, sigmaB, 0.2));
      const m = [0, 0];
      const n = [0, 0];
      skill.forEach((z, i) => {
        m[moved[i] ? 1 : 0] += z;
        n[moved[i] ? 1 : 0]++;
      });
      // SE of a difference of means of unit-variance skills.
      return { diff: m[1]! / n[1]! - m[0]! / n[0]!, se: Math.sqrt(1 / n[0]! + 1 / n[1]!) };
    };
    const steeper = gap(0.3, 0.7);
    const flatter = gap(0.7, 0.3);
    const equal = gap(0.5, 0.5);
    expect(steeper.diff).toBeGreaterThan(4 * steeper.se); // positive selection
    expect(flatter.diff).toBeLessThan(-4 * flatter.se); // negative selection
    expect(Math.abs(equal.diff)).toBeLessThan(4 * equal.se); // none
  });
});

/**
 * A lottery world: natives (citizenship U) in region US, applicants (citizenship X) in region O.
 * Everyone looks around every period; US is worth so much more that every applicant tries it, and
 * the US rule for X is the weighted lottery L (cap in people, scale 1). Period 0 fills the pool,
 * period 1 draws, and winners start at once (startDelay 0).
 */
function lotteryWorld(natives: number, applicants: number, cap: number): Scenario {
  const s = logitWorld(natives + applicants, { A: 0, B: 0, C: 0 });
  const region = (country: string, stock: number, citizen: string, amenity: number, mean: number) => ({
    ...s.regions.A!,
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
  const f = (t: number) => counts.reduce((acc, n, k) => acc + n * (1 - Math.exp(-weights[k]! * t)), 0) - cap;
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
    const mean = engine.skillMean[us]!;
    const sd = engine.skillSd[us]!;
    const level = (z: number) => {
      const score = (z - mean) / sd;
      return score >= 0.4399 ? 3 : score >= 0 ? 2 : score >= -0.4125 ? 1 : 0;
    };
    const pooled: number[] = [];
    for (let i = 0; i < a.used; i++) if (a.flags[i]! & Flag.Active && a.pending[i] === us + 1) pooled.push(a.id[i]!);
    expect(pooled.length).toBeGreaterThan(0.99 * applicants); // nearly all try (a Gumbel draw may still favour O)
    const levelOf = new Map<number, number>();
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < a.used; i++) {
      if (a.pending[i] !== us + 1) continue;
      const L = level(a.skill[i]!);
      levelOf.set(a.id[i]!, L);
      counts[L]++;
    }
    engine.step(); // period 1: the draw; winners start at once
    const winners = [0, 0, 0, 0];
    const b = engine.agents;
    for (let i = 0; i < b.used; i++) {
      const L = levelOf.get(b.id[i]!);
      if (L !== undefined && b.flags[i]! & Flag.Active && b.region[i] === us) winners[L]++;
    }
    expect(winners.reduce((x, y) => x + y, 0)).toBe(cap);
    const weights = [1, 2, 3, 4];
    const t = solveT(counts, weights, cap);
    for (let L = 0; L < 4; L++) {
      const p = 1 - Math.exp(-weights[L]! * t);
      const got = winners[L]! / counts[L]!;
      // Binomial SE (sampling without replacement of a fixed number is less variable still).
      expect(Math.abs(got - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / counts[L]!));
    }
    // The pool has a real mix of levels, so the test has power.
    for (const n of counts) expect(n).toBeGreaterThan(5000);
  });
});


describe("closed form 4: stationary distribution, by the ABM and by meanField", () => {
  // Wages, policies, diaspora and ages frozen; no demography or lottery: one type of person
  // (citizenship X, home A) moving among A, B, C, all open. Each period a person looks around with
  // probability p and then picks j with the logit P[r][j] = softmax_j(V_j - kappa [j != r]), so
  // the regional shares follow the Markov chain M = (1 - p) I + p P and converge to pi = pi M.
  const amenity = { A: 0, B: -0.2, C: 0.3 };
  const H = 0.4;
  const kappa = 0.5;
  const considerRate = 0.5;
  const years = 40;
  const N = 50_000;
  function frozen(): Scenario {
    const s = logitWorld(N, amenity, kappa);
    s.years = years;
    s.behavior.considerRate = considerRate;
    s.behavior.homeBias = H;
    // Initial ages reach up to retirementAge, so a few people retire each period; age does not
    // enter choices (ageCost 0) and ages are independent of regions, so shares are unaffected.
    s.behavior.retirementAge = 200;
    return s;
  }
  const V = [amenity.A + H, amenity.B, amenity.C];
  const P = [0, 1, 2].map((r) => softmax(V.map((v, j) => v - (j === r ? 0 : kappa))));
  const p = 1 - Math.exp(-considerRate);
  const M = P.map((row, r) => row.map((x, j) => (1 - p) * (r === j ? 1 : 0) + p * x));
  const stepChain = (x: number[]) => [0, 1, 2].map((j) => x.reduce((acc, xr, r) => acc + xr * M[r]![j]!, 0));
  let pi = [1, 0, 0];
  for (let i = 0; i < 100_000; i++) pi = stepChain(pi);
  const path: number[][] = [];
  let x = [1, 0, 0];
  for (let t = 0; t < years; t++) path.push((x = stepChain(x)));
  const gapT = Math.max(...path[years - 1]!.map((v, j) => Math.abs(v - pi[j]!)));

  it("pi solves pi = pi M", () => {
    const again = stepChain(pi);
    pi.forEach((v, j) => expect(Math.abs(again[j]! - v)).toBeLessThan(1e-14));
    expect(gapT).toBeLessThan(1e-6); // after 40 periods the chain has converged
  });

  it("meanField follows pi_0 M^t exactly and reaches pi", () => {
    const mf = meanField(frozen(), { skillBins: 4 });
    for (let t = 0; t < years; t++) {
      const stock = ["A", "B", "C"].map((r) => mf.stock[r]![t]!);
      const total = stock.reduce((a, b) => a + b, 0);
      // skillReturn 1e-9 moves utilities by at most ~1e-8: the shares match the chain to 1e-7.
      stock.forEach((v, j) => expect(Math.abs(v / total - path[t]![j]!)).toBeLessThan(1e-7));
    }
    const end = ["A", "B", "C"].map((r) => mf.stock[r]![years - 1]!);
    const last = end.map((v) => v / end.reduce((a, b) => a + b, 0));
    last.forEach((v, j) => expect(Math.abs(v - pi[j]!)).toBeLessThan(gapT + 1e-7));
  });

  it("the ABM's regional shares converge to pi (within 4 binomial SEs plus the chain's remaining gap)", () => {
    const run = simulate(frozen(), { seed: 31, metrics: ["stock"] });
    const stock = (r: string) => run.rows.find((x) => x.metric === "stock" && x.region === r && x.period === years - 1)!.value;
    const total = stock("A") + stock("B") + stock("C");
    ["A", "B", "C"].forEach((r, j) => {
      expect(Math.abs(stock(r) / total - pi[j]!)).toBeLessThan(4 * Math.sqrt((pi[j]! * (1 - pi[j]!)) / total) + gapT);
    });
  });
});
