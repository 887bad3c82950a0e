/**
 * Regulatory alignment (mutual recognition of certified AI systems): a system certified in one
 * partner needs no second conformity assessment in another, so serving both markets costs less and
 * each partner's AI investment rises by `investmentElasticity × certifiedShare × assessmentCost ×
 * exportShare` (docs/model.md, "Policies of the alliance"). An optional visa-friction cut is kept
 * for agreements that also ease the movement of professionals; recognition itself sets it to 0.
 * @internal
 * @module
 */
import { z } from "zod";
import { atLeast, inRange, share, upTo } from "../../scenario/_fieldSchemas";
import { ownValue } from "../../_ownValue";
import type { RegulatoryAlignmentPolicy } from "../../scenario/types";
import { partners, windowFields } from "../_policyFields";
import type { PolicyKindDefinition } from "../_policyKindDefinition";

const schema = z.strictObject({
  kind: z.literal("regulatoryAlignment"),
  ...windowFields,
  partners: partners(),
  certifiedShare: share().describe("Share of AI investment in systems that need a conformity assessment (high-risk)."),
  assessmentCost: share().describe("Cost of one conformity assessment as a share of the system's investment."),
  exportShare: z
    .union([share(), z.record(z.string(), share())])
    .describe("Share of a partner's certified systems also sold in the other partners: one number, or per partner."),
  investmentElasticity: upTo(atLeast(0), 10).describe("Relative rise of investment per relative fall of its cost."),
  frictionCut: inRange(-50, 50).describe(
    "Subtracted from visa friction between partners (logit units); 0 for recognition.",
  ),
});

/**
 * The relative investment gain of partner `code` under full weight:
 * investmentElasticity × certifiedShare × assessmentCost × exportShare(code).
 */
export function recognitionGain(p: RegulatoryAlignmentPolicy, code: string): number {
  const x = typeof p.exportShare === "number" ? p.exportShare : (ownValue(p.exportShare, code) ?? 0);
  return p.investmentElasticity * p.certifiedShare * p.assessmentCost * x;
}

/** The regulatoryAlignment kind. */
export const regulatoryAlignmentKind = {
  kind: "regulatoryAlignment",
  schema,
  defaults: { certifiedShare: 0.1, assessmentCost: 0.032, exportShare: 0.012, investmentElasticity: 1, frictionCut: 0 },
  apply(p, w, c) {
    const { vec, off, out, R } = c;
    for (const code of p.partners) vec[off.region.investment + c.region(code)] *= 1 + w * recognitionGain(p, code);
    if (p.frictionCut !== 0)
      c.forPartnerPairs(p.partners, (r, j) => (out.pairFrictionCut[r * R + j] += w * p.frictionCut));
  },
  check(p, c) {
    c.regionList(p.partners, ["partners"]);
    const raw = p as Record<string, unknown>;
    if ("investmentGain" in raw)
      c.add(
        ["investmentGain"],
        "was replaced by the recognition fields certifiedShare, assessmentCost, exportShare and investmentElasticity " +
          "(their product is the relative investment gain; docs/policies.md)",
      );
    if (typeof raw.exportShare === "object" && raw.exportShare !== null && !Array.isArray(raw.exportShare)) {
      const partnerList = Array.isArray(p.partners) ? p.partners : [];
      for (const r of Object.keys(raw.exportShare))
        if (c.region(r, ["exportShare", r]) && !partnerList.includes(r))
          c.add(["exportShare", r], `region ${r} is not among the partners (${partnerList.map(String).join(", ")})`);
    }
  },
} satisfies PolicyKindDefinition<RegulatoryAlignmentPolicy, undefined, typeof schema>;
