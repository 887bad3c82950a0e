import { describe, expect, it } from "vitest";
import { simulate } from "../../src/index";
import { logitWorld, softmax } from "../_fixtures";

const N = 200_000;

/** Shares of people in A, B, C after the single period. */
function shares(scenario: ReturnType<typeof logitWorld>, seed = 7) {
  const run = simulate(scenario, { seed });
  const stock = (r: string) => run.rows.find((x) => x.metric === "stock" && x.region === r)!.value;
  const total = stock("A") + stock("B") + stock("C");
  return { A: stock("A") / total, B: stock("B") / total, C: stock("C") / total, run };
}

describe("closed form 1: logit shares", () => {
  it("simulate(logitWorld) gives shares equal to the softmax of V within 4 binomial standard errors", () => {
    const s = logitWorld(N);
    const got = shares(s);
    // V_stay = amenity_A; V_j = amenity_j - movingCost (no income differences: wages, taxes and costs are equal).
    const expected = softmax([0, -0.5 - 0.5, -1 - 0.5]);
    for (const [k, region] of ["A", "B", "C"].entries()) {
      const p = expected[k];
      const se = Math.sqrt((p * (1 - p)) / N);
      expect(Math.abs(got[region as "A" | "B" | "C"] - p)).toBeLessThan(4 * se);
    }
  });

  it("the income elasticity of B's share is beta * (1 - P_B), measured by a paired run", () => {
    const beta = 0.65;
    const step = 0.02; // d ln w
    const base = logitWorld(N);
    const richer = logitWorld(N);
    richer.regions.B.grossWage *= Math.exp(step);
    const p0 = shares(base, 11);
    const p1 = shares(richer, 11);
    const v = [0, -1, -1.5];
    const P = softmax(v)[1];
    const P1 = softmax([0, -1 + beta * step, -1.5])[1];
    const elasticity = (p1.B - p0.B) / p0.B / step;
    // With common random numbers the only agents who differ are the ones who switch to B
    // (monotone coupling), about N * (P1 - P); their count is binomial.
    const switchShare = P1 - P;
    const seElasticity = Math.sqrt((switchShare * (1 - switchShare)) / N) / P / step;
    // The arc over a finite step differs from the point elasticity by a known amount.
    const arc = (P1 - P) / P / step;
    const discretisation = Math.abs(arc - beta * (1 - P));
    expect(Math.abs(elasticity - beta * (1 - P))).toBeLessThan(4 * seElasticity + discretisation);
    expect(discretisation).toBeLessThan(0.01);
  });
});
