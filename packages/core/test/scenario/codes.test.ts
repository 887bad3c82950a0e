import { describe, expect, it } from "vitest";
import { canonicalJson, cloneScenario, scenarioHash, scenarios, validateScenario } from "../../src/index";
import { compileScenario } from "../../src/kernel/_compile";
import type { Scenario } from "../../src/scenario/types";

/**
 * The baseline with every occurrence of the code `from` (as a JSON string) renamed to `to`, as JSON.parse reads a file.
 */
function renamed(from: string, to: string): Scenario {
  const text = JSON.stringify(scenarios.baseline({ agents: 2000, years: 1, burnInYears: 0 }));
  return JSON.parse(text.split(JSON.stringify(from)).join(JSON.stringify(to))) as Scenario;
}

function issuesAt(s: unknown, path: string): string[] {
  const result = validateScenario(s);
  return result.ok ? [] : result.issues.filter((i) => i.path === path).map((i) => i.message);
}

describe("codes", () => {
  it("validateScenario(s) refuses a citizenship called toString, naming its path", () => {
    const messages = issuesAt(renamed("OTHER", "toString"), "citizenships.toString");
    expect(messages).toEqual([
      '"toString" is not a valid code: every JavaScript object has a property of that name; rename it',
    ]);
  });

  it(
    "validateScenario(s) refuses __proto__ as a citizenship " +
      "read by JSON.parse, where the schema alone would drop it",
    () => {
      const s = renamed("OTHER", "__proto__");
      expect(Object.hasOwn(s.citizenships, "__proto__")).toBe(true);
      const result = validateScenario(s);
      expect(result.ok).toBe(false);
      expect(issuesAt(s, "citizenships.__proto__")).toHaveLength(1);
      expect(issuesAt(s, "regions.DE.entrantCitizenship.__proto__")).toHaveLength(1);
    },
  );

  it(
    "validateScenario(s) refuses every name of Object.prototype " +
      "as a region, a citizenship, a lottery or a currency",
    () => {
      for (const name of ["constructor", "valueOf", "hasOwnProperty", "isPrototypeOf", "toLocaleString", "__proto__"]) {
        expect(issuesAt(renamed("ROW", name), `regions.${name}`), `region ${name}`).toHaveLength(1);
        expect(issuesAt(renamed("CN", name), `citizenships.${name}`), `citizenship ${name}`).toHaveLength(1);
        expect(issuesAt(renamed("US-H1B", name), `lotteries.${name}`), `lottery ${name}`).toHaveLength(1);
        expect(issuesAt(renamed("CAD", name), `fx.${name}`), `currency ${name}`).toHaveLength(1);
      }
    },
  );

  it(
    "validateScenario(s) refuses a code that starts with a " + "digit or is longer than 32 characters, and accepts 32",
    () => {
      expect(issuesAt(renamed("ROW", "1ROW"), "regions.1ROW")).toEqual([
        '"1ROW" is not a valid code: it must start with a letter (as in DE or US-H1B)',
      ]);
      const long = `R${"x".repeat(32)}`;
      expect(issuesAt(renamed("ROW", long), `regions.${long}`)).toEqual([
        `"${long}" is not a valid code: at most 32 characters, got 33`,
      ]);
      expect(validateScenario(renamed("US-H1B", `L${"x".repeat(31)}`)).ok).toBe(true);
    },
  );

  it(
    "compileScenario(s) reads a citizenship's share as 0 where a region " +
      "does not list it, even for a code named like an inherited property",
    () => {
      // Not valid, so compiled directly: the look-up itself must not reach Object.prototype.
      const s = renamed("US", "toString");
      const cs = compileScenario(s);
      const C = cs.citizenships.length;
      const de = cs.regions.indexOf("DE");
      const cdf = Array.from(cs.entrantMixCdf.subarray(de * C, de * C + C));
      for (const v of cdf) expect(Number.isNaN(v)).toBe(false);
      // toString sorts last and DE lists no share of it: its cumulative share is DE's total, 1.
      expect(cs.citizenships.at(-1)).toBe("toString");
      expect(cdf.at(-1)).toBeCloseTo(1, 12);
    },
  );

  it("cloneScenario(x) keeps an own __proto__ key as an own key and leaves the prototype alone", () => {
    const x = JSON.parse('{"a":{"__proto__":{"b":1},"c":2}}') as { a: Record<string, unknown> };
    const copy = cloneScenario(x);
    expect(Object.hasOwn(copy.a, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(copy.a)).toBe(Object.prototype);
    expect((copy.a as { b?: unknown }).b).toBeUndefined();
    expect(Object.keys(copy.a)).toEqual(["__proto__", "c"]);
  });

  it("scenarioHash(x) and canonicalJson(x) keep an own __proto__ key", () => {
    const withKey = JSON.parse('{"a":{"__proto__":{"b":1}}}') as unknown;
    expect(canonicalJson(withKey)).toBe('{"a":{"__proto__":{"b":1}}}');
    expect(scenarioHash(withKey)).not.toBe(scenarioHash({ a: {} }));
  });
});
