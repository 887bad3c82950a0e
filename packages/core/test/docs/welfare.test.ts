import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scenarios, simulate } from "../../src/index";

const DOC = new URL("../../../../docs/welfare.md", import.meta.url);
const SELF = new URL(import.meta.url);
const trimLines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .trim();

describe("docs/welfare.md", () => {
  it("the example of ## Reading them from a run appears verbatim in this test, which runs it", () => {
    const text = readFileSync(DOC, "utf8");
    const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => trimLines(m[1]));
    expect(blocks).toHaveLength(1);
    expect(trimLines(readFileSync(SELF, "utf8")).includes(blocks[0])).toBe(true);
  });

  it("simulate(alliance2026) reports welfare by citizenship and the investment the alliance adds in Germany", () => {
    const s = scenarios.alliance2026({ agents: 4000, years: 2, burnInYears: 0 });
    const { rows } = simulate(s, { seed: 1, metrics: ["welfare", "welfareByCitizenship", "fiscalCost"] });
    const last = Math.max(...rows.map((r) => r.period));
    const at = (metric: string, key: "region" | "citizenship", code: string) =>
      rows.find((r) => r.period === last && r.metric === metric && r[key] === code)?.value;
    at("welfareByCitizenship", "citizenship", "DE"); // mean welfare of German citizens, logit units
    at("fiscalCost", "region", "DE"); // USD in the last quarter: the investment the policies add in Germany

    // Welfare by citizenship averages to the overall welfare, weighted by citizens.
    const citizens = new Map<string, number>();
    for (const r of rows.filter((r) => r.period === last && r.metric === "welfareByCitizenship")) {
      citizens.set(r.citizenship, r.value);
    }
    expect(citizens.size).toBe(Object.keys(s.citizenships).length);
    const stocks = simulate(s, { seed: 1, metrics: ["stockByCitizenship"] }).rows.filter((r) => r.period === last);
    let people = 0;
    let sum = 0;
    for (const r of stocks) {
      people += r.value;
      sum += r.value * citizens.get(r.citizenship)!;
    }
    const overall = rows.find((r) => r.period === last && r.metric === "welfare" && r.region === "")!.value;
    expect(Math.abs(sum / people - overall)).toBeLessThan(1e-9 * Math.abs(overall));
    // The alliance's investment policies in force in the last quarter, by hand from the scenario.
    const time = s.startYear + last / s.periodsPerYear;
    let expected = 0;
    for (const p of s.policies) {
      if (time < p.from || (p.until !== undefined && time >= p.until)) continue;
      const w = p.rampYears ? Math.min(1, (time - p.from) / p.rampYears) : 1;
      if (p.kind === "investment" && p.region === "DE") expected += (w * p.amount * 1e9) / s.periodsPerYear;
      if (p.kind === "economicCooperation" && p.partners.includes("DE")) {
        const amount = typeof p.investment === "number" ? p.investment : (p.investment.DE ?? 0);
        expected += (w * amount * 1e9) / s.periodsPerYear;
      }
    }
    expect(expected, "the alliance adds investment in Germany").toBeGreaterThan(0);
    expect(Math.abs(at("fiscalCost", "region", "DE")! - expected)).toBeLessThan(1e-6 * expected);
  });
});
