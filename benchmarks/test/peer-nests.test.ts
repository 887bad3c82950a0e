// The peers' nested taste shocks (ModelKit.tasteShocks, docs/model.md 3.3.4), which the 5-SE
// stock check at 5,000 agents cannot tell from independent shocks: with the baseline's US nest,
// the Gumbel-max choice among the five regions at fixed values has the nested-logit shares
// within 4 binomial SE at N = 200,000 draws, and independent shocks would be more than 8 SE off.
import { scenarios } from "@talentflow/core";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { ModelKit } from "../peers/_kit";

const N = 200_000;

/** Nested-logit shares of values v, written from the formula; nest[k] < 0 is a nest of its own. */
function nestedLogit(v: readonly number[], nest: readonly number[], lambda: number): number[] {
  const inclusive = v.reduce((sum, x, k) => (nest[k] >= 0 ? sum + Math.exp(x / lambda) : sum), 0);
  const denominator = v.reduce((sum, x, k) => (nest[k] >= 0 ? sum : sum + Math.exp(x)), inclusive ** lambda);
  return v.map((x, k) =>
    nest[k] >= 0 ? (Math.exp(x / lambda) * inclusive ** (lambda - 1)) / denominator : Math.exp(x) / denominator,
  );
}

describe("ModelKit.tasteShocks with the baseline's US nest", () => {
  it("the Gumbel-max choice over tasteShocks has the nested-logit shares within 4 SE (N = 200,000)", () => {
    const kit = new ModelKit(scenarios.baseline({ agents: 1_000 }));
    kit.start(kit.tally());
    kit.beginPeriod();
    const lambda = scenarios.baseline().behavior.nests![0].lambda;
    expect(lambda).toBeLessThan(1);
    const values = kit.regions.map((_, j) => [0.3, -0.2, 0.5, 0.1, -0.6][j]);
    const nest = kit.regions.map((r) => (r === "SV" || r === "USR" ? 0 : -1));
    const random = seedrandom.alea("peer-nests");
    const shocks = new Float64Array(kit.R);
    const counts = new Float64Array(kit.R);
    for (let i = 0; i < N; i++) {
      kit.tasteShocks(random, shocks);
      let best = 0;
      for (let j = 1; j < kit.R; j++) if (values[j] + shocks[j] > values[best] + shocks[best]) best = j;
      counts[best]++;
    }
    const expected = nestedLogit(values, nest, lambda);
    const plain = nestedLogit(values, nest, 1);
    let apart = 0;
    expected.forEach((p, j) => {
      const se = Math.sqrt((p * (1 - p)) / N);
      expect(Math.abs(counts[j] / N - p), kit.regions[j]).toBeLessThan(4 * se);
      apart = Math.max(apart, Math.abs(plain[j] - p) / se);
    });
    expect(apart).toBeGreaterThan(8);
  });
});
