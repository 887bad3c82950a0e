import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PARAMETER_SOURCES, describeParameter, scenarios } from "../src/index";
import { SCENARIOS_DOC, main, renderParametersTable, updateParametersSection, valueAt } from "../../../docs/tools/scenarios-table";

/** Every path under `prefix` whose value is a number. */
function numericLeaves(value: unknown, prefix: string): string[] {
  if (typeof value === "number") return [prefix];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) => numericLeaves(v, `${prefix}.${key}`));
}

describe("docs/scenarios.md", () => {
  it("contains renderParametersTable() verbatim between its parameter markers", () => {
    const text = readFileSync(SCENARIOS_DOC, "utf8");
    const table = renderParametersTable();
    expect(text).toContain(table);
    expect(updateParametersSection(text, table)).toBe(text);
  });

  it("main(['--check']) returns 0 when the file is up to date", () => {
    expect(main(["--check"])).toBe(0);
  });

  it("renderParametersTable() has one row per entry of PARAMETER_SOURCES", () => {
    const rows = renderParametersTable().split("\n").slice(2);
    expect(rows).toHaveLength(PARAMETER_SOURCES.length);
  });
});

describe("PARAMETER_SOURCES", () => {
  const base = scenarios.baseline();

  it("gives a source for every numeric default of baseline().behavior and baseline().regions", () => {
    const leaves = [...numericLeaves(base.behavior, "behavior"), ...numericLeaves(base.regions, "regions")];
    expect(leaves.length).toBeGreaterThan(90);
    expect(leaves.filter((path) => describeParameter(path) === undefined)).toEqual([]);
  });

  it("names only paths that baseline() has, each once", () => {
    expect(PARAMETER_SOURCES.filter((p) => valueAt(base, p.path) === undefined).map((p) => p.path)).toEqual([]);
    const paths = PARAMETER_SOURCES.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("has an entry policies.N for every policy of baseline()", () => {
    const missing = base.policies.map((_, k) => `policies.${k}`).filter((path) => !PARAMETER_SOURCES.some((p) => p.path === path));
    expect(missing).toEqual([]);
    expect(PARAMETER_SOURCES.filter((p) => p.path.startsWith("policies.")).length).toBe(base.policies.length);
  });

  it("has a non-empty source sentence for every entry", () => {
    expect(PARAMETER_SOURCES.filter((p) => p.source.trim().length < 5).map((p) => p.path)).toEqual([]);
  });
});

describe("describeParameter", () => {
  it("describeParameter(path) returns the entry of that path", () => {
    expect(describeParameter("behavior.beta")?.basis).toBe("sourced");
    expect(describeParameter("regions.DE.grossWage")?.path).toBe("regions.DE.grossWage");
  });

  it("describeParameter('movingCost.A->B') finds the two-way key that sets it", () => {
    expect(describeParameter("movingCost.CA->SV")?.path).toBe("movingCost.CA<->SV");
    expect(describeParameter("movingCost.SV->CA")?.path).toBe("movingCost.CA<->SV");
  });

  it("describeParameter of one share of a mix returns the mix's entry", () => {
    expect(describeParameter("regions.SV.entrantCitizenship.IN")?.path).toBe("regions.SV.entrantCitizenship");
  });

  it("describeParameter of an unknown path is undefined", () => {
    expect(describeParameter("behavior.unknown")).toBeUndefined();
    expect(describeParameter("visaFriction.US->SV")).toBeUndefined();
  });
});
