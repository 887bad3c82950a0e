/**
 * A period's parameters: the base vector copied, then every policy active at the period's
 * calendar time applied in the order listed (docs/model.md 3.3.1). All of this runs once per
 * period, never per agent.
 */
import type { Policy } from "../scenario/types";
import { Issues, showValue } from "../_issues";
import type {
  AnyPolicyKindDefinition,
  PolicyApplyContext,
  PolicyCompileContext,
  PolicyLike,
} from "../policies/_policyKindDefinition";
import { policyKindDefinition } from "../policies/_registry";
import { type CompiledScenario, REGION_FIELDS } from "./_compile";

/** A capped admission program: an open work permit or the yearly slots of a talent exchange. */
export interface Program {
  readonly policy: number;
  /** Kind of the policy that lists it (for reports; the engine reads the fields below, not this). */
  readonly kind: string;
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
  /**
   * Is the program tried before the destination's own rule, applicants without a place falling
   * back on the rule (open work permits, exchange slots)? Otherwise it is the fallback of those
   * the rule refused (no built-in kind; a kind of one's own may ask for it).
   */
  readonly fallsBackToRule: boolean;
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

/**
 * Compiled policies: each policy's kind looked up once per run, what each kind compiled (custom
 * policies' parsed expressions, ...), and the capped programs listed.
 */
export interface CompiledPolicies {
  readonly policies: readonly Policy[];
  /** The definition of each policy's kind, by policy index. */
  readonly kinds: readonly AnyPolicyKindDefinition[];
  /** What each policy's kind compiled (`undefined` for kinds that compile nothing), by policy index. */
  readonly compiled: readonly unknown[];
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
    const p = programs[q];
    if (p.perYear ? t % periodsPerYear === 0 || !started[q] : !started[q]) {
      remaining[q] = p.places / scale;
      started[q] = 1;
    }
  }
}

/**
 * A program's anticipated chance of a place for the next period, after this period's allocation
 * (docs/model.md 3.3.8): `min(1, remaining / applicants)`, or with no applicants 1 if at least one
 * place is left and 0 otherwise. Places and applicants in the same unit (agents in the engine,
 * people in the mean-field projection).
 * @example programChanceAfter(50, 200) // 0.25
 */
export function programChanceAfter(remaining: number, applicants: number): number {
  return applicants > 0 ? Math.min(1, remaining / applicants) : remaining >= 1 ? 1 : 0;
}

export { resolvePath } from "../policies/kinds/custom";

/**
 * Looks each policy's kind up and compiles it (custom policies' paths and expressions, capped
 * programs); errors name the policy's path, all of them at once.
 */
export function compilePolicies(cs: CompiledScenario): CompiledPolicies {
  const policies = cs.scenario.policies;
  const issues = new Issues(`scenario "${cs.scenario.name}" has invalid policies`);
  const programs: Program[] = [];
  const kinds: AnyPolicyKindDefinition[] = new Array(policies.length);
  const compiled = policies.map((p: PolicyLike, k) => {
    const kind = policyKindDefinition(p.kind);
    if (kind === undefined) {
      issues.add(`policies.${k}.kind`, `unknown kind ${showValue(p.kind)}`);
      return undefined;
    }
    kinds[k] = kind;
    const context: PolicyCompileContext = {
      cs,
      index: k,
      path: (field) => `policies.${k}.${field}`,
      issues,
      addProgram: (program) => void programs.push({ policy: k, kind: p.kind, ...program }),
    };
    return kind.compile?.(p, context);
  });
  issues.throwIfAny();
  return { policies, kinds, compiled, programs };
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
  const context: PolicyApplyContext = {
    cs,
    out,
    vec,
    off,
    R,
    C,
    periodsPerYear: cs.scenario.periodsPerYear,
    time,
    t,
    region: (code) => cs.regions.indexOf(code),
    forPartnerPairs: (partners, f) => {
      for (const a of partners) for (const b of partners) if (a !== b) f(cs.regions.indexOf(a), cs.regions.indexOf(b));
    },
    onCustomValue,
  };
  const { policies, kinds, compiled, programs } = cp;
  for (let k = 0; k < policies.length; k++) {
    const p = policies[k];
    const w = policyWeight(p, time);
    if (w <= 0) continue;
    kinds[k].apply(p, w, context, compiled[k], k);
    // An open work permit's places and an exchange's slots (the programs compilePolicies lists)
    // are open in full whenever w > 0.
    for (let q = 0; q < programs.length; q++) if (programs[q].policy === k) out.programActive[q] = 1;
  }
}

/** The region fields, re-exported for callers that list paths. */
export { REGION_FIELDS };
