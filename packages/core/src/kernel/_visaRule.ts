/**
 * A visa rule (docs/model.md 3.3.5) as the period kernel stores it: its kind, permanence and
 * lottery as codes per (region, citizenship), its numbers in the parameter vector. Written when
 * the scenario is compiled and again each period a `visaRegime` policy replaces the rule.
 */
import type { VisaRule } from "../scenario/types";
import type { Offsets } from "./_compile";

/** Rule kinds as small integers for the per-period tables. */
export const RuleKind = { Open: 0, Probability: 1, Threshold: 2, Lottery: 3 } as const;

const RULE_CODES: Record<VisaRule["rule"], number> = {
  open: RuleKind.Open,
  probability: RuleKind.Probability,
  threshold: RuleKind.Threshold,
  lottery: RuleKind.Lottery,
};

/** The rules' codes per (region j, citizenship c), at j * C + c. */
export interface VisaRuleCodes {
  readonly ruleKind: Uint8Array;
  readonly rulePermanent: Uint8Array;
  /** Index of the rule's lottery, -1 for other rules. */
  readonly ruleLottery: Int32Array;
}

/**
 * Writes rule `rl` of the (region, citizenship) cell `at` into `codes` and into the parameter
 * vector `vec` at the rule offsets `off` (an open rule admits with probability 1; fields a kind
 * does not have are left as they are). Returns the index of its lottery in `lotteries`: -1 for
 * other rules, and for a lottery pool that is not in the list (the caller reports it).
 * @example writeVisaRule(rule, j * C + c, params, params.vec, cs.off.rule, cs.lotteries)
 */
export function writeVisaRule(
  rl: VisaRule,
  at: number,
  codes: VisaRuleCodes,
  vec: Float64Array,
  off: Offsets["rule"],
  lotteries: readonly string[],
): number {
  const lottery = rl.rule === "lottery" ? lotteries.indexOf(rl.pool) : -1;
  codes.ruleKind[at] = RULE_CODES[rl.rule];
  codes.rulePermanent[at] = rl.permanent ? 1 : 0;
  codes.ruleLottery[at] = lottery;
  vec[off.permanence + at] = rl.permanence;
  vec[off.fee + at] = rl.fee;
  // Absent optional fields are the neutral values: no expiry, no renewal.
  vec[off.duration + at] = rl.duration ?? 0;
  vec[off.renewal + at] = rl.renewal ?? 0;
  if (rl.rule === "probability") vec[off.admission + at] = rl.admission;
  if (rl.rule === "open") vec[off.admission + at] = 1;
  if (rl.rule === "threshold") {
    vec[off.threshold + at] = rl.threshold;
    vec[off.high + at] = rl.high;
    vec[off.low + at] = rl.low;
  }
  return lottery;
}
