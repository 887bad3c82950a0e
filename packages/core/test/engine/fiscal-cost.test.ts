import { describe, expect, it } from "vitest";
import { simulate, type TidyRow } from "../../src/index";
import { region, tinyWorld } from "../_worlds";

/**
 * The `fiscalCost` metric (docs/model.md 3.3.14): investment the policies add, and the tax revenue
 * a tax incentive forgoes on the agents who hold it. In the tiny world wages are 100,000 USD at any
 * skill (skillReturn 1e-9, no feedback), so the forgone tax per holder and quarter is
 * reduction × 100,000 / 4, up to e^(1e-9 × |z|) − 1 (below 1e-8 for |z| < 10).
 */
const rowValue = (rows: readonly TidyRow[], metric: string, region: string, period: number) =>
  rows.find((r) => r.metric === metric && r.region === region && r.period === period)?.value;

function world(policies: ReturnType<typeof tinyWorld>["policies"]) {
  const s = tinyWorld({ years: 2, periodsPerYear: 4 });
  s.regions.A = region("AA", 20_000);
  s.regions.B = region("BB", 0, { amenity: 0.5 });
  s.behavior.considerRate = 0.4;
  s.policies = policies;
  return s;
}

describe("fiscalCost", () => {
  it("simulate reports an investment policy's amount per quarter in USD, 0 elsewhere and before it starts", () => {
    const { rows } = simulate(world([{ kind: "investment", region: "B", amount: 2, from: 2031 }]), { seed: 5 });
    expect(rowValue(rows, "fiscalCost", "B", 3)).toBe(0);
    expect(rowValue(rows, "fiscalCost", "B", 4)).toBe(2e9 / 4);
    expect(rowValue(rows, "fiscalCost", "B", 7)).toBe(2e9 / 4);
    expect(rowValue(rows, "fiscalCost", "A", 7)).toBe(0);
  });

  it("simulate counts economicCooperation's investment as it ramps in, not regulatoryAlignment's gain", () => {
    const { rows } = simulate(
      world([
        { kind: "economicCooperation", partners: ["A", "B"], investment: { A: 1, B: 3 }, from: 2030, rampYears: 1 },
        {
          kind: "regulatoryAlignment",
          partners: ["A", "B"],
          certifiedShare: 1,
          assessmentCost: 0.5,
          exportShare: 1,
          investmentElasticity: 1,
          frictionCut: 0,
          from: 2030,
        },
      ]),
      { seed: 5 },
    );
    expect(rowValue(rows, "fiscalCost", "B", 0)).toBe(0);
    expect(rowValue(rows, "fiscalCost", "B", 2)).toBe((0.5 * 3 * 1e9) / 4);
    expect(rowValue(rows, "fiscalCost", "A", 6)).toBe(1e9 / 4);
  });

  it("simulate reports a one-quarter tax incentive's forgone revenue: reduction × wage / 4 per new arrival", () => {
    const incentive = {
      kind: "taxIncentive" as const,
      region: "B",
      reduction: 0.1,
      years: 0.25,
      target: "newcomers" as const,
    };
    const { rows } = simulate(world([{ ...incentive, from: 2030 }]), { seed: 5 });
    let checked = 0;
    for (let period = 0; period < 8; period++) {
      // Every agent in B is a newcomer (B starts empty, everyone is a citizen of A's country), and
      // with a window of one quarter exactly those who arrived in this quarter hold the incentive.
      const inflow = rows.find((r) => r.metric === "inflows" && r.region === "B" && r.period === period)!.value;
      const expected = (inflow * 0.1 * 100_000) / 4;
      const cost = rowValue(rows, "fiscalCost", "B", period)!;
      expect(Math.abs(cost - expected), `period ${period}: ${cost} vs ${expected}`).toBeLessThan(
        expected * 1e-8 + 1e-6,
      );
      if (inflow > 0) checked++;
    }
    expect(checked, "quarters with arrivals").toBeGreaterThan(4);
  });

  it("simulate reports no forgone revenue for an incentive that targets returnees when only newcomers arrive", () => {
    const incentive = {
      kind: "taxIncentive" as const,
      region: "B",
      reduction: 0.1,
      years: 5,
      target: "returnees" as const,
    };
    const { rows } = simulate(world([{ ...incentive, from: 2030 }]), { seed: 5 });
    const inB = rows.filter((r) => r.metric === "stock" && r.region === "B" && r.value > 0);
    expect(inB.length, "periods with people in B").toBeGreaterThan(4);
    expect(rows.filter((r) => r.metric === "fiscalCost" && r.value !== 0)).toEqual([]);
  });
});
