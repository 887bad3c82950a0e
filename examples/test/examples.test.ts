import { describe, expect, it } from "vitest";
import { BASELINE_MOMENTS } from "@talentflow/core";
import { main as demo } from "../demo";
import { main as quickstart } from "../quickstart";
import { main as designYourOwnPolicy } from "../design-your-own-policy";
import { main as moments, TARGETS } from "../moments";

const quiet = () => {};

describe("examples", () => {
  it("demo main() prints the four tables and returns both runs", () => {
    const lines: string[] = [];
    const { baseline, alliance } = demo({ agents: 9500, print: (t) => lines.push(t) });
    const text = lines.join("\n");
    for (const heading of [
      "People working in AI, by region",
      "Net moves between regions",
      "Brain drain in 2036",
      "Welfare",
    ]) {
      expect(text).toContain(heading);
    }
    expect(baseline.summary.endYear).toBe(2036);
    expect(alliance.scenario.name).toBe("alliance2026");
  });

  it("quickstart main() runs baseline and alliance with the same seed", () => {
    const { base, alliance } = quickstart({ agents: 9500, print: quiet });
    expect(base.seed).toBe(alliance.seed);
    expect(base.rows.length).toBeGreaterThan(1000);
  });

  it("design-your-own-policy main() reports paired differences for every replicate", () => {
    const d = designYourOwnPolicy({ agents: 9500, seeds: 2, print: quiet });
    expect(d.CA).toHaveLength(2);
    for (const v of Object.values(d).flat()) expect(Number.isFinite(v)).toBe(true);
  });

  it(
    "moments main() reports every moment of BASELINE_MOMENTS " + "and every current target with a finite model value",
    () => {
      const lines: string[] = [];
      const { moments: rows, targets } = moments({ agents: 19_000, replications: 1, print: (t) => lines.push(t) });
      expect(rows.map((r) => r.moment.name)).toEqual(BASELINE_MOMENTS.map((m) => m.name));
      expect(targets.map((r) => r.target.moment)).toEqual(TARGETS.map((t) => t.moment));
      for (const r of [...rows, ...targets]) expect(Number.isFinite(r.model)).toBe(true);
      for (const r of rows) expect(r.distance).toBe((r.model - r.moment.value) / r.moment.se);
      const text = lines.join("\n");
      expect(text.indexOf("Moments to fit")).toBeLessThan(text.indexOf("Moments kept for validation"));
      // Where a current target shares its counterpart with a moment, both read the same runs.
      const model = (name: string) => rows.find((r) => r.moment.name === name)?.model;
      const target = (name: string) => targets.find((r) => r.target.moment === name)?.model;
      expect(model("canada_migrant_exit_within_5y")).toBe(target("canada_migrant_exit_within_5y"));
      expect(model("ca_domestic_grads_abroad_3y")).toBe(target("canada_stem_grads_abroad_share"));
      expect(model("h1b_selection_rate")).toBe(target("h1b_selection_rate"));
    },
  );
});
