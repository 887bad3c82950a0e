import { describe, expect, it } from "vitest";
import { compileScenario } from "../../src/kernel/_compile";
import { applyPolicies, compilePolicies, createPeriodParams } from "../../src/kernel/_period";
import { typeIndex } from "../../src/kernel/_agentType";
import { buildTables, createMarketState, createTables } from "../../src/kernel/_tables";
import { assertValidScenario, policies } from "../../src/index";
import { tinyWorld } from "../_worlds";

// docs/model.md 3.3.11 and policies.md: newcomers are non-citizens of the region's country,
// returnees its citizens. A free mover (a citizen of a free-movement partner) is a newcomer both
// when it moves in and while it stays, so the two bonuses agree.
function tablesFor(target: "newcomers" | "returnees") {
  const s = assertValidScenario(
    tinyWorld({
      freeMovement: [["AA", "CC"]],
      policies: [policies.taxIncentive({ region: "C", reduction: 0.1, years: 5, target, from: 2000 })],
    }),
  );
  const cs = compileScenario(s);
  const cp = compilePolicies(cs);
  const pp = createPeriodParams(cs, cp.programs.length);
  applyPolicies(cs, cp, pp, 2030, 0);
  const market = createMarketState(cs, 0);
  market.investment0.fill(1);
  const tables = createTables(cs);
  buildTables(cs, pp, cp.programs, market, tables, 0, 0);
  const R = cs.regions.length;
  const [A, B, C] = ["A", "B", "C"].map((code) => cs.regions.indexOf(code)) as [number, number, number];
  const row = typeIndex(R, 0, A, A, 0, 0, 0) * R;
  return {
    moveBonus: tables.T[row + C] - tables.T[row + B],
    stayNewcomer: tables.taxStayBonus[C * 2],
    stayReturnee: tables.taxStayBonus[C * 2 + 1],
  };
}

describe("the tax incentive for a free mover", () => {
  const bonus = 0.65 * Math.log((1 - 0.3 + 0.1) / (1 - 0.3));

  it(
    "a free mover into a region with a newcomers' incentive " + "gets the bonus on arrival, as it does while staying",
    () => {
      const t = tablesFor("newcomers");
      expect(t.stayNewcomer).toBeCloseTo(bonus, 12);
      expect(t.moveBonus).toBeCloseTo(bonus, 12);
    },
  );

  it(
    "a free mover into a region with a returnees' incentive " +
      "gets no bonus on arrival, as it gets none while staying",
    () => {
      const t = tablesFor("returnees");
      expect(t.stayReturnee).toBeCloseTo(bonus, 12);
      expect(t.moveBonus).toBe(0);
    },
  );
});
