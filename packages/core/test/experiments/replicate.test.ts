import { describe, expect, it } from "vitest";
import {
  compare,
  createReplication,
  elasticity,
  executeRunSpec,
  planCompare,
  replicate,
  runSeed,
  independentRunSeed,
  scenarios,
  simulate,
  type RunOutput,
} from "../../src/index";
import { summarize } from "../../src/experiments/math/studentT";
import { issuePaths } from "../_issues";

const small = () => scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 });

describe("replicate", () => {
  it("replicate(s, {replications, seed}) summarises runs seeded by runSeed(seed, r)", () => {
    const rep = replicate(small(), { replications: 4, seed: 9, metrics: ["stock"] });
    expect(rep.runs.map((r) => r.seed)).toEqual([0, 1, 2, 3].map((r) => runSeed(9, r)));
    const values = [0, 1, 2, 3].map(
      (r) =>
        simulate(small(), { seed: 9, replicate: r, metrics: ["stock"] }).rows.find(
          (x) => x.region === "CA" && x.period === 3,
        )!.value,
    );
    const stat = rep.statistics.find((s) => s.metric === "stock" && s.region === "CA" && s.period === 3)!;
    const expected = summarize(values);
    expect(stat).toMatchObject({
      n: 4,
      mean: expected.mean,
      sd: expected.sd,
      ciLow: expected.ciLow,
      ciHigh: expected.ciHigh,
    });
    expect(stat.halfWidth).toBeCloseTo((expected.ciHigh - expected.ciLow) / 2, 9);
    expect(rep.statistics.every((s) => s.metric === "stock")).toBe(true);
    expect(rep.stopping).toBeUndefined();
  });

  it("replicate is deterministic for a seed and independent of the order outputs are told", () => {
    const options = { replications: 3, seed: 2, metrics: ["stock", "flow"] };
    const a = createReplication(small(), options);
    a.tell(a.ask().map(executeRunSpec));
    const b = createReplication(small(), options);
    b.tell(b.ask().map(executeRunSpec).reverse());
    expect(b.result()).toEqual(a.result());
    expect(replicate(small(), options)).toEqual(a.result());
  });

  it("with a wide targetHalfWidth it stops after the first batch, saying the target was met", () => {
    const rep = replicate(small(), { replications: 3, seed: 1, metrics: ["stock"], targetHalfWidth: 1e9 });
    expect(rep.stopping).toMatchObject({ reason: "target", replications: 3, batches: 1 });
    expect(rep.replications).toBe(3);
  });

  it("with a tiny targetHalfWidth it adds batches up to maxReplications and says so", () => {
    const rep = replicate(small(), {
      replications: 2,
      seed: 1,
      metrics: ["stock"],
      targetHalfWidth: { stock: 1e-9 },
      maxReplications: 5,
      batchSize: 2,
    });
    expect(rep.stopping).toMatchObject({ reason: "maxReplications", replications: 5, batches: 3 });
    expect(rep.runs.map((r) => r.replicate)).toEqual([0, 1, 2, 3, 4]);
    expect(rep.stopping!.widest.halfWidth).toBeGreaterThan(1e-9);
  });

  it("replicate rejects bad arguments with errors naming them", () => {
    expect(issuePaths(() => replicate(small(), { replications: 0, seed: 1 }))).toEqual(["options.replications"]);
    expect(issuePaths(() => replicate(small(), { replications: 2, seed: 1, metrics: ["stok"] }))).toEqual([
      "options.metrics[0]",
    ]);
    expect(issuePaths(() => replicate(small(), { replications: 2, seed: 1, targetHalfWidth: -1 }))).toEqual([
      "options.targetHalfWidth",
    ]);
    expect(issuePaths(() => replicate(small(), { replications: 2, seed: 1, targetHalfWidth: { nope: 1 } }))).toEqual([
      "options.targetHalfWidth.nope",
    ]);
  });
});

describe("compare", () => {
  // Two years: the alliance's measures start in 2026 and need a year to move anyone.
  const o = { agents: 2000, years: 2, burnInYears: 0 };
  const arms = () => ({ baseline: scenarios.baseline(o), alliance: scenarios.alliance2026(o) });

  it("compare runs every arm with the same replicate seeds and reports paired differences", () => {
    const plan = planCompare(arms(), { replications: 4, seed: 5, metrics: ["stock"] });
    const crn = plan.specs.filter((s) => !s.key.includes("/s:"));
    expect(crn.map((s) => s.seed)).toEqual([0, 1, 2, 3, 0, 1, 2, 3].map((r) => runSeed(5, r)));
    const ind = plan.specs.filter((s) => s.key.includes("/s:alliance/"));
    expect(ind.map((s) => s.seed)).toEqual([0, 1, 2, 3].map((r) => independentRunSeed(5, r, "alliance")));
    const outputs: RunOutput[] = plan.specs.map(executeRunSpec);
    const result = plan.aggregate(outputs);
    expect(plan.aggregate([...outputs].reverse())).toEqual(result);
    expect(result).toEqual(compare(arms(), { replications: 4, seed: 5, metrics: ["stock"] }));
    const d = result.differences.find((x) => x.arm === "alliance" && x.region === "CA" && x.period === 7)!;
    const by = (key: string) =>
      outputs.find((x) => x.run === key)!.rows.find((r) => r.region === "CA" && r.period === 7)!.value;
    const diffs = [0, 1, 2, 3].map((r) => by(crn[4 + r].key) - by(crn[r].key));
    expect(d.mean).toBeCloseTo(summarize(diffs).mean, 9);
    expect(d.ciLow).toBeLessThanOrEqual(d.mean);
    expect(d.armMean - d.baselineMean).toBeCloseTo(d.mean, 6);
    expect(result.differences.every((x) => x.metric === "stock")).toBe(true);
  });

  it("common random numbers reduce the variance of the differences (measured factor > 1 for Canada's stock)", () => {
    // The true factor is large (tens): identical shocks leave only the policy's effect in the
    // difference. With 5 replications the ratio of two sample variances is F(4, 4)-distributed
    // around it; 1 is far below its 1% quantile for a true factor above 20. At 10,000 agents (48
    // people each) the alliance moves several agents into Canada by period 7; at 2,000 (239 people
    // each) it moves less than one in expectation, and a seed can give five exact zeros and no
    // measured factor at all.
    const big = { ...o, agents: 10_000 };
    const result = compare(
      { baseline: scenarios.baseline(big), alliance: scenarios.alliance2026(big) },
      { replications: 5, seed: 11, metrics: ["stock"] },
    );
    const d = result.differences.find((x) => x.region === "CA" && x.period === 7)!;
    expect(d.varianceReduction).not.toBeNull();
    expect(d.varianceReduction!).toBeGreaterThan(1);
    expect(result.varianceReductionMethod).toMatch(/measured/);
  });

  it("identical arms differ by exactly 0, with no variance-reduction factor, and a compensating variation of 0", () => {
    const result = compare(
      { baseline: scenarios.baseline(o), same: scenarios.baseline(o) },
      { replications: 2, seed: 1, metrics: ["stock", "welfare"] },
    );
    expect(result.differences.every((d) => d.mean === 0 && d.sd === 0 && d.varianceReduction === null)).toBe(true);
    expect(result.welfare[0].compensatingVariation.estimate).toBe(0);
  });

  it("the compensating variation is exp(dW / beta) - 1 of the mean welfare difference", () => {
    const result = compare(arms(), { replications: 2, seed: 3, metrics: ["welfare"], varianceReduction: false });
    const w = result.welfare[0];
    expect(w.beta).toBe(scenarios.baseline().behavior.beta);
    expect(w.compensatingVariation.estimate).toBeCloseTo(Math.exp(w.dW.mean / w.beta) - 1, 12);
    expect(w.compensatingVariation.ciLow).toBeLessThanOrEqual(w.compensatingVariation.ciHigh);
    expect(result.runs).toBe(4);
  });

  it("compare rejects a missing baseline and zero replications, naming them", () => {
    expect(issuePaths(() => compare({ a: small(), b: small() }, { replications: 2, seed: 1 }))).toEqual([
      "arms.baseline",
    ]);
    expect(issuePaths(() => compare(arms(), { replications: 0, seed: 1 }))).toEqual(["options.replications"]);
  });
});

describe("elasticity", () => {
  it("elasticity(s, {parameter, metric, step}) is the mean of paired per-replicate arc elasticities", () => {
    const e = elasticity(small(), {
      parameter: "regions.CA.grossWage",
      metric: "stock",
      region: "CA",
      step: 0.2,
      replications: 3,
      seed: 4,
    });
    expect(e.x1).toBeCloseTo(e.x0 * 1.2, 6);
    const s1 = { ...small(), regions: { ...small().regions, CA: { ...small().regions.CA, grossWage: e.x1 } } };
    const es = [0, 1, 2].map((r) => {
      const y0 = simulate(small(), { seed: 4, replicate: r }).summary.endStock.CA;
      const y1 = simulate(s1, { seed: 4, replicate: r }).summary.endStock.CA;
      return (y1 - y0) / ((y1 + y0) / 2) / ((e.x1 - e.x0) / ((e.x1 + e.x0) / 2));
    });
    expect(e.elasticity.mean).toBeCloseTo(summarize(es).mean, 9);
    expect(e.elasticity.mean).toBeGreaterThan(0); // a higher Canadian wage keeps and draws workers
  });

  it("elasticity rejects an unknown parameter, an unknown metric and a parameter that is 0", () => {
    expect(
      issuePaths(() =>
        elasticity(small(), { parameter: "behavior.nope", metric: "stock", region: "CA", replications: 2, seed: 1 }),
      ),
    ).toEqual(["options.parameter"]);
    expect(
      issuePaths(() => elasticity(small(), { parameter: "behavior.beta", metric: "stok", replications: 2, seed: 1 })),
    ).toEqual(["options.metric"]);
    expect(
      issuePaths(() =>
        elasticity(small(), {
          parameter: "regions.USR.amenity", // 0 in the baseline: no relative change to divide by
          metric: "stock",
          region: "CA",
          replications: 2,
          seed: 1,
        }),
      ),
    ).toEqual(["options.parameter"]);
  });
});
