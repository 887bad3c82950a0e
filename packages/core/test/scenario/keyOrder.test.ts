import { describe, expect, it } from "vitest";
import { meanField, scenarioHash, scenarios, simulate } from "../../src/index";
import type { Scenario } from "../../src/scenario/types";

/** A copy of `record` with its keys in reverse order (the same content). */
function reversed<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).reverse());
}

const base = (): Scenario => scenarios.alliance2026({ agents: 4000, years: 2, burnInYears: 1 });

describe("key order", () => {
  for (const map of ["regions", "citizenships"] as const) {
    it(
      `simulate(s, {seed}) returns identical rows and summary ` +
        `when the keys of ${map} are written in another order`,
      () => {
        const s = base();
        const t = base();
        t[map] = reversed<unknown>(t[map]) as never;
        expect(Object.keys(t[map])).not.toEqual(Object.keys(s[map]));
        expect(scenarioHash(t)).toBe(scenarioHash(s));
        const a = simulate(s, { seed: 5 });
        const b = simulate(t, { seed: 5 });
        expect(b.run).toBe(a.run);
        expect(b.rows).toEqual(a.rows);
        expect(b.summary).toEqual(a.summary);
      },
    );
  }

  it(
    "meanField(s) returns identical rows when the keys of " +
      "regions and citizenships are both written in another order",
    () => {
      const s = base();
      const t = base();
      t.regions = reversed(t.regions);
      t.citizenships = reversed(t.citizenships);
      expect(meanField(t).rows).toEqual(meanField(s).rows);
    },
  );
});
