/**
 * Economic cooperation: yearly AI investment added in each partner (one amount for all partners
 * or one per partner).
 * @internal
 * @module
 */
import { z } from "zod";
import { inRange } from "../../scenario/_fieldSchemas";
import { ownValue } from "../../_ownValue";
import type { EconomicCooperationPolicy } from "../../scenario/types";
import { partners, windowFields } from "../_policyFields";
import type { PolicyKindDefinition } from "../_policyKindDefinition";

const schema = z.strictObject({
  kind: z.literal("economicCooperation"),
  ...windowFields,
  partners: partners(),
  investment: z
    .union([inRange(-1e6, 1e6), z.record(z.string(), inRange(-1e6, 1e6))])
    .describe("Added yearly investment per partner, USD billion: one number for all, or per partner."),
});

/** The economicCooperation kind. */
export const economicCooperationKind = {
  kind: "economicCooperation",
  schema,
  defaults: { investment: 0.2 },
  apply(p, w, c) {
    const { vec, off } = c;
    for (const code of p.partners) {
      const amount = typeof p.investment === "number" ? p.investment : (ownValue(p.investment, code) ?? 0);
      vec[off.region.investment + c.region(code)] += w * amount;
    }
  },
  check(p, c) {
    c.regionList(p.partners, ["partners"]);
    if (typeof p.investment === "object" && p.investment !== null && !Array.isArray(p.investment)) {
      const partnerList = Array.isArray(p.partners) ? p.partners : [];
      for (const [r] of Object.entries(p.investment)) {
        if (c.region(r, ["investment", r]) && !partnerList.includes(r)) {
          c.add(["investment", r], `region ${r} is not among the partners (${partnerList.map(String).join(", ")})`);
        }
      }
    }
  },
} satisfies PolicyKindDefinition<EconomicCooperationPolicy, undefined, typeof schema>;
