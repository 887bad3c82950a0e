import { describe, expect, it } from "vitest";
import { main as replicateAndCompare } from "../replicate-and-compare";
import { main as sweepAndSensitivity } from "../sweep-and-sensitivity";
import { main as calibrationInference } from "../calibration-inference";

const quiet = () => {};

describe("experiments examples", () => {
  it(
    "replicate-and-compare main() reports an interval, paired " +
      "differences, a compensating variation and an elasticity",
    () => {
      const lines: string[] = [];
      const { rep, cmp, e } = replicateAndCompare({
        agents: 2000,
        years: 2,
        replications: 2,
        print: (t) => lines.push(t),
      });
      expect(rep.stopping).toBeDefined();
      expect(cmp.differences.length).toBeGreaterThan(0);
      expect(Number.isFinite(cmp.welfare[0].compensatingVariation.estimate)).toBe(true);
      expect(Number.isFinite(e.elasticity.mean)).toBe(true);
      expect(lines.join("\n")).toContain("welfare: worth");
    },
  );

  it("sweep-and-sensitivity main() sweeps a 3x2 grid and ranks three parameters by Morris and Sobol", () => {
    const { grid, morris, sobol } = sweepAndSensitivity({
      agents: 2000,
      years: 1,
      replications: 2,
      trajectories: 2,
      samples: 4,
      print: quiet,
    });
    expect(grid.points).toHaveLength(6);
    expect(morris.parameters.map((p) => p.path)).toEqual([
      "regions.CA.taxRate",
      "behavior.homeBias",
      "movingCost.DE->CA",
    ]);
    expect(sobol.parameters.every((p) => Number.isFinite(p.st))).toBe(true);
  });
});

describe("calibration inference example", () => {
  it("calibration-inference main() prints standard errors, the " +
    "J test on 2 degrees of freedom and a profile per parameter", () => {
    const lines: string[] = [];
    const fit = calibrationInference({
      agents: 4_000,
      replications: 2,
      maxEvaluations: 5,
      print: (t) => lines.push(t),
    });
    const inf = fit.inference!;
    expect(inf.parameters).toHaveLength(4);
    expect(inf.overidentification!.df).toBe(2);
    expect(inf.profile).toHaveLength(4);
    expect(fit.converged).toBe(false);
    const text = lines.join("\n");
    expect(text).toContain("J = ");
    for (const p of inf.parameters) expect(text).toContain(p);
  }, 120_000);
});

describe("docs/experiments.md", () => {
  it(
    "shows code from the examples verbatim (each ts " +
      "block but the plan sketch is a region of an example, or of the test that runs it)",
    async () => {
      const { readFileSync } = await import("node:fs");
      const read = (p: string) => readFileSync(new URL(p, import.meta.url), "utf8");
      const doc = read("../../docs/experiments.md");
      const files = [
        "../replicate-and-compare.ts",
        "../sweep-and-sensitivity.ts",
        "../parallel-runs.ts",
        "../calibration-inference.ts",
        // The block on graduates who wait for a lottery is run by meanField's graduates test.
        "../../packages/core/test/meanField/graduates.test.ts",
        // The block on entrants who choose their first job is run by meanField's first-job test.
        "../../packages/core/test/meanField/firstJob.test.ts",
      ];
      const examples = files.map((p) =>
        read(p)
          .split("\n")
          .map((l) => l.trim())
          .join("\n"),
      );
      const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) =>
        m[1]
          .split("\n")
          .map((l) => l.trim())
          .join("\n")
          .trim(),
      );
      expect(blocks.length).toBeGreaterThanOrEqual(7);
      // Every block but the sketch of a plan run by hand ("Without the adapters").
      const regions = blocks.filter((b) => !b.startsWith("const plan = planSweep("));
      expect(regions).toHaveLength(blocks.length - 1);
      for (const block of regions)
        expect(
          examples.some((e) => e.includes(block)),
          block,
        ).toBe(true);
    },
  );
});
