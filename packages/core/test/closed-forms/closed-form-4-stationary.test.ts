import { describe, expect, it } from "vitest";
import { meanField, simulate, type Scenario } from "../../src/index";
import { logitWorld, softmax } from "../_fixtures";

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
  const stepChain = (x: number[]) => [0, 1, 2].map((j) => x.reduce((acc, xr, r) => acc + xr * M[r][j], 0));
  let pi = [1, 0, 0];
  for (let i = 0; i < 100_000; i++) pi = stepChain(pi);
  const path: number[][] = [];
  let x = [1, 0, 0];
  for (let t = 0; t < years; t++) path.push((x = stepChain(x)));
  const gapT = Math.max(...path[years - 1].map((v, j) => Math.abs(v - pi[j])));

  it("pi solves pi = pi M", () => {
    const again = stepChain(pi);
    pi.forEach((v, j) => expect(Math.abs(again[j] - v)).toBeLessThan(1e-14));
    expect(gapT).toBeLessThan(1e-6); // after 40 periods the chain has converged
  });

  it("meanField follows pi_0 M^t exactly and reaches pi", () => {
    const mf = meanField(frozen(), { skillBins: 4 });
    for (let t = 0; t < years; t++) {
      const stock = ["A", "B", "C"].map((r) => mf.stock[r][t]);
      const total = stock.reduce((a, b) => a + b, 0);
      // skillReturn 1e-9 moves utilities by at most ~1e-8: the shares match the chain to 1e-7.
      stock.forEach((v, j) => expect(Math.abs(v / total - path[t][j])).toBeLessThan(1e-7));
    }
    const end = ["A", "B", "C"].map((r) => mf.stock[r][years - 1]);
    const last = end.map((v) => v / end.reduce((a, b) => a + b, 0));
    last.forEach((v, j) => expect(Math.abs(v - pi[j])).toBeLessThan(gapT + 1e-7));
  });

  it("the ABM's regional shares converge to pi (within 4 binomial SEs plus the chain's remaining gap)", () => {
    const run = simulate(frozen(), { seed: 31, metrics: ["stock"] });
    const stock = (r: string) =>
      run.rows.find((x) => x.metric === "stock" && x.region === r && x.period === years - 1)!.value;
    const total = stock("A") + stock("B") + stock("C");
    ["A", "B", "C"].forEach((r, j) => {
      expect(Math.abs(stock(r) / total - pi[j])).toBeLessThan(4 * Math.sqrt((pi[j] * (1 - pi[j])) / total) + gapT);
    });
  });
});
