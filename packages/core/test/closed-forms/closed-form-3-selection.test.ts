import { describe, expect, it } from "vitest";
import { createSimulation, type Scenario } from "../../src/index";
import { logitWorld } from "../_fixtures";

/** A two-region version of logitWorld: everyone starts in A and looks around once; B is open. */
function twoRegions(agents: number, sigmaA: number, sigmaB: number, amenityB: number): Scenario {
  const s = logitWorld(agents, { A: 0, B: amenityB, C: 0 });
  delete s.regions.C;
  delete s.visas.C;
  s.movingCost = { "A<->B": 0.5 };
  s.regions.A.skillReturn = sigmaA;
  s.regions.B.skillReturn = sigmaB;
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
      return { diff: m[1] / n[1] - m[0] / n[0], se: Math.sqrt(1 / n[0] + 1 / n[1]) };
    };
    const steeper = gap(0.3, 0.7);
    const flatter = gap(0.7, 0.3);
    const equal = gap(0.5, 0.5);
    expect(steeper.diff).toBeGreaterThan(4 * steeper.se); // positive selection
    expect(flatter.diff).toBeLessThan(-4 * flatter.se); // negative selection
    expect(Math.abs(equal.diff)).toBeLessThan(4 * equal.se); // none
  });
});
