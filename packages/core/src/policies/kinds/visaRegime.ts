/**
 * A region's visa rules for a group of citizenships (default: every citizenship that needs
 * admission there): a new rule, a salary threshold, an employer-paid fee, a lottery cap or kind,
 * a processing delay.
 * @internal
 * @module
 */
import { z } from "zod";
import { above, atLeast, upTo } from "../../scenario/_fieldSchemas";
import { visaRuleSchema } from "../../scenario/_visaRuleSchema";
import { writeVisaRule } from "../../kernel/_visaRule";
import type { VisaRegimePolicy } from "../../scenario/types";
import { policyRegion, windowFields } from "../_policyFields";
import type { PolicyKindDefinition } from "../_policyKindDefinition";

const schema = z.strictObject({
  kind: z.literal("visaRegime"),
  ...windowFields,
  region: policyRegion(),
  citizenships: z.array(z.string()).optional().describe("Citizenships affected (default: all that need admission)."),
  rule: visaRuleSchema.optional().describe("Replace the rule kind and its fields."),
  threshold: upTo(above(0), 1e9).optional().describe("Salary threshold of threshold rules, USD."),
  fee: upTo(atLeast(0), 1e9).optional().describe("Employer-paid fee for hires from abroad, USD."),
  cap: upTo(atLeast(0), 1e9).optional().describe("Yearly cap of the lottery these rules use, people."),
  weighted: z.boolean().optional().describe("Wage-weighted (true) or uniform (false) lottery."),
  processingMonths: upTo(atLeast(0), 120).optional().describe("Processing delay in months."),
});

/** The visaRegime kind. */
export const visaRegimeKind = {
  kind: "visaRegime",
  schema,
  defaults: {},
  apply(p, w, ctx) {
    const { cs, vec, off, out, C } = ctx;
    const j = ctx.region(p.region);
    const cits = p.citizenships
      ? p.citizenships.map((c) => cs.citizenships.indexOf(c))
      : cs.citizenships.map((_, c) => c).filter((c) => cs.citizenCountry[c] !== cs.regionCountry[j]);
    for (const c of cits) {
      const at = j * C + c;
      if (p.rule) writeVisaRule(p.rule, at, out, vec, off.rule, cs.lotteries);
      if (p.threshold !== undefined) vec[off.rule.threshold + at] += w * (p.threshold - vec[off.rule.threshold + at]);
      if (p.fee !== undefined) vec[off.rule.fee + at] += w * (p.fee - vec[off.rule.fee + at]);
      if (p.processingMonths !== undefined) {
        out.delayFriction[at] += (w * vec[off.behavior.delayCost] * p.processingMonths) / 12;
      }
    }
    // Once per lottery, not per citizenship: a lottery that several of these rules draw in
    // would otherwise move more than a share w of the way to the new cap.
    cs.lotteries.forEach((_, l) => {
      if (!cits.some((c) => out.ruleLottery[j * C + c] === l)) return;
      if (p.cap !== undefined) vec[off.lottery.cap + l] += w * (p.cap - vec[off.lottery.cap + l]);
      if (p.weighted !== undefined) out.lotteryWeighted[l] = p.weighted ? 1 : 0;
    });
  },
  check(p, c) {
    c.region(p.region, ["region"]);
    if (Array.isArray(p.citizenships))
      p.citizenships.forEach((code: unknown, j) => c.citizenship(code, ["citizenships", j]));
    c.pool(p.rule, p.region, ["rule", "pool"]);
    c.statusTerm(p.rule, ["rule"]);
  },
} satisfies PolicyKindDefinition<VisaRegimePolicy, undefined, typeof schema>;
