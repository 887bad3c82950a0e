import { BASELINE_MOMENTS, scenarios, ValidationError } from "@talentflow/core";
import { describe, expect, it } from "vitest";
import { FIT_PARAMETERS, main, MEAN_FIELD_MOMENTS } from "../recalibrate-meanfield";

describe("recalibrate-meanfield example", () => {
  it("FIT_PARAMETERS applied at their baseline values give back the baseline, mixes summing to 1", () => {
    const base = scenarios.baseline({ years: 3 });
    for (const p of FIT_PARAMETERS) {
      expect(p.lower).toBeLessThan(p.upper);
      const same = p.apply(base, p.start(base));
      for (const r of Object.keys(base.regions)) {
        for (const field of ["initialCitizenship", "entrantCitizenship"] as const) {
          const mix = same.regions[r][field];
          for (const [c, v] of Object.entries(base.regions[r][field])) expect(mix[c]).toBeCloseTo(v, 12);
        }
      }
      expect(same.behavior).toEqual(base.behavior);
      expect(same.movingCost).toEqual(base.movingCost);
    }
    const moved = FIT_PARAMETERS.find((p) => p.name === "regions.SV.mix.CN")!.apply(base, 0.2);
    const sv = moved.regions.SV.initialCitizenship;
    expect(sv.CN).toBe(0.2);
    expect(Object.values(sv).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // The other citizenships keep their proportions among themselves.
    expect(sv.IN / sv.US).toBeCloseTo(
      base.regions.SV.initialCitizenship.IN / base.regions.SV.initialCitizenship.US,
      12,
    );
  });

  it("main({ maxEvaluations: 5 }) prints estimates, every moment's fit and the drift, one row each", () => {
    const lines: string[] = [];
    const r = main({ maxEvaluations: 5, restarts: 0, abmAgents: 2_000, driftYears: 3, print: (t) => lines.push(t) });
    const text = lines.join("\n");
    expect(r.moments.map((m) => m.id).sort()).toEqual(BASELINE_MOMENTS.map((m) => m.id).sort());
    expect(r.moments.filter((m) => m.by === "meanField").map((m) => m.id)).toEqual(MEAN_FIELD_MOMENTS.map((m) => m.id));
    for (const m of r.moments) {
      expect(Number.isFinite(m.model)).toBe(true);
      expect(m.distance).toBeCloseTo((m.model - m.value) / m.se, 12);
      expect(text).toMatch(new RegExp(`^\\| ${m.use} \\| ${m.id} \\| ${m.name} \\|`, "m"));
    }
    for (const p of FIT_PARAMETERS) {
      expect(r.estimate[p.name]).toBeGreaterThanOrEqual(p.lower);
      expect(r.estimate[p.name]).toBeLessThanOrEqual(p.upper);
      expect(text).toContain(`| ${p.name} |`);
    }
    // Nelder–Mead keeps its best point, so the estimate is no worse than the start.
    expect(r.objective.estimate).toBeLessThanOrEqual(r.objective.start + 1e-9);
    expect(r.drift.times).toEqual({ start: 2024, burnIn: 2026, longRun: 2027 });
    for (const region of Object.keys(r.scenario.regions)) expect(text).toMatch(new RegExp(`^\\| ${region} \\| `, "m"));
  }, 120_000);

  it("main() refuses an unknown option, a non-integer budget and a start outside the bounds, naming them", () => {
    const bad = (o: object) => {
      try {
        main(o as never);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => i.path);
      }
      throw new Error("no error");
    };
    expect(bad({ maxEvaluation: 5 })).toEqual(["maxEvaluation"]);
    expect(bad({ maxEvaluations: 2.5, restarts: -1 })).toEqual(["maxEvaluations", "restarts"]);
    expect(bad({ from: { "regions.CA.amenity": 9, "behavior.homeBia": 1 } })).toEqual([
      "from.regions.CA.amenity",
      "from.behavior.homeBia",
    ]);
  });
});
