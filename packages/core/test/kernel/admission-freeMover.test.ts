import { describe, expect, it } from "vitest";
import { assertValidScenario } from "../../src/index";
import { admissionChance, drawChance } from "../../src/kernel/_admission";
import { compileScenario } from "../../src/kernel/_compile";
import { freeMover, mayBeTemporary } from "../../src/kernel/_freeMover";
import { Admit, createTables } from "../../src/kernel/_tables";
import { tinyWorld } from "../_worlds";

const cs = compileScenario(assertValidScenario(tinyWorld({ freeMovement: [["AA", "BB"]] })));
const R = cs.regions.length;
const [A, B, C] = ["A", "B", "C"].map((code) => cs.regions.indexOf(code)) as [number, number, number];
const X = cs.citizenships.indexOf("X");

describe("the admission chance read from the tables", () => {
  const tables = createTables(cs);
  const at = 5 * R + C;
  const cut = X * R + C;
  tables.piLow[at] = 0.2;
  tables.piHigh[at] = 0.7;
  tables.zCut[cut] = 1.5;

  it("drawChance(T, at, cut, z) is piLow below the cut's skill and piHigh at and above it", () => {
    expect(drawChance(tables, at, cut, 1.4999)).toBe(0.2);
    expect(drawChance(tables, at, cut, 1.5)).toBe(0.7);
    expect(drawChance(tables, at, cut, 3)).toBe(0.7);
  });

  it("admissionChance(T, admit, at, cut, z) is 1 for a move that needs no admission and drawChance otherwise", () => {
    expect(admissionChance(tables, Admit.None, at, cut, 0)).toBe(1);
    expect(admissionChance(tables, Admit.Draw, at, cut, 0)).toBe(0.2);
    expect(admissionChance(tables, Admit.Lottery, at, cut, 2)).toBe(0.7);
  });
});

describe("free movers and who may start temporary", () => {
  it("freeMover(cs, c, j) holds for the countries of the citizenship's free-movement group only", () => {
    expect(freeMover(cs, X, B)).toBe(true);
    expect(freeMover(cs, X, C)).toBe(false);
  });

  it(
    "mayBeTemporary(cs, c, j, rulePermanent) is false for " +
      "citizens, free movers and permanent rules, true otherwise",
    () => {
      const C_ = cs.citizenships.length;
      const rules = new Uint8Array(R * C_);
      expect(mayBeTemporary(cs, X, A, rules)).toBe(false);
      expect(mayBeTemporary(cs, X, B, rules)).toBe(false);
      expect(mayBeTemporary(cs, X, C, rules)).toBe(true);
      rules[C * C_ + X] = 1;
      expect(mayBeTemporary(cs, X, C, rules)).toBe(false);
    },
  );
});
