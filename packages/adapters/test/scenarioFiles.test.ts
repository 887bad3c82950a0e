import { getParameter, policies, scenarios, validateScenario, ValidationError } from "@talentflow/core";
import { FileValidationError, parseScenario, readScenarioFile } from "@talentflow/adapters";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { POLICY_REQUIRED } from "../src/files/_schemas";

/** The issues of a text that must be refused, as `line:column path: message` strings. */
function problems(text: string, file = "s.yaml"): string[] {
  try {
    parseScenario(text, { file });
  } catch (e) {
    expect(e).toBeInstanceOf(FileValidationError);
    expect(e).toBeInstanceOf(ValidationError);
    return (e as FileValidationError).issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
  }
  throw new Error("the text was accepted");
}

describe("parseScenario", () => {
  it(
    "parseScenario(extends + set + policies) applies overrides " +
      "by dotted path and adds the policies after the built-in's",
    () => {
      const text = [
        "extends: baseline",
        "agents: 2000",
        "years: 2",
        "set:",
        "  regions.DE.taxRate: 0.38",
        "  movingCost.DE->CA: 2",
        "  lotteries.US-H1B.weighted: false",
        "policies:",
        "  - kind: talentExchange",
        "    partners: [DE, CA]",
        "    from: 2027",
      ].join("\n");
      const s = parseScenario(text, { file: "dir/cheaper.yaml" });
      const base = scenarios.baseline({ agents: 2000, years: 2 });
      expect(s.name).toBe("cheaper");
      expect(s.agents).toBe(2000);
      expect(s.years).toBe(2);
      expect(s.regions.DE.taxRate).toBe(0.38);
      expect(getParameter(s, "movingCost.DE->CA")).toBe(2);
      expect(getParameter(s, "movingCost.CA->DE")).toBe(getParameter(base, "movingCost.CA->DE"));
      expect(s.lotteries["US-H1B"].weighted).toBe(false);
      expect(s.policies.length).toBe(base.policies.length + 1);
      expect(s.policies.at(-1)).toEqual(policies.talentExchange({ partners: ["DE", "CA"], from: 2027 }));
    },
  );

  it("parseScenario(a complete scenario as JSON) returns the scenario core validates", () => {
    const full = scenarios.alliance2026({ agents: 3000 });
    const s = parseScenario(JSON.stringify({ $schema: "./schema/scenario.schema.json", ...full }), {
      file: "full.json",
    });
    expect(s).toEqual(full);
  });

  it(
    "parseScenario(text with several mistakes) lists every " +
      "one with its line, column, path and reason, in file order",
    () => {
      const text = [
        "extends: baseline", // 1
        "set:", // 2
        "  regions.DE.taxRate: 1.4", // 3
        "  regions.DE.taxrate: 0.3", // 4
        "policies:", // 5
        "  - kind: talentExchange", // 6
        "    partners: [DE, XX]", // 7
        "    from: 2027", // 8
        "    slots: -3", // 9
        "  - kind: investmnt", // 10
        "    region: DE", // 11
        "  - kind: investment", // 12
        "    region: DE", // 13
        "    from: 2028", // 14
        "    until: 2027", // 15
      ].join("\n");
      expect(problems(text)).toEqual([
        "3:23 regions.DE.taxRate: must be in [0, 1), got 1.4",
        '4:3 regions.DE.taxrate: unknown field "taxrate" (did you mean "taxRate"?)',
        '7:20 policies.0.partners.1: unknown region "XX" (regions are DE, CA, SV, USR, ROW)',
        "9:12 policies.0.slots: must be >= 0, got -3",
        expect.stringMatching(/^10:11 policies\.1\.kind: unknown kind "investmnt" .*\(did you mean "investment"\?\)$/),
        "12:5 policies.2.amount: is required",
        "15:12 policies.2.until: ends (2027) before it starts (2028)",
      ]);
    },
  );

  it("parseScenario(an unknown built-in or top-level field) suggests the closest name", () => {
    expect(problems("extends: basline\n")).toEqual([
      expect.stringMatching(/^1:10 extends: must be one of .*got "basline" \(did you mean "baseline"\?\)$/),
    ]);
    expect(problems("extends: baseline\nagent: 5000\n")).toEqual([
      '2:1 agent: unknown field "agent" (did you mean "agents"?)',
    ]);
  });

  it("parseScenario(an override of a path that does not exist) names the path and the fields there", () => {
    expect(problems("extends: baseline\nset:\n  behavior.nope.x: 1\n")).toEqual([
      expect.stringMatching(/^3:20 behavior\.nope\.x: behavior has no field "nope"; fields: beta, alpha/),
    ]);
  });

  it("parseScenario(YAML that does not parse) gives the parser's line and column", () => {
    expect(problems("extends: baseline\nyears: 2\n\tagents: 9\n")).toEqual([
      "3:1 : YAML: Tabs are not allowed as indentation",
    ]);
    expect(problems("extends: baseline\nyears: 2\nyears: 3\n")[0]).toMatch(/^3:1 : YAML: .*[Uu]nique/);
  });

  it("parseScenario(a plan) says it is a plan and which command runs it", () => {
    expect(problems("kind: sweep\nscenario: baseline\n")).toEqual([
      expect.stringMatching(/^1:7 kind: this is a plan file .*talentflow sweep/),
    ]);
  });

  it("readScenarioFile(a missing file) is a FileValidationError naming the file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tf-scn-"));
    await expect(readScenarioFile(join(dir, "none.yaml"))).rejects.toThrow(
      /none\.yaml: \(root\): cannot read the file: no such file/,
    );
    await writeFile(join(dir, "ok.yml"), "extends: usFeeLapses\nagents: 2000\n");
    expect((await readScenarioFile(join(dir, "ok.yml"))).name).toBe("ok");
  });

  it("each policy constructor given only the fields POLICY_REQUIRED lists makes a valid policy", () => {
    const values: Record<string, unknown> = {
      partners: ["DE", "CA"],
      from: 2027,
      region: "DE",
      holdersIn: ["SV"],
      places: 100,
      amount: 0.5,
      englishJobShare: 0.5,
      reduction: 0.1,
      path: "regions.DE.amenity",
      expression: "base",
    };
    const kinds = Object.keys(policies);
    expect(Object.keys(POLICY_REQUIRED).sort()).toEqual(kinds.sort());
    for (const [kind, required] of Object.entries(POLICY_REQUIRED)) {
      const input = Object.fromEntries(required.map((k) => [k, values[k]]));
      const policy = (policies as unknown as Record<string, (p: object) => unknown>)[kind](input);
      const s = { ...scenarios.baseline({ agents: 2000 }), policies: [policy] };
      expect(validateScenario(s).issues, kind).toEqual([]);
    }
  });
});
