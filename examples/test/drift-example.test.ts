import { scenarios } from "@talentflow/core";
import { describe, expect, it } from "vitest";
import { main } from "../drift";

describe("drift example", () => {
  it("main() prints the drift of a scenario by meanField and by the ABM, one row per region and citizenship", () => {
    const lines: string[] = [];
    const s = scenarios.baseline({ agents: 2_000 });
    const { mf, abm } = main({ scenario: s, years: 3, replications: 1, print: (t) => lines.push(t) });
    const text = lines.join("\n");
    expect(mf.method).toBe("meanField");
    expect(abm.method).toBe("abm");
    for (const region of Object.keys(s.regions)) expect(text).toMatch(new RegExp(`^\\| ${region} \\| `, "m"));
    for (const c of Object.keys(s.citizenships)) expect(text).toMatch(new RegExp(`^\\| ${c} \\| `, "m"));
    expect(text).toContain("| region | stock 2024 | stock 2026 | stock 2027 |");
    expect(mf.times).toEqual({ start: 2024, burnIn: 2026, longRun: 2027 });
  }, 60_000);
});
