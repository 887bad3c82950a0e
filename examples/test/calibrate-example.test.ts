import { getParameter, scenarios } from "@talentflow/core";
import { describe, expect, it } from "vitest";
import { main, PARAMETERS } from "../calibrate-baseline";
import { TARGETS } from "../moments";

describe("calibrate-baseline example", () => {
  it("PARAMETERS names only keys the baseline sets, each box holding the baseline's value (the start)", () => {
    const base = scenarios.baseline();
    for (const [path, box] of Object.entries(PARAMETERS)) {
      const [head, key] = path.split(".");
      if (head === "movingCost") expect(Object.keys(base.movingCost), path).toContain(key);
      expect(getParameter(base, path), path).toBeGreaterThanOrEqual(box.lower);
      expect(getParameter(base, path), path).toBeLessThanOrEqual(box.upper);
    }
  });

  it("main() calibrates the baseline's tuned parameters to the six targets and prints the fit moment by moment", () => {
    const lines: string[] = [];
    const result = main({ agents: 9500, replications: 1, maxEvaluations: 5, print: (t) => lines.push(t) });
    const text = lines.join("\n");
    expect(result.fit.map((f) => f.name)).toEqual(TARGETS.map((t) => t.moment));
    for (const f of result.fit) {
      expect(Number.isFinite(f.model)).toBe(true);
      expect(text).toContain(f.name);
    }
    for (const [path, box] of Object.entries(PARAMETERS)) {
      expect(result.estimate[path]).toBeGreaterThanOrEqual(box.lower);
      expect(result.estimate[path]).toBeLessThanOrEqual(box.upper);
    }
    expect(text).toContain("objective");
  }, 120_000);
});
