// docs/scenarios.md, "Nests of close substitutes": the example runs as written, and the error
// line the section quotes is the one validation gives.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getParameter, scenarios, setParameter, simulate, validateScenario } from "../../src/index";

const SCENARIOS_DOC = new URL("../../../../docs/scenarios.md", import.meta.url);

/** The text of the `### Nests of close substitutes` section. */
function section(): string {
  const text = readFileSync(SCENARIOS_DOC, "utf8");
  const start = text.indexOf("\n### Nests of close substitutes\n");
  expect(start).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf("\n## ", start + 1));
}

describe("docs/scenarios.md, section Nests of close substitutes", () => {
  it("the section's example sets, reads and runs behavior.nests.US.lambda as it says", () => {
    const doc = section();
    const lines = [
      'base.behavior.nests = [{ name: "US", regions: ["SV", "USR"], lambda: 0.5 }];',
      'const closer = setParameter(base, "behavior.nests.US.lambda", 0.3);',
      'getParameter(closer, "behavior.nests.US.lambda"); // => 0.3',
    ];
    for (const line of lines) expect(doc).toContain(line);
    const base = scenarios.baseline({ agents: 2_000, years: 1, burnInYears: 0 });
    base.behavior.nests = [{ name: "US", regions: ["SV", "USR"], lambda: 0.5 }];
    const closer = setParameter(base, "behavior.nests.US.lambda", 0.3);
    expect(getParameter(closer, "behavior.nests.US.lambda")).toBe(0.3);
    expect(simulate(closer, { seed: 1 }).rows.length).toBeGreaterThan(0);
  });

  it("validateScenario gives the overlapping-nests line the section quotes", () => {
    const s = scenarios.baseline({ agents: 2_000 });
    s.behavior.nests = [
      { name: "US", regions: ["SV", "USR"], lambda: 0.5 },
      { name: "NA", regions: ["SV", "CA"], lambda: 0.5 },
    ];
    const r = validateScenario(s);
    expect(r.ok).toBe(false);
    const issue = r.issues[0];
    expect(section()).toContain(`\n${issue.path}: ${issue.message}\n`);
  });
});
