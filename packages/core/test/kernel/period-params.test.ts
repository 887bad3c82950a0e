import { describe, expect, it } from "vitest";
import { ValidationError, validateScenario } from "../../src/index";
import { compileScenario, type CompiledScenario } from "../../src/kernel/_compile";
import { RuleKind } from "../../src/kernel/_visaRule";
import {
  applyPolicies,
  compilePolicies,
  createPeriodParams,
  openProgramPlaces,
  policyWeight,
  resolvePath,
  type PeriodParams,
  type Program,
} from "../../src/kernel/_period";
import type { CompiledCustom } from "../../src/policies/kinds/custom";
import type { Policy, Scenario } from "../../src/scenario/types";
import { region, tinyWorld } from "../_worlds";

/**
 * What each policy kind puts into a period's parameters (docs/policies.md, "The kinds" and
 * "Order of application"), compared exactly with values written by hand from the scenario's
 * numbers (dyadic fractions, so the arithmetic is exact). Every check lists ALL the fields that
 * differ from the scenario's base values, so a policy that changes a field it should not (another
 * region, pair, citizenship or lottery) fails too. One buffer is reused across periods, as the
 * engine does, so a value left over from an earlier period shows.
 */

const START = 2030;
const PPY = 4;

/**
 * Regions A (country AA), B (BB), C and D (both CC); citizenships X (home A), Y (B), Z (C);
 * lotteries L1 (B) and L2 (C, D; wage-weighted). Rules: A admits everyone by probability, B
 * draws X in L1 and thresholds the others, C draws everyone in L2, D admits X by probability and
 * draws the others in L2.
 */
function world(policies: Policy[]): Scenario {
  const s = tinyWorld({ startYear: START, periodsPerYear: PPY, years: 4 });
  s.regions = {
    A: region("AA", 100),
    B: region("BB", 100, { investment: 2, englishJobShare: 0.5, researchEcosystem: 0.25 }),
    C: region("CC", 100, { investment: 4 }),
    D: region("CC", 100, { investment: 8, englishJobShare: 0.25 }),
  };
  s.citizenships = { X: { home: "A", network: 1 }, Y: { home: "B", network: 1 }, Z: { home: "C", network: 1 } };
  s.movingCost = { "A<->B": 0.5, "A<->C": 1, "B<->C": 0.75, "C<->D": 0.25, "A<->D": 2, "B<->D": 1.5 };
  s.visaFriction = { "*->A": 1, "*->B": 1, "*->C": 1, "*->D": 1 };
  s.behavior.delayCost = 0.75;
  s.lotteries = {
    L1: { regions: ["B"], cap: 1000, weighted: false, period: 0, startDelay: 0, initialSelectionRate: 0.5 },
    L2: { regions: ["C", "D"], cap: 3000, weighted: true, period: 0, startDelay: 0, initialSelectionRate: 0.5 },
  };
  s.visas = {
    A: { "*": { rule: "probability", admission: 0.5, permanent: false, permanence: 0.25, fee: 1000 } },
    B: {
      X: { rule: "lottery", pool: "L1", permanent: false, permanence: 0.125, fee: 2000 },
      "*": { rule: "threshold", threshold: 80_000, high: 0.875, low: 0.25, permanent: true, permanence: 0, fee: 0 },
    },
    C: { "*": { rule: "lottery", pool: "L2", permanent: false, permanence: 0.5, fee: 4000 } },
    D: {
      X: { rule: "probability", admission: 0.375, permanent: true, permanence: 0, fee: 0 },
      "*": { rule: "lottery", pool: "L2", permanent: false, permanence: 0.5, fee: 4000 },
    },
  };
  s.policies = policies;
  return s;
}

/**
 * Compiles `policies` in {@link world} and returns a function giving the parameters of a period (one buffer, reused).
 */
function periods(policies: Policy[], onCustomValue?: (policy: number, slot: number, value: number) => void) {
  const cs = compileScenario(world(policies));
  const cp = compilePolicies(cs);
  const pp = createPeriodParams(cs, cp.programs.length);
  const at = (time: number, t = Math.round((time - START) * PPY)) => {
    applyPolicies(cs, cp, pp, time, t, onCustomValue);
    return pp;
  };
  return { cs, cp, pp, at };
}

/** The fields of the period's vector that differ from the scenario's base values, by path. */
function changed(cs: CompiledScenario, pp: PeriodParams): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [path, slot] of cs.index) if (!Object.is(pp.vec[slot], cs.base[slot])) out[path] = pp.vec[slot];
  expect(pp.vec.length).toBe(cs.base.length);
  return out;
}

/** Non-zero entries of a region x region array, by `from->to`. */
function pairs(cs: CompiledScenario, values: Float64Array): Record<string, number> {
  const R = cs.regions.length;
  expect(values.length).toBe(R * R);
  const out: Record<string, number> = {};
  values.forEach((v, k) => {
    if (v !== 0) out[`${cs.regions[Math.floor(k / R)]}->${cs.regions[k % R]}`] = v;
  });
  return out;
}

/** Entries of a region x citizenship array that differ from `base` (zeros when absent), by `region.citizenship`. */
function cells(cs: CompiledScenario, values: ArrayLike<number>, base?: ArrayLike<number>): Record<string, number> {
  const C = cs.citizenships.length;
  expect(values.length).toBe(cs.regions.length * C);
  const out: Record<string, number> = {};
  for (let k = 0; k < values.length; k++) {
    if (values[k] !== (base ? base[k] : 0))
      out[`${cs.regions[Math.floor(k / C)]}.${cs.citizenships[k % C]}`] = values[k];
  }
  return out;
}

/** Everything a period's parameters hold besides the vector, for exact comparison. */
function extras(cs: CompiledScenario, pp: PeriodParams) {
  return {
    ruleKind: cells(cs, pp.ruleKind, cs.ruleKind),
    rulePermanent: cells(cs, pp.rulePermanent, cs.rulePermanent),
    ruleLottery: cells(cs, pp.ruleLottery, cs.ruleLottery),
    lotteryWeighted: Array.from(pp.lotteryWeighted),
    delayFriction: cells(cs, pp.delayFriction),
    pairFrictionCut: pairs(cs, pp.pairFrictionCut),
    researcherMoveCut: pairs(cs, pp.researcherMoveCut),
    pairAdmissionBoost: pairs(cs, pp.pairAdmissionBoost),
    taxReduction: Array.from(pp.taxReduction),
    taxWindow: Array.from(pp.taxWindow),
    taxTarget: Array.from(pp.taxTarget),
    programActive: Array.from(pp.programActive),
  };
}

/** {@link extras} of a period in which no policy is in force (L2 is the wage-weighted lottery). */
function noExtras(_cs: CompiledScenario, programs = 0) {
  return {
    ruleKind: {},
    rulePermanent: {},
    ruleLottery: {},
    lotteryWeighted: [0, 1],
    delayFriction: {},
    pairFrictionCut: {},
    researcherMoveCut: {},
    pairAdmissionBoost: {},
    taxReduction: [0, 0, 0, 0],
    taxWindow: [0, 0, 0, 0],
    taxTarget: [0, 0, 0, 0],
    programActive: new Array<number>(programs).fill(0),
  };
}

describe("policyWeight: the share of a policy in force (docs/model.md 3.3.1)", () => {
  it(
    "policyWeight(p, time) is 0 before from, 1 from `from` " +
      "(inclusive) to `until` (exclusive), and 0 from `until` on",
    () => {
      const p: Policy = { kind: "investment", region: "A", amount: 1, from: 2031, until: 2032 };
      expect([2030.75, 2031, 2031.75, 2032, 2033].map((time) => policyWeight(p, time))).toEqual([0, 1, 1, 0, 0]);
    },
  );

  it("policyWeight(p, time) without `until` stays 1 for ever, and with rampYears 0 is 1 at `from` itself", () => {
    const open: Policy = { kind: "investment", region: "A", amount: 1, from: 2031 };
    expect([2030.5, 2031, 2100].map((time) => policyWeight(open, time))).toEqual([0, 1, 1]);
    expect(policyWeight({ ...open, rampYears: 0 }, 2031)).toBe(1);
  });

  it(
    "policyWeight(p, time) with rampYears 2 rises linearly from " +
      "0 at `from` to 1 two years later, then stays 1 until `until`",
    () => {
      const p: Policy = { kind: "investment", region: "A", amount: 1, from: 2031, until: 2035, rampYears: 2 };
      expect([2030.5, 2031, 2031.5, 2032, 2032.5, 2033, 2034, 2035].map((time) => policyWeight(p, time))).toEqual([
        0, 0, 0.25, 0.5, 0.75, 1, 1, 0,
      ]);
    },
  );
});

describe("applyPolicies: periods with no policy in force", () => {
  it(
    "applyPolicies(...) before a policy's window, after it, and with " +
      "no policy leaves every parameter at the scenario's base values",
    () => {
      const { cs, at } = periods([{ kind: "investment", region: "B", amount: 1, from: 2031, until: 2032 }]);
      for (const time of [2030, 2030.75, 2032, 2033]) {
        const pp = at(time);
        expect(changed(cs, pp)).toEqual({});
        expect(extras(cs, pp)).toEqual(noExtras(cs));
      }
      expect(Array.from(at(2031).vec)).not.toEqual(Array.from(cs.base));
    },
  );

  it(
    "applyPolicies(...) of a period after every window resets everything " +
      "the policies set in the period before (the buffer is reused)",
    () => {
      const everything: Policy[] = [
        {
          kind: "researchCooperation",
          partners: ["A", "B"],
          ecosystemBoost: 0.5,
          movingCostCut: 0.25,
          researchersOnly: true,
          from: 2031,
          until: 2032,
        },
        {
          kind: "researchCooperation",
          partners: ["A", "B"],
          ecosystemBoost: 0.5,
          movingCostCut: 0.25,
          researchersOnly: false,
          from: 2031,
          until: 2032,
        },
        {
          kind: "regulatoryAlignment",
          partners: ["A", "C"],
          certifiedShare: 1,
          assessmentCost: 0.5,
          exportShare: 1,
          investmentElasticity: 1,
          frictionCut: 0.25,
          from: 2031,
          until: 2032,
        },
        {
          kind: "talentExchange",
          partners: ["A", "C"],
          admissionBoost: 0.5,
          frictionCut: 0.25,
          slots: 8,
          from: 2031,
          until: 2032,
        },
        {
          kind: "visaRegime",
          region: "B",
          rule: { rule: "lottery", pool: "L1", permanent: true, permanence: 1, fee: 5 },
          weighted: true,
          processingMonths: 6,
          from: 2031,
          until: 2032,
        },
        {
          kind: "openWorkPermit",
          region: "C",
          holdersIn: ["A"],
          places: 10,
          perYear: true,
          permanent: false,
          from: 2031,
          until: 2032,
        },
        { kind: "taxIncentive", region: "D", reduction: 0.25, years: 2, target: "both", from: 2031, until: 2032 },
      ];
      const { cs, at } = periods(everything);
      const inside = extras(cs, at(2031.5));
      expect(changed(cs, at(2031.5))).not.toEqual({});
      const none = noExtras(cs, 3);
      for (const key of Object.keys(none) as (keyof typeof none)[]) expect(inside[key], key).not.toEqual(none[key]);
      const after = at(2032);
      expect(changed(cs, after)).toEqual({});
      expect(extras(cs, after)).toEqual(noExtras(cs, 3));
    },
  );
});

describe("applyPolicies: additions (researchCooperation, economicCooperation, investment)", () => {
  it(
    "applyPolicies with researchCooperation(B, C, D; for everyone) adds w * boost to each " +
      "partner's ecosystem and cuts every partner pair's moving cost by w * cut, floored at 0",
    () => {
      const { cs, at } = periods([
        {
          kind: "researchCooperation",
          partners: ["B", "C", "D"],
          ecosystemBoost: 0.5,
          movingCostCut: 0.75,
          researchersOnly: false,
          from: 2031,
          rampYears: 1,
        },
      ]);
      expect(changed(cs, at(2031))).toEqual({});
      // w = 0.5: B->C 0.75 - 0.375, C->D 0.25 - 0.375 floored at 0, B->D 1.5 - 0.375; A's pairs untouched.
      const half = at(2031.5);
      expect(changed(cs, half)).toEqual({
        "regions.B.researchEcosystem": 0.5,
        "regions.C.researchEcosystem": 0.25,
        "regions.D.researchEcosystem": 0.25,
        "movingCost.B->C": 0.375,
        "movingCost.C->B": 0.375,
        "movingCost.C->D": 0,
        "movingCost.D->C": 0,
        "movingCost.B->D": 1.125,
        "movingCost.D->B": 1.125,
      });
      expect(extras(cs, half)).toEqual(noExtras(cs));
      const full = at(2033);
      expect(changed(cs, full)).toMatchObject({
        "regions.B.researchEcosystem": 0.75,
        "movingCost.B->C": 0,
        "movingCost.B->D": 0.75,
      });
    },
  );

  it(
    "applyPolicies with two researchCooperations for researchers only adds their " +
      "w-scaled cuts per ordered partner pair and leaves everyone's moving cost alone",
    () => {
      const { cs, at } = periods([
        {
          kind: "researchCooperation",
          partners: ["A", "B"],
          ecosystemBoost: 0,
          movingCostCut: 0.5,
          researchersOnly: true,
          from: 2031,
        },
        {
          kind: "researchCooperation",
          partners: ["B", "D"],
          ecosystemBoost: 0.125,
          movingCostCut: 1,
          researchersOnly: true,
          from: 2031,
          rampYears: 2,
        },
      ]);
      const pp = at(2031.5); // weights 1 and 0.25
      expect(changed(cs, pp)).toEqual({
        "regions.B.researchEcosystem": 0.28125,
        "regions.D.researchEcosystem": 0.03125,
      });
      expect(extras(cs, pp)).toEqual({
        ...noExtras(cs),
        researcherMoveCut: { "A->B": 0.5, "B->A": 0.5, "B->D": 0.25, "D->B": 0.25 },
      });
    },
  );

  it(
    "applyPolicies with economicCooperation adds w * each partner's own amount " +
      "(0 for a partner the record leaves out) or w * one number to every partner",
    () => {
      const { cs, at } = periods([
        { kind: "economicCooperation", partners: ["B", "C"], investment: { B: 1 }, from: 2031, rampYears: 1 },
        { kind: "economicCooperation", partners: ["A", "D"], investment: 0.5, from: 2031.5 },
      ]);
      expect(changed(cs, at(2031.25))).toEqual({ "regions.B.investment": 2.25 });
      expect(changed(cs, at(2031.5))).toEqual({
        "regions.B.investment": 2.5,
        "regions.A.investment": 1.5,
        "regions.D.investment": 8.5,
      });
    },
  );

  it(
    "applyPolicies with two investment policies for one region " +
      "adds both w-scaled amounts, each only inside its own window",
    () => {
      const { cs, at } = periods([
        { kind: "investment", region: "C", amount: 2, from: 2031, until: 2032, rampYears: 0.5 },
        { kind: "investment", region: "C", amount: 0.5, from: 2031.5 },
      ]);
      expect([2030.75, 2031, 2031.25, 2031.5, 2032].map((time) => changed(cs, at(time)))).toEqual([
        {},
        {},
        { "regions.C.investment": 5 },
        { "regions.C.investment": 6.5 },
        { "regions.C.investment": 4.5 },
      ]);
    },
  );
});

describe("applyPolicies: regulatoryAlignment and talentExchange", () => {
  it(
    "applyPolicies with regulatoryAlignment raises each partner's investment by the recognition formula " +
      "w * elasticity * certifiedShare * assessmentCost * exportShare, and cuts no friction at frictionCut 0",
    () => {
      const { cs, at } = periods([
        { kind: "investment", region: "B", amount: 4, from: 2030 },
        {
          kind: "regulatoryAlignment",
          partners: ["B", "D"],
          certifiedShare: 0.1,
          assessmentCost: 0.032,
          exportShare: { B: 0.01, D: 0.08 },
          investmentElasticity: 2,
          frictionCut: 0,
          from: 2031,
          rampYears: 1,
        },
      ]);
      const pp = at(2031.5); // w = 0.5
      const gain = (x: number) => 2 * 0.1 * 0.032 * x;
      expect(changed(cs, pp)).toEqual({
        "regions.B.investment": (2 + 4) * (1 + 0.5 * gain(0.01)),
        "regions.D.investment": 8 * (1 + 0.5 * gain(0.08)),
      });
      expect(extras(cs, pp)).toEqual(noExtras(cs));
    },
  );

  it(
    "applyPolicies with regulatoryAlignment multiplies partners' investment " +
      "by 1 + w * gain as left by the policies listed before it, not after",
    () => {
      const { cs, at } = periods([
        { kind: "investment", region: "B", amount: 2, from: 2030 },
        {
          kind: "regulatoryAlignment",
          partners: ["B", "D"],
          certifiedShare: 1,
          assessmentCost: 0.5,
          exportShare: 1,
          investmentElasticity: 1,
          frictionCut: 0.25,
          from: 2031,
          rampYears: 1,
        },
        { kind: "investment", region: "B", amount: 1, from: 2030 },
      ]);
      const pp = at(2031.5); // w = 0.5: (2 + 2) * 1.25 + 1, 8 * 1.25
      expect(changed(cs, pp)).toEqual({ "regions.B.investment": 6, "regions.D.investment": 10 });
      expect(extras(cs, pp)).toEqual({ ...noExtras(cs), pairFrictionCut: { "B->D": 0.125, "D->B": 0.125 } });
    },
  );

  it(
    "applyPolicies with two talentExchanges adds their friction cuts and " +
      "combines boosts on the refusal chance, 1 - (1 - w1 b1)(1 - w2 b2)",
    () => {
      const { cs, at } = periods([
        {
          kind: "talentExchange",
          partners: ["A", "C", "D"],
          admissionBoost: 0.5,
          frictionCut: 0.25,
          slots: 0,
          from: 2031,
        },
        {
          kind: "talentExchange",
          partners: ["A", "C"],
          admissionBoost: 0.5,
          frictionCut: 0.5,
          slots: 0,
          from: 2031,
          rampYears: 1,
        },
      ]);
      const first = at(2031); // only the first at w = 1 (the second's weight is 0)
      expect(changed(cs, first)).toEqual({});
      const single = { "A->C": 0.5, "C->A": 0.5, "A->D": 0.5, "D->A": 0.5, "C->D": 0.5, "D->C": 0.5 };
      expect(extras(cs, first)).toEqual({
        ...noExtras(cs),
        pairAdmissionBoost: single,
        pairFrictionCut: { "A->C": 0.25, "C->A": 0.25, "A->D": 0.25, "D->A": 0.25, "C->D": 0.25, "D->C": 0.25 },
      });
      const both = at(2031.5); // second at w = 0.5: 1 - 0.5 * 0.75 = 0.625; cuts 0.25 + 0.25
      expect(extras(cs, both)).toEqual({
        ...noExtras(cs),
        pairAdmissionBoost: { ...single, "A->C": 0.625, "C->A": 0.625 },
        pairFrictionCut: { "A->C": 0.5, "C->A": 0.5, "A->D": 0.25, "D->A": 0.25, "C->D": 0.25, "D->C": 0.25 },
      });
    },
  );
});

describe("applyPolicies: visaRegime", () => {
  it(
    "applyPolicies with visaRegime(threshold, fee, processingMonths) for every non-citizen moves " +
      "thresholds and fees a share w of the way and adds w * delayCost * months / 12 of friction",
    () => {
      const { cs, at } = periods([
        {
          kind: "visaRegime",
          region: "B",
          threshold: 100_000,
          fee: 500,
          processingMonths: 6,
          from: 2031,
          rampYears: 1,
        },
      ]);
      expect(changed(cs, at(2031))).toEqual({});
      // w = 0.5; X (lottery L1) and Z (threshold) need admission in B, Y is B's citizen.
      const pp = at(2031.5);
      expect(changed(cs, pp)).toEqual({
        "visas.B.X.threshold": 50_000,
        "visas.B.Z.threshold": 90_000,
        "visas.B.X.fee": 1250,
        "visas.B.Z.fee": 250,
      });
      expect(extras(cs, pp)).toEqual({ ...noExtras(cs), delayFriction: { "B.X": 0.1875, "B.Z": 0.1875 } });
    },
  );

  it(
    "applyPolicies with visaRegime(processingMonths) reads " + "delayCost as left by a custom policy listed before it",
    () => {
      const { cs, at } = periods([
        { kind: "custom", path: "behavior.delayCost", expression: "2", from: 2031 },
        { kind: "visaRegime", region: "A", citizenships: ["Z"], processingMonths: 3, from: 2031 },
      ]);
      const pp = at(2031);
      expect(changed(cs, pp)).toEqual({ "behavior.delayCost": 2 });
      expect(extras(cs, pp).delayFriction).toEqual({ "A.Z": 0.5 });
    },
  );

  it(
    "applyPolicies with visaRegime(rule: probability) for the citizenships listed replaces " +
      "kind, permanence, fee and admission in full while w > 0, and unlinks a lottery",
    () => {
      const { cs, at } = periods([
        {
          kind: "visaRegime",
          region: "B",
          citizenships: ["X", "Z"],
          rule: { rule: "probability", admission: 0.625, permanent: true, permanence: 0.5, fee: 300 },
          from: 2031,
          rampYears: 4,
        },
      ]);
      const pp = at(2031.25); // w = 1/16: the rule still applies in full
      expect(changed(cs, pp)).toEqual({
        "visas.B.X.admission": 0.625,
        "visas.B.Z.admission": 0.625,
        "visas.B.X.permanence": 0.5,
        "visas.B.Z.permanence": 0.5,
        "visas.B.X.fee": 300,
        "visas.B.Z.fee": 300,
      });
      expect(extras(cs, pp)).toEqual({
        ...noExtras(cs),
        ruleKind: { "B.X": RuleKind.Probability, "B.Z": RuleKind.Probability },
        rulePermanent: { "B.X": 1 },
        ruleLottery: { "B.X": -1 },
      });
    },
  );

  it(
    "applyPolicies with visaRegime(rule: threshold) and (rule: open) sets " +
      "each rule's own fields and a temporary status where the rule says so",
    () => {
      const { cs, at } = periods([
        {
          kind: "visaRegime",
          region: "D",
          citizenships: ["X"],
          rule: {
            rule: "threshold",
            threshold: 60_000,
            high: 0.75,
            low: 0.125,
            permanent: false,
            permanence: 0.25,
            fee: 64,
          },
          from: 2031,
        },
        {
          kind: "visaRegime",
          region: "C",
          citizenships: ["Y"],
          rule: { rule: "open", permanent: true, permanence: 0, fee: 0 },
          from: 2031,
        },
      ]);
      const pp = at(2031);
      expect(changed(cs, pp)).toEqual({
        "visas.D.X.threshold": 60_000,
        "visas.D.X.high": 0.75,
        "visas.D.X.low": 0.125,
        "visas.D.X.permanence": 0.25,
        "visas.D.X.fee": 64,
        "visas.C.Y.admission": 1,
        "visas.C.Y.permanence": 0,
        "visas.C.Y.fee": 0,
      });
      expect(extras(cs, pp)).toEqual({
        ...noExtras(cs),
        ruleKind: { "D.X": RuleKind.Threshold, "C.Y": RuleKind.Open },
        rulePermanent: { "D.X": 0, "C.Y": 1 },
        ruleLottery: { "C.Y": -1 },
      });
    },
  );

  it(
    "applyPolicies with visaRegime(rule: lottery, cap, weighted) joins the " +
      "rule to the lottery named and sets that lottery's cap and weighting",
    () => {
      const { cs, at } = periods([
        {
          kind: "visaRegime",
          region: "D",
          citizenships: ["X"],
          rule: { rule: "lottery", pool: "L2", permanent: false, permanence: 0.125, fee: 8 },
          cap: 5000,
          weighted: false,
          from: 2031,
          rampYears: 1,
        },
      ]);
      expect(extras(cs, at(2030.75))).toEqual(noExtras(cs));
      const pp = at(2031.25); // w = 0.25: cap 3000 + 0.25 * 2000
      expect(changed(cs, pp)).toEqual({ "visas.D.X.permanence": 0.125, "visas.D.X.fee": 8, "lotteries.L2.cap": 3500 });
      expect(extras(cs, pp)).toEqual({
        ...noExtras(cs),
        ruleKind: { "D.X": RuleKind.Lottery },
        rulePermanent: { "D.X": 0 },
        ruleLottery: { "D.X": 1 },
        lotteryWeighted: [0, 0],
      });
    },
  );

  it(
    "applyPolicies with visaRegime(cap, weighted) acts on the lottery of each (region, " +
      "citizenship) rule: the first lottery too, and none for a rule without a lottery",
    () => {
      const { cs, at } = periods([
        { kind: "visaRegime", region: "B", citizenships: ["X"], cap: 500, weighted: true, from: 2031 },
        { kind: "visaRegime", region: "D", citizenships: ["X"], cap: 1, weighted: false, from: 2031 },
        { kind: "visaRegime", region: "C", citizenships: ["Y"], cap: 2000, from: 2031 },
      ]);
      const pp = at(2031);
      expect(changed(cs, pp)).toEqual({ "lotteries.L1.cap": 500, "lotteries.L2.cap": 2000 });
      expect(extras(cs, pp)).toEqual({ ...noExtras(cs), lotteryWeighted: [1, 1] });
    },
  );
});

describe("applyPolicies: a ramped cap of a lottery shared by several citizenships", () => {
  it(
    "applyPolicies with visaRegime(cap) for C, whose X and Y rules both draw " +
      "in L2, moves L2's cap a share w of the way once, not once per citizenship",
    () => {
      const { cs, at } = periods([{ kind: "visaRegime", region: "C", cap: 5000, from: 2031, rampYears: 1 }]);
      expect(changed(cs, at(2031.5))).toEqual({ "lotteries.L2.cap": 4000 });
    },
  );

  it(
    "applyPolicies with visaRegime(cap, weighted) for D, where X " +
      "has no lottery and Y draws in L2, sets L2's cap and weighting",
    () => {
      const { cs, at } = periods([{ kind: "visaRegime", region: "D", cap: 2000, weighted: false, from: 2031 }]);
      const pp = at(2031);
      expect(changed(cs, pp)).toEqual({ "lotteries.L2.cap": 2000 });
      expect(extras(cs, pp)).toEqual({ ...noExtras(cs), lotteryWeighted: [0, 0] });
    },
  );
});

describe("applyPolicies: settings (languageAccess, taxIncentive, custom)", () => {
  it(
    "applyPolicies with two languageAccess policies moves the English job " +
      "share a share w of the way, the second from the value the first left",
    () => {
      const { cs, at } = periods([
        { kind: "languageAccess", region: "B", englishJobShare: 1, from: 2031, rampYears: 2 },
        { kind: "languageAccess", region: "B", englishJobShare: 0, from: 2031.5, rampYears: 1 },
      ]);
      expect(changed(cs, at(2031.5))).toEqual({ "regions.B.englishJobShare": 0.625 });
      expect(changed(cs, at(2032))).toEqual({ "regions.B.englishJobShare": 0.375 });
    },
  );

  it(
    "applyPolicies with taxIncentive sets w * reduction, years * periodsPerYear " +
      "rounded, and the target bits; a later one for the same region replaces it",
    () => {
      const { cs, at } = periods([
        { kind: "taxIncentive", region: "B", reduction: 0.125, years: 5, target: "newcomers", from: 2031 },
        {
          kind: "taxIncentive",
          region: "B",
          reduction: 0.5,
          years: 2.375,
          target: "returnees",
          from: 2031.5,
          rampYears: 1,
        },
        { kind: "taxIncentive", region: "D", reduction: 0.25, years: 0.4, target: "both", from: 2031 },
      ]);
      const first = at(2031.25);
      expect(changed(cs, first)).toEqual({});
      expect(extras(cs, first)).toEqual({
        ...noExtras(cs),
        taxReduction: [0, 0.125, 0, 0.25],
        taxWindow: [0, 20, 0, 2],
        taxTarget: [0, 1, 0, 3],
      });
      const second = at(2031.75); // w = 0.25 for the second; 2.375 * 4 = 9.5 rounds to 10, 0.4 * 4 = 1.6 to 2
      expect(extras(cs, second)).toEqual({
        ...noExtras(cs),
        taxReduction: [0, 0.125, 0, 0.25],
        taxWindow: [0, 10, 0, 2],
        taxTarget: [0, 2, 0, 3],
      });
    },
  );

  it(
    "applyPolicies with custom sets base + w * (expression - base) from year, " +
      "t and base, for each slot a pattern path names, and reports each value set",
    () => {
      const seen: [number, number, number][] = [];
      const { cs, at } = periods(
        [
          { kind: "investment", region: "A", amount: 1, from: 2031 },
          {
            kind: "custom",
            path: "visas.B.*.fee",
            expression: "base + (year - 2030) * 64 + t",
            from: 2031,
            rampYears: 1,
          },
          { kind: "custom", path: "movingCost.A<->B", expression: "2 * base", from: 2031 },
        ],
        (policy, slot, value) => seen.push([policy, slot, value]),
      );
      const pp = at(2031.5, 6); // w = 0.5; fee X 2000, Y 0, Z 0 each + 0.5 * (96 + 6)
      expect(changed(cs, pp)).toEqual({
        "regions.A.investment": 2,
        "visas.B.X.fee": 2051,
        "visas.B.Y.fee": 51,
        "visas.B.Z.fee": 51,
        "movingCost.A->B": 1,
        "movingCost.B->A": 1,
      });
      const slot = (path: string) => cs.index.get(path)!;
      expect(seen).toEqual([
        [1, slot("visas.B.X.fee"), 2051],
        [1, slot("visas.B.Y.fee"), 51],
        [1, slot("visas.B.Z.fee"), 51],
        [2, slot("movingCost.A->B"), 1],
        [2, slot("movingCost.B->A"), 1],
      ]);
      expect(changed(cs, at(2030.75, -1))).toEqual({});
      expect(seen).toHaveLength(5);
    },
  );
});

describe("capped programs: openWorkPermit and talentExchange slots", () => {
  const policies: Policy[] = [
    {
      kind: "openWorkPermit",
      region: "C",
      holdersIn: ["A", "B"],
      places: 100,
      perYear: true,
      permanent: true,
      from: 2031,
      until: 2032,
    },
    { kind: "talentExchange", partners: ["A", "C", "D"], admissionBoost: 0, frictionCut: 0, slots: 40, from: 2030.5 },
    { kind: "talentExchange", partners: ["A", "B"], admissionBoost: 0, frictionCut: 0, slots: 0, from: 2030 },
    {
      kind: "openWorkPermit",
      region: "D",
      holdersIn: ["C"],
      places: 7,
      perYear: false,
      permanent: false,
      from: 2030,
      until: 2031,
    },
  ];

  it(
    "compilePolicies lists one program per permit and one per destination partner of an " +
      "exchange with slots, eligible from partners of another country, and none for other kinds",
    () => {
      const { cp } = periods([
        ...policies,
        {
          kind: "researchCooperation",
          partners: ["A", "B"],
          ecosystemBoost: 0,
          movingCostCut: 0,
          researchersOnly: true,
          from: 2030,
        },
        { kind: "investment", region: "A", amount: 1, from: 2030 },
      ]);
      const plain = cp.programs.map((p: Program) => ({ ...p, origins: Array.from(p.origins) }));
      expect(plain).toEqual([
        {
          policy: 0,
          kind: "openWorkPermit",
          region: 2,
          origins: [1, 1, 0, 0],
          temporaryOnly: true,
          permanent: true,
          perYear: true,
          places: 100,
          fallsBackToRule: true,
        },
        {
          policy: 1,
          kind: "talentExchange",
          region: 0,
          origins: [0, 0, 1, 1],
          temporaryOnly: false,
          permanent: false,
          perYear: true,
          places: 40,
          fallsBackToRule: true,
        },
        {
          policy: 1,
          kind: "talentExchange",
          region: 2,
          origins: [1, 0, 0, 0],
          temporaryOnly: false,
          permanent: false,
          perYear: true,
          places: 40,
          fallsBackToRule: true,
        },
        {
          policy: 1,
          kind: "talentExchange",
          region: 3,
          origins: [1, 0, 0, 0],
          temporaryOnly: false,
          permanent: false,
          perYear: true,
          places: 40,
          fallsBackToRule: true,
        },
        {
          policy: 3,
          kind: "openWorkPermit",
          region: 3,
          origins: [0, 0, 1, 0],
          temporaryOnly: true,
          permanent: false,
          perYear: false,
          places: 7,
          fallsBackToRule: true,
        },
      ]);
    },
  );

  it("applyPolicies marks exactly the programs of the policies in force active, whatever their weight", () => {
    const { at } = periods([...policies.slice(0, 3), { ...policies[3], rampYears: 8 }]);
    expect([2030, 2030.5, 2031, 2032].map((time) => Array.from(at(time).programActive))).toEqual([
      [0, 0, 0, 0, 0],
      [0, 1, 1, 1, 1],
      [1, 1, 1, 1, 0],
      [0, 1, 1, 1, 0],
    ]);
  });

  it(
    "openProgramPlaces opens places / scale agents: a yearly program at its " +
      "first period and each year's first period (no carry-over), a total once",
    () => {
      const programs = periods(policies).cp.programs.filter((p) => p.kind === "openWorkPermit");
      const started = new Uint8Array(2);
      const remaining = new Float64Array(2);
      const activeAt = (t: number) => Uint8Array.from([t >= 2 && t !== 5 ? 1 : 0, t >= 3 ? 1 : 0]);
      const opened: number[][] = [];
      for (let t = 0; t < 10; t++) {
        openProgramPlaces(programs, activeAt(t), started, remaining, t, PPY, 4);
        opened.push(Array.from(remaining));
        remaining[0] = remaining[0] > 0 ? 1 : 0; // one agent's place left over, never carried into a new year
        remaining[1] = 0;
      }
      // Yearly: 100 / 4 = 25 at t = 2 (first active), 4 and 8 (years' first periods); total: 7 / 4 at t = 3 only.
      expect(opened).toEqual([
        [0, 0],
        [0, 0],
        [25, 0],
        [1, 1.75],
        [25, 0],
        [1, 0],
        [1, 0],
        [1, 0],
        [25, 0],
        [1, 0],
      ]);
    },
  );

  it(
    "openProgramPlaces gives a yearly program that is closed " +
      "at the year's first period no places until the next year's",
    () => {
      const programs = periods(policies).cp.programs.slice(0, 1);
      const started = new Uint8Array(1);
      const remaining = new Float64Array(1);
      const opened: number[] = [];
      for (let t = 0; t < 9; t++) {
        openProgramPlaces(programs, Uint8Array.of(t === 1 || t >= 5 ? 1 : 0), started, remaining, t, PPY, 2);
        opened.push(remaining[0]);
        remaining[0] = 0;
      }
      expect(opened).toEqual([0, 50, 0, 0, 0, 0, 0, 0, 50]);
    },
  );
});

describe("custom policy paths and errors", () => {
  it(
    "resolvePath names the slots of a field, both directions of A<->B, every " +
      "citizenship of *->R and visas.R.*.field, and nothing for an unknown path",
    () => {
      const { cs } = periods([]);
      const slot = (path: string) => cs.index.get(path)!;
      expect(resolvePath(cs, "behavior.beta")).toEqual([slot("behavior.beta")]);
      expect(resolvePath(cs, "movingCost.B<->D")).toEqual([slot("movingCost.B->D"), slot("movingCost.D->B")]);
      expect(resolvePath(cs, "movingCost.D->B")).toEqual([slot("movingCost.D->B")]);
      expect(resolvePath(cs, "visaFriction.*->C")).toEqual(["X", "Y", "Z"].map((c) => slot(`visaFriction.${c}->C`)));
      expect(resolvePath(cs, "visas.D.*.low")).toEqual(["X", "Y", "Z"].map((c) => slot(`visas.D.${c}.low`)));
      for (const unknown of [
        "behavior.nothing",
        "movingCost.B<->Q",
        "movingCost.Q->B",
        "movingCost.BD",
        "movingCost.B<->D.x",
        "visaFriction.*->Q",
        "visaFriction.X->Q",
        "visaFriction.Q->C",
        "visaFriction.*->C.x",
        "visas.Q.*.low",
        "visas.D.*.nothing",
        "visas.D.*.low.x",
        "visas.D.X.nothing",
        "regions.*.investment",
        "behavior.*->C",
        "regions.D.*.low",
        "visas.D.Q.low",
      ]) {
        expect(resolvePath(cs, unknown), unknown).toBeUndefined();
      }
    },
  );

  it(
    "compilePolicies refuses a custom policy's unknown path and " +
      "invalid expression with a ValidationError naming each policy's path",
    () => {
      const s = world([
        { kind: "investment", region: "A", amount: 1, from: 2031 },
        { kind: "custom", path: "regions.A.nothing", expression: "1", from: 2031 },
        { kind: "custom", path: "behavior.beta", expression: "import(1)", from: 2031 },
        { kind: "custom", path: "behavior.beta", expression: "base", from: 2031 },
      ]);
      let error: unknown;
      try {
        compilePolicies(compileScenario(s));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      const issues = (error as ValidationError).issues;
      expect(issues.map((i) => i.path)).toEqual(["policies.1.path", "policies.2.expression"]);
      expect(issues[0].message).toBe(
        '"regions.A.nothing" is not a numeric scenario field (e.g. ' +
          "regions.DE.investment, behavior.beta, movingCost.DE->CA)",
      );
      expect(
        (error as Error).message.startsWith('scenario "tiny-world" has invalid policies:\n  - policies.1.path: '),
      ).toBe(true);
    },
  );

  it("compilePolicies(cs) of valid policies parses only the custom ones", () => {
    const { cp } = periods([
      { kind: "investment", region: "A", amount: 1, from: 2031 },
      { kind: "custom", path: "visas.B.*.fee", expression: "base", from: 2031 },
    ]);
    expect(cp.compiled[0]).toBeUndefined();
    expect((cp.compiled[1] as CompiledCustom).indices).toHaveLength(3);
  });
});

describe("the world of these tests", () => {
  it("validateScenario accepts the world with a policy of every kind in force", () => {
    const s = world([
      {
        kind: "researchCooperation",
        partners: ["A", "B"],
        ecosystemBoost: 0.5,
        movingCostCut: 0.25,
        researchersOnly: true,
        from: 2031,
      },
      { kind: "economicCooperation", partners: ["A", "B"], investment: { A: 1 }, from: 2031 },
      {
        kind: "regulatoryAlignment",
        partners: ["A", "C"],
        certifiedShare: 1,
        assessmentCost: 0.5,
        exportShare: 1,
        investmentElasticity: 1,
        frictionCut: 0.25,
        from: 2031,
      },
      { kind: "talentExchange", partners: ["A", "C"], admissionBoost: 0.5, frictionCut: 0.25, slots: 8, from: 2031 },
      {
        kind: "visaRegime",
        region: "B",
        rule: { rule: "threshold", threshold: 1, high: 1, low: 0, permanent: true, permanence: 1, fee: 5 },
        from: 2031,
        rampYears: 1,
      },
      {
        kind: "visaRegime",
        region: "D",
        citizenships: ["X"],
        rule: { rule: "lottery", pool: "L2", permanent: true, permanence: 1, fee: 5 },
        cap: 10,
        from: 2031,
        rampYears: 1,
      },
      {
        kind: "openWorkPermit",
        region: "C",
        holdersIn: ["A"],
        places: 10,
        perYear: true,
        permanent: false,
        from: 2031,
      },
      { kind: "investment", region: "A", amount: 1, from: 2031 },
      { kind: "languageAccess", region: "B", englishJobShare: 1, from: 2031 },
      { kind: "taxIncentive", region: "D", reduction: 0.25, years: 2, target: "both", from: 2031 },
      { kind: "custom", path: "visas.B.*.fee", expression: "base + 1", from: 2031 },
    ]);
    const result = validateScenario(s);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});
