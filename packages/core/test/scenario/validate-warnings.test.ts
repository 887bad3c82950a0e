/**
 * Warnings of validateScenario: a policy whose window lies wholly outside the periods the run
 * steps never acts. A policy acts in a period whose start time t has from <= t < until; the run
 * steps t = startYear - burnInYears + k / periodsPerYear for k = 0 .. (burnInYears + years) x
 * periodsPerYear - 1. Each boundary is checked at the period's start and one step beyond.
 */
import { describe, expect, it } from "vitest";
import { validateScenario, type Issue } from "../../src/index";
import { tinyWorld } from "../_worlds";

/** A scenario under test: changed freely, including into invalid shapes. */
type Draft = any;

/** The tiny world (startYear 2030) with one investment policy in [from, until) and `over` applied. */
function withWindow(from: unknown, until?: unknown, over: (s: Draft) => void = () => {}): Draft {
  const s: Draft = tinyWorld();
  s.policies = [{ kind: "investment", region: "A", amount: 1, from, ...(until === undefined ? {} : { until }) }];
  over(s);
  return s;
}

const warningsOf = (s: unknown): Issue[] => validateScenario(s).warnings;

const startsLate = (kind: string, from: string, end: string, lastStart: string): Issue => ({
  path: "policies.0",
  message:
    `${kind}policy starts in ${from}, after the run ends in ${end} (its last period ` +
    `starts in ${lastStart}): it never acts; extend \`years\` or move \`from\``,
});
const endsEarly = (kind: string, until: string, first: string): Issue => ({
  path: "policies.0",
  message:
    `${kind}policy ends in ${until}, before the run starts in ${first} ` +
    `(burn-in included): it never acts; move \`until\` or add burn-in years`,
});

describe("a policy that starts after the run's last period", () => {
  it(
    "validateScenario gives no warning for a policy starting at " +
      "the last period's start and warns one hundredth of a year later",
    () => {
      const quarters = (s: Draft) => ((s.periodsPerYear = 4), (s.years = 2));
      expect(warningsOf(withWindow(2031.75, undefined, quarters))).toEqual([]);
      expect(warningsOf(withWindow(2031.76, undefined, quarters))).toEqual([
        startsLate("investment ", "2031.76", "2032", "2031.75"),
      ]);
    },
  );

  it("validateScenario shows the last period's start without floating-point noise (thirds of a year)", () => {
    const thirds = (s: Draft) => (s.periodsPerYear = 3);
    expect(warningsOf(withWindow(2040, undefined, thirds))).toEqual([
      startsLate("investment ", "2040", "2031", "2030.66666667"),
    ]);
  });

  it(
    "validateScenario warns about a policy starting in the one " +
      "period of a one-period-a-year run only when it starts after it",
    () => {
      expect(warningsOf(withWindow(2030))).toEqual([]);
      expect(warningsOf(withWindow(2030.01))).toEqual([startsLate("investment ", "2030.01", "2031", "2030")]);
    },
  );

  it(
    "validateScenario names the warning without a kind " + "when the policy has none (and reports the missing kind)",
    () => {
      const s = withWindow(2040);
      delete s.policies[0].kind;
      const r = validateScenario(s);
      expect(r.ok).toBe(false);
      expect(r.issues.map((i) => i.path)).toEqual(["policies.0.kind"]);
      expect(r.warnings).toEqual([startsLate("", "2040", "2031", "2030")]);
    },
  );
});

describe("a policy that ends before the run's first period", () => {
  it(
    "validateScenario warns about a policy ending at the " +
      "first period's start and not one hundredth of a year later",
    () => {
      const burnIn = (s: Draft) => (s.burnInYears = 2);
      expect(warningsOf(withWindow(2020, 2028, burnIn))).toEqual([endsEarly("investment ", "2028", "2028")]);
      expect(warningsOf(withWindow(2020, 2028.01, burnIn))).toEqual([]);
    },
  );

  it("validateScenario gives no warning for a policy without an end", () => {
    expect(warningsOf(withWindow(2000))).toEqual([]);
  });

  it(
    "validateScenario gives one warning, that it starts " + "late, for a window after the run that also ends before it",
    () => {
      const s = withWindow(2040, 2020);
      const r = validateScenario(s);
      expect(r.issues).toEqual([{ path: "policies.0.until", message: "ends (2020) before it starts (2040)" }]);
      expect(r.warnings).toEqual([startsLate("investment ", "2040", "2031", "2030")]);
    },
  );
});

describe("no warnings from fields that are not what they should be", () => {
  it("validateScenario gives no window warning when the run's years cannot be computed", () => {
    const early = (over: (s: Draft) => void) => warningsOf(withWindow(2000, 2001, over));
    expect(early((s) => (s.startYear = "2030"))).toEqual([]);
    expect(early((s) => (s.years = "1"))).toEqual([]);
    expect(early((s) => (s.burnInYears = "0"))).toEqual([]);
    expect(early((s) => (s.burnInYears = 0.5))).toEqual([]);
    const late = (over: (s: Draft) => void) => warningsOf(withWindow(2040, undefined, over));
    expect(late((s) => (s.years = 1.5))).toEqual([]);
    expect(late((s) => (s.periodsPerYear = "1"))).toEqual([]);
    expect(late((s) => (s.periodsPerYear = 0))).toEqual([]);
    expect(late((s) => (s.periodsPerYear = 1.5))).toEqual([]);
    expect(late((s) => (s.policies = { 0: s.policies[0] }))).toEqual([]);
  });

  it(
    "validateScenario gives no window warning for bounds " + "that are not numbers or a policy that is not an object",
    () => {
      expect(warningsOf(withWindow("2040"))).toEqual([]);
      expect(warningsOf(withWindow(2020, "2000"))).toEqual([]);
      expect(warningsOf(withWindow(2040, undefined, (s) => s.policies.unshift(null)))).toEqual([
        { ...startsLate("investment ", "2040", "2031", "2030"), path: "policies.1" },
      ]);
    },
  );

  it("validateScenario gives no warnings for a scenario that is not an object", () => {
    expect(validateScenario([withWindow(2040)]).warnings).toEqual([]);
  });
});
