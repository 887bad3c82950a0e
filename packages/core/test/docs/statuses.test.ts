import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ValidationError, createSimulation, meanField, simulate, type Scenario, type VisaRule } from "../../src/index";
import { OPEN, region, tinyWorld } from "../_worlds";

const DOC = readFileSync(new URL("../../../../docs/statuses.md", import.meta.url), "utf8");

/** The guide's example: Y (home C) enter A at 1,000 a quarter on a status of `rule`'s term. */
function example(rule: Partial<VisaRule>): Scenario {
  const mix = { Y: 1 };
  const temporary = { rule: "open", permanent: false, permanence: 0, fee: 0, ...rule } as VisaRule;
  const s = tinyWorld({ years: 2, periodsPerYear: 4 });
  s.behavior.considerRate = 0;
  s.citizenships = { Y: { home: "C", network: 1 } };
  s.regions = {
    A: region("AA", 0, { initialCitizenship: mix, entrantCitizenship: mix, entrants: 4000 }),
    B: region("BB", 0, { initialCitizenship: mix, entrantCitizenship: mix }),
    C: region("CC", 1000, { initialCitizenship: mix, entrantCitizenship: mix }),
  };
  s.visas = { A: { "*": temporary }, B: { "*": OPEN }, C: { "*": OPEN } };
  return s;
}

const stockA = (rows: ReadonlyArray<{ metric: string; region: string; value: number }>) =>
  rows.filter((r) => r.metric === "stock" && r.region === "A").map((r) => r.value);

describe("docs/statuses.md", () => {
  it("simulate and meanField of the guide's example give the stock table the guide prints", () => {
    const line = DOC.split("\n").find((l) => l.startsWith("| stock of A |"))!;
    const table = line
      .split("|")
      .slice(2, -1)
      .map((x) => Number(x.trim()));
    const s = example({ duration: 1.5 });
    expect(stockA(simulate(s, { seed: 1, metrics: ["stock"] }).rows)).toEqual(table);
    stockA(meanField(s).rows).forEach((v, t) => expect(v).toBeCloseTo(table[t], 6));
  });

  it(
    "createSimulation(s) refuses a term under one period and a renewal without a term " +
      "with the lines the guide quotes",
    () => {
      for (const rule of [{ duration: 0.1 }, { renewal: 0.5 }]) {
        let caught: unknown;
        try {
          createSimulation(example(rule), { seed: 1 });
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(ValidationError);
        const issue = (caught as ValidationError).issues[0];
        expect(DOC).toContain(`\n${issue.path}: ${issue.message}\n`);
      }
    },
  );

  it("createSimulation(s) refuses a visaRegime rule with a renewal and no term at policies.0.rule.renewal", () => {
    const s = example({ duration: 1 });
    s.policies = [
      {
        kind: "visaRegime",
        region: "A",
        rule: { rule: "open", permanent: false, permanence: 0, fee: 0, renewal: 0.5 },
        from: 2030,
      } as Scenario["policies"][number],
    ];
    let caught: unknown;
    try {
      createSimulation(s, { seed: 1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues.map((i) => i.path)).toEqual(["policies.0.rule.renewal"]);
  });
});
