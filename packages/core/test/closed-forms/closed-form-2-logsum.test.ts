import { describe, expect, it } from "vitest";
import { simulate } from "../../src/index";
import { logitWorld, softmax } from "../_fixtures";

describe("closed form 2: logsum welfare", () => {
  it("removing option C changes the welfare logsum by ln(1 - s_C)", () => {
    const all = logitWorld(1000);
    const withoutC = logitWorld(1000);
    withoutC.visas.C = { "*": { rule: "probability", admission: 0, permanent: true, permanence: 0, fee: 0 } };
    const sC = softmax([0, -1, -1.5])[2];
    // The logsum of the people in A (the stayers, whose choice set the closed form is about).
    const logsumA = (s: ReturnType<typeof logitWorld>) =>
      simulate(s, { seed: 3 }).rows.find((r) => r.metric === "welfare" && r.region === "A")!.value;
    // Exact but for the skill term: skillReturn 1e-9 times skill-bin centres within +-4 moves
    // each utility by at most beta * 1e-9 * 4.
    const bound = 0.65 * 1e-9 * 4;
    expect(Math.abs(logsumA(withoutC) - logsumA(all) - Math.log(1 - sC))).toBeLessThan(bound);
  });
});
