import { describe, expect, it } from "vitest";
import { createSimulation, simulate, withPolicies, policies } from "../src/index";
import { logitWorld, softmax } from "./_fixtures";

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
      const p = expected[k]!;
      const se = Math.sqrt((p * (1 - p)) / N);
      expect(Math.abs(got[region as "A" | "B" | "C"] - p)).toBeLessThan(4 * se);
    }
  });

  it("the income elasticity of B's share is beta * (1 - P_B), measured by a paired run", () => {
    const beta = 0.65;
    const step = 0.02; // d ln w
    const base = logitWorld(N);
    const richer = logitWorld(N);
    richer.regions.B!.grossWage *= Math.exp(step);
    const p0 = shares(base, 11);
    const p1 = shares(richer, 11);
    const v = [0, -1, -1.5];
    const P = softmax(v)[1]!;
    const P1 = softmax([0, -1 + beta * step, -1.5])[1]!;
    const elasticity = (p1.B - p0.B) / p0.B / step;
    // With common random numbers the only agents who differ are the ones who switch to B
    // (monotone coupling), about N * (P1 - P); their count is binomial.
    const switchShare = P1 - P;
    const seElasticity = Math.sqrt(switchShare * (1 - switchShare) / N) / P / step;
    // The arc over a finite step differs from the point elasticity by a known amount.
    const arc = (P1 - P) / P / step;
    const discretisation = Math.abs(arc - beta * (1 - P));
    expect(Math.abs(elasticity - beta * (1 - P))).toBeLessThan(4 * seElasticity + discretisation);
    expect(discretisation).toBeLessThan(0.01);
  });
});

describe("closed form 2: logsum welfare", () => {
  it("removing option C changes the welfare logsum by ln(1 - s_C)", () => {
    const all = logitWorld(1000);
    const withoutC = logitWorld(1000);
    withoutC.visas.C = { "*": { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 } };
    const sC = softmax([0, -1, -1.5])[2]!;
    // The logsum of the people in A (the stayers, whose choice set the closed form is about).
    const logsumA = (s: ReturnType<typeof logitWorld>) =>
      simulate(s, { seed: 3 }).rows.find((r) => r.metric === "welfare" && r.region === "A")!.value;
    // Exact but for the skill term: skillReturn 1e-9 times skill-bin centres within +-4 moves
    // each utility by at most beta * 1e-9 * 4.
    const bound = 0.65 * 1e-9 * 4;
    expect(Math.abs(logsumA(withoutC) - logsumA(all) - Math.log(1 - sC))).toBeLessThan(bound);
  });
});

describe("closed form 6: monotone coupling", () => {
  it("raising B's value in a paired one-period run changes no agent's choice except to B", () => {
    const base = logitWorld(50_000);
    const better = logitWorld(50_000, { A: 0, B: -0.2, C: -1 });
    const a = createSimulation(base, { seed: 5 });
    const b = createSimulation(better, { seed: 5 });
    a.step();
    b.step();
    const pa = a.agents();
    const pb = b.agents();
    expect(Array.from(pb.id)).toEqual(Array.from(pa.id));
    let changed = 0;
    for (let k = 0; k < pa.id.length; k++) {
      if (pa.region[k] !== pb.region[k]) {
        changed++;
        expect(pb.region[k]).toBe("B");
      }
    }
    expect(changed).toBeGreaterThan(100);
  });

  it("a policy that leaves an agent's options unchanged leaves its choice unchanged (German speakers and a language policy)", () => {
    // withPolicies on a world where the language barrier matters: non-German speakers are penalised in A.
    const s = logitWorld(50_000);
    s.behavior.languagePenalty = 1.5;
    s.regions.A!.englishJobShare = 0.4;
    s.regions.A!.germanShare = 0.5;
    const open = withPolicies(s, [policies.languageAccess({ region: "A", englishJobShare: 1, from: 2000 })]);
    const a = createSimulation(s, { seed: 9 });
    const b = createSimulation(open, { seed: 9 });
    a.step();
    b.step();
    const pa = a.agents();
    const pb = b.agents();
    let germanSpeakers = 0;
    let othersChanged = 0;
    for (let k = 0; k < pa.id.length; k++) {
      if (pa.german[k]) {
        germanSpeakers++;
        expect(pb.region[k]).toBe(pa.region[k]);
      } else if (pa.region[k] !== pb.region[k]) {
        othersChanged++;
        expect(pb.region[k]).toBe("A"); // only towards the option the policy improved
      }
    }
    expect(germanSpeakers).toBeGreaterThan(20_000);
    expect(othersChanged).toBeGreaterThan(100);
  });
});
