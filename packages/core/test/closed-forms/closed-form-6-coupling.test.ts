import { describe, expect, it } from "vitest";
import { createSimulation, withPolicies, policies } from "../../src/index";
import { logitWorld } from "../_fixtures";

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

  it(
    "a policy that leaves an agent's options unchanged leaves " +
      "its choice unchanged (German speakers and a language policy)",
    () => {
      // withPolicies on a world where the language barrier matters: non-German speakers are penalised in A.
      const s = logitWorld(50_000);
      s.behavior.languagePenalty = 1.5;
      s.regions.A.englishJobShare = 0.4;
      s.regions.A.germanShare = 0.5;
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
    },
  );
});
