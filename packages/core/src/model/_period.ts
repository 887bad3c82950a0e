/**
 * A period's parameters: the base vector copied, then every policy active at the period's
 * calendar time applied in the order listed (docs/model.md 3.3.1). All of this runs once per
 * period, never per agent.
 */
import type { Policy } from "../types";
import { ValidationError } from "../errors";
import { ownValue } from "../_ownValue";
import { compileExpression, type CompiledExpression } from "../policies/_expression";
import { type CompiledScenario, REGION_FIELDS, parsePairKey } from "./_compile";
import { writeVisaRule } from "./_visaRule";

/** A capped admission program: an open work permit or the yearly slots of a talent exchange. */
export interface Program {
  readonly policy: number;
  readonly kind: "openWorkPermit" | "talentExchange";
  /** Destination region. */
  readonly region: number;
  /** Eligible origins (regions the agent works in). */
  readonly origins: Uint8Array;
  /** Only holders of a temporary status are eligible (open work permits). */
  readonly temporaryOnly: boolean;
  readonly permanent: boolean;
  readonly perYear: boolean;
  /** Places in people (per year or in total). */
  readonly places: number;
}

/** The numbers of one period after policies. */
export interface PeriodParams {
  vec: Float64Array;
  ruleKind: Uint8Array;
  rulePermanent: Uint8Array;
  /** Lottery of a lottery rule per (j, c), -1 otherwise (a visaRegime may switch rules). */
  ruleLottery: Int32Array;
  lotteryWeighted: Uint8Array;
  /** Extra friction per (j, c) from processing delays, logit units. */
  delayFriction: Float64Array;
  /** Cut of friction for moves from partner r to partner j. */
  pairFrictionCut: Float64Array;
  /** Cut of moving cost r -> j for researchers only. */
  researcherMoveCut: Float64Array;
  /** Admission boost for moves r -> j: pi' = pi + (1 - pi) * boost. */
  pairAdmissionBoost: Float64Array;
  /** Tax incentive per region: reduction, window in periods, target bits (1 newcomers, 2 returnees). */
  taxReduction: Float64Array;
  taxWindow: Int32Array;
  taxTarget: Uint8Array;
  /** Which programs are active this period. */
  programActive: Uint8Array;
}

/** Compiled policies: custom expressions parsed once per run, programs listed. */
export interface CompiledPolicies {
  readonly policies: readonly Policy[];
  readonly expressions: ReadonlyArray<{ indices: number[]; expression: CompiledExpression } | undefined>;
  readonly programs: readonly Program[];
}

/**
 * Opens programs' places for period t: a program active this period gets `places / scale` places
 * (in agents) at the first period of each year if it is yearly, or once, the first time it is
 * active, for a total. Places left from a year are not carried over.
 */
export function openProgramPlaces(
  programs: readonly Program[],
  active: Uint8Array,
  started: Uint8Array,
  remaining: Float64Array,
  t: number,
  periodsPerYear: number,
  scale: number,
): void {
  for (let q = 0; q < programs.length; q++) {
    if (!active[q]) continue;
    const p = programs[q]!;
    if (p.perYear ? t % periodsPerYear === 0 || !started[q] : !started[q]) {
      remaining[q] = p.places / scale;
      started[q] = 1;
    }
  }
}

/** Resolves a dotted path to the vector slots it names (`DE<->CA` and `*` name several). */
export function resolvePath(cs: CompiledScenario, path: string): number[] | undefined {
  const direct = cs.index.get(path);
  if (direct !== undefined) return [direct];
  const parts = path.split(".");
  if (parts[0] === "movingCost" && parts.length === 2) {
    const pair = parsePairKey(parts[1]!);
    if (!pair) return undefined;
    const out = [cs.index.get(`movingCost.${pair.from}->${pair.to}`)];
    if (pair.both) out.push(cs.index.get(`movingCost.${pair.to}->${pair.from}`));
    return out.every((i) => i !== undefined) ? (out as number[]) : undefined;
  }
  if (parts[0] === "visaFriction" && parts.length === 2 && parts[1]!.startsWith("*->")) {
    const to = parts[1]!.slice(3);
    const out = cs.citizenships.map((c) => cs.index.get(`visaFriction.${c}->${to}`));
    return out.every((i) => i !== undefined) ? (out as number[]) : undefined;
  }
  if (parts[0] === "visas" && parts.length === 4 && parts[2] === "*") {
    const out = cs.citizenships.map((c) => cs.index.get(`visas.${parts[1]}.${c}.${parts[3]}`));
    return out.every((i) => i !== undefined) ? (out as number[]) : undefined;
  }
  return undefined;
}

/** Parses custom expressions and lists capped programs; errors name the policy's path. */
export function compilePolicies(cs: CompiledScenario): CompiledPolicies {
  const policies = cs.scenario.policies;
  const issues: { path: string; message: string }[] = [];
  const expressions = policies.map((p, k) => {
    if (p.kind !== "custom") return undefined;
    const indices = resolvePath(cs, p.path);
    if (!indices) {
      issues.push({ path: `policies.${k}.path`, message: `"${p.path}" is not a numeric scenario field (e.g. regions.DE.investment, behavior.beta, movingCost.DE->CA)` });
      return undefined;
    }
    try {
      return { indices, expression: compileExpression(p.expression, { path: `policies.${k}.expression` }) };
    } catch (e) {
      if (e instanceof ValidationError) issues.push(...e.issues);
      else throw e;
      return undefined;
    }
  });
  if (issues.length > 0) throw new ValidationError(issues, `scenario "${cs.scenario.name}" has invalid policies`);

  const R = cs.regions.length;
  const programs: Program[] = [];
  policies.forEach((p, k) => {
    if (p.kind === "openWorkPermit") {
      const origins = new Uint8Array(R);
      for (const o of p.holdersIn) origins[cs.regions.indexOf(o)] = 1;
      programs.push({ policy: k, kind: p.kind, region: cs.regions.indexOf(p.region), origins, temporaryOnly: true, permanent: p.permanent, perYear: p.perYear, places: p.places });
    } else if (p.kind === "talentExchange" && p.slots > 0) {
      for (const dest of p.partners) {
        const j = cs.regions.indexOf(dest);
        const origins = new Uint8Array(R);
        for (const o of p.partners) {
          const r = cs.regions.indexOf(o);
          if (cs.regionCountry[r] !== cs.regionCountry[j]) origins[r] = 1;
        }
        programs.push({ policy: k, kind: p.kind, region: j, origins, temporaryOnly: false, permanent: false, perYear: true, places: p.slots });
      }
    }
  });
  return { policies, expressions, programs };
}

/** Allocates the period buffers once per run. */
export function createPeriodParams(cs: CompiledScenario, programs: number): PeriodParams {
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  return {
    vec: new Float64Array(cs.base.length),
    ruleKind: new Uint8Array(R * C),
    rulePermanent: new Uint8Array(R * C),
    ruleLottery: new Int32Array(R * C),
    lotteryWeighted: new Uint8Array(cs.lotteries.length),
    delayFriction: new Float64Array(R * C),
    pairFrictionCut: new Float64Array(R * R),
    researcherMoveCut: new Float64Array(R * R),
    pairAdmissionBoost: new Float64Array(R * R),
    taxReduction: new Float64Array(R),
    taxWindow: new Int32Array(R),
    taxTarget: new Uint8Array(R),
    programActive: new Uint8Array(programs),
  };
}

/** Share of a policy in force at calendar time `time`: 0 outside its window, ramping to 1. */
export function policyWeight(p: Policy, time: number): number {
  if (time < p.from) return 0;
  if (p.until !== undefined && time >= p.until) return 0;
  const ramp = p.rampYears ?? 0;
  return ramp > 0 ? Math.min(1, (time - p.from) / ramp) : 1;
}

/**
 * Fills `out` with the period's parameters: base values, then each active policy in order.
 * `time` is the calendar time of the period's start, `t` the reported period index.
 * `onCustomValue`, when given, sees every value a custom policy sets (policy index, vector slot,
 * value), right after it is set: validation checks them against the field's rules.
 */
export function applyPolicies(
  cs: CompiledScenario,
  cp: CompiledPolicies,
  out: PeriodParams,
  time: number,
  t: number,
  onCustomValue?: (policy: number, slot: number, value: number) => void,
): void {
  const R = cs.regions.length;
  const C = cs.citizenships.length;
  const { vec, off } = { vec: out.vec, off: cs.off };
  vec.set(cs.base);
  out.ruleKind.set(cs.ruleKind);
  out.rulePermanent.set(cs.rulePermanent);
  out.ruleLottery.set(cs.ruleLottery);
  out.lotteryWeighted.set(cs.lotteryWeighted);
  out.delayFriction.fill(0);
  out.pairFrictionCut.fill(0);
  out.researcherMoveCut.fill(0);
  out.pairAdmissionBoost.fill(0);
  out.taxReduction.fill(0);
  out.taxWindow.fill(0);
  out.taxTarget.fill(0);
  out.programActive.fill(0);
  const ppy = cs.scenario.periodsPerYear;
  const region = (code: string) => cs.regions.indexOf(code);
  const forPartnerPairs = (partners: string[], f: (r: number, j: number) => void) => {
    for (const a of partners) for (const b of partners) if (a !== b) f(region(a), region(b));
  };

  cp.policies.forEach((p, k) => {
    const w = policyWeight(p, time);
    if (w <= 0) return;
    switch (p.kind) {
      case "researchCooperation":
        for (const code of p.partners) vec[off.region.researchEcosystem + region(code)] += w * p.ecosystemBoost;
        forPartnerPairs(p.partners, (r, j) => {
          if (p.researchersOnly) out.researcherMoveCut[r * R + j] += w * p.movingCostCut;
          else vec[off.movingCost + r * R + j] = Math.max(0, vec[off.movingCost + r * R + j]! - w * p.movingCostCut);
        });
        break;
      case "economicCooperation":
        for (const code of p.partners) {
          const amount = typeof p.investment === "number" ? p.investment : (ownValue(p.investment, code) ?? 0);
          vec[off.region.investment + region(code)] += w * amount;
        }
        break;
      case "regulatoryAlignment":
        for (const code of p.partners) vec[off.region.investment + region(code)] *= 1 + w * p.investmentGain;
        forPartnerPairs(p.partners, (r, j) => (out.pairFrictionCut[r * R + j] += w * p.frictionCut));
        break;
      case "talentExchange":
        forPartnerPairs(p.partners, (r, j) => {
          out.pairFrictionCut[r * R + j] += w * p.frictionCut;
          const b = out.pairAdmissionBoost[r * R + j]!;
          out.pairAdmissionBoost[r * R + j] = 1 - (1 - b) * (1 - w * p.admissionBoost);
        });
        break;
      case "visaRegime": {
        const j = region(p.region);
        const cits = p.citizenships
          ? p.citizenships.map((c) => cs.citizenships.indexOf(c))
          : cs.citizenships.map((_, c) => c).filter((c) => cs.citizenCountry[c] !== cs.regionCountry[j]);
        for (const c of cits) {
          const at = j * C + c;
          if (p.rule) writeVisaRule(p.rule, at, out, vec, off.rule, cs.lotteries);
          if (p.threshold !== undefined) vec[off.rule.threshold + at] += w * (p.threshold - vec[off.rule.threshold + at]!);
          if (p.fee !== undefined) vec[off.rule.fee + at] += w * (p.fee - vec[off.rule.fee + at]!);
          if (p.processingMonths !== undefined) {
            out.delayFriction[at] += (w * vec[off.behavior.delayCost!]! * p.processingMonths) / 12;
          }
        }
        // Once per lottery, not per citizenship: a lottery that several of these rules draw in
        // would otherwise move more than a share w of the way to the new cap.
        cs.lotteries.forEach((_, l) => {
          if (!cits.some((c) => out.ruleLottery[j * C + c] === l)) return;
          if (p.cap !== undefined) vec[off.lottery.cap + l] += w * (p.cap - vec[off.lottery.cap + l]!);
          if (p.weighted !== undefined) out.lotteryWeighted[l] = p.weighted ? 1 : 0;
        });
        break;
      }
      case "investment":
        vec[off.region.investment + region(p.region)] += w * p.amount;
        break;
      case "languageAccess": {
        const at = off.region.englishJobShare + region(p.region);
        vec[at] += w * (p.englishJobShare - vec[at]!);
        break;
      }
      case "taxIncentive": {
        const j = region(p.region);
        out.taxReduction[j] = w * p.reduction;
        out.taxWindow[j] = Math.round(p.years * ppy);
        out.taxTarget[j] = p.target === "newcomers" ? 1 : p.target === "returnees" ? 2 : 3;
        break;
      }
      case "custom": {
        const compiled = cp.expressions[k]!;
        for (const at of compiled.indices) {
          const current = vec[at]!;
          const value = compiled.expression.evaluate({ year: time, t, base: current });
          vec[at] = current + w * (value - current);
          onCustomValue?.(k, at, vec[at]!);
        }
        break;
      }
    }
    // An open work permit's places and an exchange's slots (the programs compilePolicies lists)
    // are open in full whenever w > 0.
    cp.programs.forEach((prog, q) => {
      if (prog.policy === k) out.programActive[q] = 1;
    });
  });
}

/** The region fields, re-exported for callers that list paths. */
export { REGION_FIELDS };
