import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { simulate, type Scenario } from "../../src/index";
import { OPEN, region, tinyWorld } from "../_worlds";

const DOC = readFileSync(new URL("../../../../docs/statuses.md", import.meta.url), "utf8");

/** The numbers of the guide's table row that starts with `label`. */
function tableRow(label: string): number[] {
  const line = DOC.split("\n").find((l) => l.startsWith(`| ${label} |`));
  if (line === undefined) throw new Error(`docs/statuses.md has no row "${label}"`);
  return line
    .split("|")
    .slice(2, -1)
    .map((x) => Number(x.trim()));
}

/** The guide's example: X enter A at 2,000 a quarter, B is far better, nobody looks around otherwise. */
function example(): Scenario {
  const s = tinyWorld({ years: 2, periodsPerYear: 4 });
  s.behavior.considerRate = 0;
  s.behavior.firstJobChoice = 1;
  s.regions = { A: region("AA", 0, { entrants: 8000 }), B: region("BB", 1000, { amenity: 40 }) };
  s.movingCost = { "A<->B": 0.5 };
  s.visas = { A: { "*": OPEN }, B: { "*": OPEN } };
  s.policies = [{ kind: "custom", path: "behavior.firstJobChoice", expression: "0", from: 2031 }];
  return s;
}

describe("docs/statuses.md, entrants who choose their first job", () => {
  it("simulate(example, {seed}) gives the moves from A to B and the stock of A that the guide prints", () => {
    const rows = simulate(example(), { seed: 1, metrics: ["stock", "flow"] }).rows;
    const moves = rows.filter((r) => r.metric === "flow" && r.origin === "A" && r.destination === "B");
    const stock = rows.filter((r) => r.metric === "stock" && r.region === "A");
    expect(moves.map((r) => r.value)).toEqual(tableRow("moves from A to B"));
    expect(stock.map((r) => r.value)).toEqual(tableRow("stock of A (all entrants)"));
  });

  it("simulate(example without firstJobChoice) moves nobody: A keeps every entrant", () => {
    const s = example();
    delete s.behavior.firstJobChoice;
    s.policies = [];
    const rows = simulate(s, { seed: 1, metrics: ["stock", "flow"] }).rows;
    expect(rows.filter((r) => r.metric === "flow" && r.value !== 0)).toEqual([]);
    expect(rows.filter((r) => r.metric === "stock" && r.region === "A").map((r) => r.value)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((k) => 2000 * k),
    );
  });
});
