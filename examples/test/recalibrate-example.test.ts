import { BASELINE_MOMENTS, scenarios, ValidationError } from "@talentflow/core";
import { describe, expect, it } from "vitest";
import { FIT_PARAMETERS, MEAN_FIELD_MOMENTS, main } from "../recalibrate";

describe("recalibrate example", () => {
  it("FIT_PARAMETERS read the baseline's values back unchanged, within their bounds, tied paths together", () => {
    const base = scenarios.baseline({ years: 3 });
    for (const p of FIT_PARAMETERS) {
      const v = p.get(base);
      expect(v).toBeGreaterThanOrEqual(p.lower);
      expect(v).toBeLessThanOrEqual(p.upper);
      expect(p.before).toBeGreaterThanOrEqual(p.lower);
      expect(p.before).toBeLessThanOrEqual(p.upper);
      // Setting a parameter to its own value changes nothing (up to rounding in the rate of US entrants).
      const same = p.set(base, v);
      expect(p.get(same)).toBeCloseTo(v, 9);
      for (const r of Object.keys(base.regions))
        expect(same.regions[r].entrants).toBeCloseTo(base.regions[r].entrants, 6);
      expect({ ...same, regions: undefined }).toEqual({ ...base, regions: undefined });
    }
    const canadaUs = FIT_PARAMETERS.find((p) => p.name.startsWith("movingCost.CA<->SV"))!;
    const moved = canadaUs.set(base, 3.25);
    expect(moved.movingCost["CA<->SV"]).toBe(3.25);
    expect(moved.movingCost["CA<->USR"]).toBe(3.25);
    expect(moved.movingCost["DE<->SV"]).toBe(base.movingCost["DE<->SV"]);
    const usEntrants = FIT_PARAMETERS.find((p) => p.name.includes("per US worker"))!;
    const grown = usEntrants.set(base, 0.1);
    expect(grown.regions.SV.entrants).toBeCloseTo(0.1 * base.regions.SV.initialStock, 9);
    expect(grown.regions.USR.entrants).toBeCloseTo(0.1 * base.regions.USR.initialStock, 9);
  });

  it("the fit has more fitted moments than parameters, and at least ten sourced ones and four for validation", () => {
    const fitted = MEAN_FIELD_MOMENTS.filter((m) => m.use === "fit");
    expect(fitted.length).toBeGreaterThan(FIT_PARAMETERS.length);
    expect(fitted.filter((m) => m.basis !== "assumed").length).toBeGreaterThanOrEqual(10);
    expect(BASELINE_MOMENTS.filter((m) => m.use === "validation").length).toBeGreaterThanOrEqual(4);
    // Every fitted moment is one the projection computes, so the fit uses all of them.
    expect(BASELINE_MOMENTS.filter((m) => m.use === "fit").every((m) => MEAN_FIELD_MOMENTS.includes(m))).toBe(true);
  });

  it("main({ maxIterations: 1 }) prints estimates, SEs, profiles, every moment's fit and the drift", () => {
    const lines: string[] = [];
    const r = main({ maxIterations: 1, skillBins: 4, abmAgents: 2_000, driftYears: 3, print: (t) => lines.push(t) });
    const text = lines.join("\n");
    expect(r.moments.map((m) => m.id).sort()).toEqual(BASELINE_MOMENTS.map((m) => m.id).sort());
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
    // An accepted Levenberg–Marquardt step never raises the objective.
    expect(r.objective.estimate).toBeLessThanOrEqual(r.objective.start + 1e-12);
    expect(r.overidentification?.df).toBe(
      MEAN_FIELD_MOMENTS.filter((m) => m.use === "fit").length - (FIT_PARAMETERS.length - r.atBound.length),
    );
    expect(r.profiles).toHaveLength(FIT_PARAMETERS.length);
    expect(Object.values(r.weakestDirection.loadings).reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 9);
    expect(r.drift.times).toEqual({ start: 2024, burnIn: 2026, longRun: 2027 });
  }, 120_000);

  it("main() refuses an unknown option, a non-integer budget and an unknown start, naming them", () => {
    const bad = (o: object) => {
      try {
        main(o as never);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => i.path);
      }
      throw new Error("no error");
    };
    expect(bad({ maxIteration: 5 })).toEqual(["maxIteration"]);
    expect(bad({ maxIterations: 2.5, skillBins: 1 })).toEqual(["maxIterations", "skillBins"]);
    expect(bad({ from: "start", profiles: "yes" })).toEqual(["from", "profiles"]);
  });
});
