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

/** The guide's graduates example: Y (home C) enter A at 2,000 a quarter, all graduates of lottery L. */
function graduatesExample(): Scenario {
  const mix = { Y: 1 };
  const s = tinyWorld({ years: 6, periodsPerYear: 4 });
  s.behavior.considerRate = 0;
  s.citizenships = { Y: { home: "C", network: 1 } };
  s.regions = {
    A: region("AA", 0, { initialCitizenship: mix, entrantCitizenship: mix, entrants: 8000 }),
    C: region("CC", 1000, { initialCitizenship: mix, entrantCitizenship: mix }),
  };
  s.movingCost = { "A<->C": 0.5 };
  s.visas = { A: { "*": { rule: "lottery", pool: "L", permanent: false, permanence: 0, fee: 0 } }, C: { "*": OPEN } };
  s.lotteries = {
    L: {
      regions: ["A"],
      cap: 3000,
      weighted: false,
      period: 0,
      startDelay: 3,
      initialSelectionRate: 0.3,
      graduates: { share: 1, years: 3 },
    },
  };
  return s;
}

describe("docs/statuses.md, graduates who wait for a lottery", () => {
  it("simulate of the guide's graduates example gives the table the guide prints and its closed forms", () => {
    const cells = (label: string) =>
      DOC.split("\n")
        .find((l) => l.startsWith(`| ${label} |`))!
        .split("|")
        .slice(2, -1)
        .map((x) => Number(x.trim()));
    const draws = cells("draw period");
    const rows = simulate(graduatesExample(), { seed: 1, metrics: ["stock", "selectionRate", "admissions"] }).rows;
    const value = (metric: string, period: number) =>
      rows.find((r) => r.metric === metric && r.region === "A" && r.period === period)?.value;
    const rates = draws.map((d) => value("selectionRate", d) as number);
    expect(rates.map((r) => Number(r.toFixed(3)))).toEqual(cells("selection rate"));
    expect(rates.slice(0, 3)).toEqual([3000 / 8000, 3000 / 13000, 3000 / 18000]);
    expect(draws.map((d) => value("admissions", d + 3))).toEqual(cells("admissions three quarters later"));
    expect(draws.map((d) => value("stock", d + 3))).toEqual(cells("stock of A at the end of the start's year"));
  });
});
