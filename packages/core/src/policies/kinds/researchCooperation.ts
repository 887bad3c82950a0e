/**
 * Research cooperation: partners' research ecosystems up and the moving cost between partners
 * down (for researchers only, or for everyone, floored at 0).
 * @internal
 * @module
 */
import { z } from "zod";
import { inRange } from "../../scenario/_fieldSchemas";
import type { ResearchCooperationPolicy } from "../../scenario/types";
import { partners, windowFields } from "../_policyFields";
import type { PolicyKindDefinition } from "../_policyKindDefinition";

const schema = z.strictObject({
  kind: z.literal("researchCooperation"),
  ...windowFields,
  partners: partners(),
  ecosystemBoost: inRange(-50, 50).describe("Added to each partner's research ecosystem (logit units)."),
  movingCostCut: inRange(-50, 50).describe("Subtracted from the moving cost between partners (logit units)."),
  researchersOnly: z.boolean().describe("Does the moving-cost cut apply to researchers only?"),
});

/** The researchCooperation kind. */
export const researchCooperationKind = {
  kind: "researchCooperation",
  schema,
  defaults: { ecosystemBoost: 0.1, movingCostCut: 0.3, researchersOnly: true },
  apply(p, w, c) {
    const { vec, off, out, R } = c;
    for (const code of p.partners) vec[off.region.researchEcosystem + c.region(code)] += w * p.ecosystemBoost;
    c.forPartnerPairs(p.partners, (r, j) => {
      if (p.researchersOnly) out.researcherMoveCut[r * R + j] += w * p.movingCostCut;
      else vec[off.movingCost + r * R + j] = Math.max(0, vec[off.movingCost + r * R + j] - w * p.movingCostCut);
    });
  },
  check(p, c) {
    c.regionList(p.partners, ["partners"]);
  },
} satisfies PolicyKindDefinition<ResearchCooperationPolicy, undefined, typeof schema>;
