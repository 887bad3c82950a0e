// behavior.nests (docs/model.md 3.3.4): the validator names each bad nest by its path and says
// why; the nest's lambda is a parameter path for sweeps, calibration and custom policies.
import { describe, expect, it } from "vitest";
import {
  getParameter,
  policies,
  setParameter,
  simulate,
  validateScenario,
  withPolicies,
  type Issue,
} from "../../src/index";
import { nestWorld } from "../_fixtures";
import { tinyWorld } from "../_worlds";

/** A scenario under test: changed freely, including into invalid shapes. */
type Draft = any;

/** The issues of the tiny world (regions A, B, C) with these nests. */
function issuesOf(nests: unknown): Issue[] {
  const s: Draft = tinyWorld();
  s.behavior.nests = nests;
  const r = validateScenario(s);
  return r.ok ? [] : r.issues;
}

describe("validateScenario and behavior.nests", () => {
  it("validateScenario accepts disjoint nests of known regions with lambda in (0, 1]", () => {
    expect(issuesOf([{ name: "AB", regions: ["A", "B"], lambda: 1 }])).toEqual([]);
    expect(issuesOf([{ name: "AB", regions: ["A", "B", "C"], lambda: 0.01 }])).toEqual([]);
  });

  it("validateScenario names a lambda out of (0, 1] by its path and shows the value", () => {
    for (const lambda of [0, -0.2, 1.01]) {
      const issues = issuesOf([{ name: "AB", regions: ["A", "B"], lambda }]);
      expect(issues.map((i) => i.path)).toEqual(["behavior.nests.0.lambda"]);
      expect(issues[0].message).toContain(`got ${lambda}`);
    }
  });

  it("validateScenario refuses overlapping nests and names the region's second place", () => {
    const issues = issuesOf([
      { name: "AB", regions: ["A", "B"], lambda: 0.5 },
      { name: "BC", regions: ["B", "C"], lambda: 0.5 },
    ]);
    expect(issues).toEqual([
      { path: "behavior.nests.1.regions.0", message: "region B is in nests AB and BC: nests must not overlap" },
    ]);
  });

  it("validateScenario refuses a region listed twice in one nest", () => {
    const issues = issuesOf([{ name: "AB", regions: ["A", "B", "A"], lambda: 0.5 }]);
    expect(issues).toEqual([
      { path: "behavior.nests.0.regions.2", message: "region A is twice in nest AB: nests must not overlap" },
    ]);
  });

  it("validateScenario refuses an unknown region and a nest of fewer than 2 regions", () => {
    const unknown = issuesOf([{ name: "AZ", regions: ["A", "Z"], lambda: 0.5 }]);
    expect(unknown.map((i) => i.path)).toEqual(["behavior.nests.0.regions.1"]);
    expect(unknown[0].message).toContain('unknown region "Z"');
    const small = issuesOf([{ name: "A", regions: ["A"], lambda: 0.5 }]);
    expect(small).toEqual([{ path: "behavior.nests.0.regions", message: "a nest needs at least 2 regions, got 1" }]);
  });

  it("validateScenario refuses two nests of one name and unknown fields of a nest", () => {
    const twice = issuesOf([
      { name: "N", regions: ["A", "B"], lambda: 0.5 },
      { name: "N", regions: ["C"], lambda: 0.5 },
    ]);
    expect(twice.map((i) => i.path)).toEqual(["behavior.nests.1.name", "behavior.nests.1.regions"]);
    expect(twice[0].message).toBe('nest name "N" is used twice');
    const extra = issuesOf([{ name: "AB", regions: ["A", "B"], lambda: 0.5, rho: 1 }]);
    expect(extra.map((i) => i.path)).toEqual(["behavior.nests.0.rho"]);
  });
});

describe("behavior.nests.NAME.lambda as a parameter path", () => {
  it("getParameter and setParameter read and write a nest's lambda by the nest's name", () => {
    const s = nestWorld(1_000, "DE", 0.5);
    expect(getParameter(s, "behavior.nests.US.lambda")).toBe(0.5);
    const t = setParameter(s, "behavior.nests.US.lambda", 0.3);
    expect(t.behavior.nests![0].lambda).toBe(0.3);
    expect(s.behavior.nests![0].lambda).toBe(0.5);
    expect(getParameter(t, "behavior.nests.0.lambda")).toBe(0.3);
  });

  it("getParameter names the nests when the path's nest does not exist", () => {
    const s = nestWorld(1_000, "DE", 0.5);
    expect(() => getParameter(s, "behavior.nests.EU.lambda")).toThrow(/behavior.nests has no nest "EU"; nests: US/);
    expect(() => getParameter(s, "behavior.nests.US.rho")).toThrow(/a nest's numeric field is lambda/);
  });

  it("a custom policy on behavior.nests.US.lambda acts as the same lambda written in the scenario", () => {
    const written = simulate(nestWorld(20_000, "DE", 0.4), { seed: 2 }).rows.map((r) => r.value);
    const byPolicy = withPolicies(nestWorld(20_000, "DE", 1), [
      policies.custom({ path: "behavior.nests.US.lambda", expression: "0.4", from: 2000 }),
    ]);
    expect(simulate(byPolicy, { seed: 2 }).rows.map((r) => r.value)).toEqual(written);
  });

  it("validateScenario names a custom policy's lambda outside (0, 1]", () => {
    const s = withPolicies(nestWorld(1_000, "DE", 0.5), [
      policies.custom({ path: "behavior.nests.US.lambda", expression: "1.5", from: 2000 }),
    ]);
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    expect(r.issues[0].path).toContain("policies.0");
    expect(r.issues[0].message).toContain("must be <= 1");
  });
});
