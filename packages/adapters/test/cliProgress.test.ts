import { describe, expect, it } from "vitest";
import { createProgress } from "../src/cli/_progress";

describe("createProgress", () => {
  it('createProgress("lines") prints a line at most every 2 s and the last one, with runs, rate and time left', () => {
    let now = 0;
    let text = "";
    const p = createProgress("lines", { write: (t: string) => (text += t) }, "sweep baseline", () => now);
    now = 1000;
    p.update({ done: 1, total: 4, unit: "runs", agentPeriods: 1_000_000 }); // first: printed
    now = 2000;
    p.update({ done: 2, total: 4, unit: "runs", agentPeriods: 2_000_000 }); // 1 s later: not printed
    now = 3000;
    p.update({ done: 3, total: 4, unit: "runs", agentPeriods: 3_000_000 }); // 2 s later: printed
    now = 4000;
    p.update({ done: 4, total: 4, unit: "runs", agentPeriods: 4_000_000 }); // the last: printed
    p.stop();
    expect(text).toBe(
      [
        "sweep baseline: 1/4 runs, 1,000,000 agent-periods/s, about 3 s left",
        "sweep baseline: 3/4 runs, 1,000,000 agent-periods/s, about 1 s left",
        "sweep baseline: 4/4 runs, 1,000,000 agent-periods/s",
        "",
      ].join("\n"),
    );
  });

  it('createProgress("none") writes nothing', () => {
    let text = "";
    const p = createProgress("none", { write: (t: string) => (text += t) }, "x");
    p.update({ done: 1, total: 2, unit: "runs", agentPeriods: 10 });
    p.stop();
    expect(text).toBe("");
  });
});
