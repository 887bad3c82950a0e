import { compare, replicate, scenarios, sweep } from "@talentflow/core";
import { describe, expect, it } from "vitest";
import { main } from "../parallel-runs";

describe("examples/parallel-runs.ts", () => {
  it("main({workers: 2}) gives core's replicate, compare and " +
    "sweep results, number for number, and prints progress per run", async () => {
    const lines: string[] = [];
    const agents = 2000;
    const years = 1;
    const { rep, cmp, grid } = await main({ agents, years, replications: 3, workers: 2, print: (t) => lines.push(t) });
    const base = scenarios.baseline({ agents, years });
    expect(rep).toEqual(replicate(base, { replications: 3, seed: 1, metrics: ["stock"] }));
    expect(cmp).toEqual(
      compare(
        { baseline: base, alliance: scenarios.alliance2026({ agents, years }) },
        { replications: 3, seed: 1, metrics: ["stock"] },
      ),
    );
    expect(grid).toEqual(
      sweep(base, { vary: { "behavior.beta": [0.5, 0.8] }, replications: 3, seed: 1, metrics: ["stock"] }),
    );
    expect(lines.filter((l) => l.startsWith("  run ")).length).toBe(3);
    expect(lines.join("\n")).toMatch(/alliance - baseline, Canada: -?\d+ ± \d+ people/);
  }, 300_000);
});
