/**
 * Regulatory alignment (mutual recognition of certified AI systems): partners' investment up by
 * a share and the visa friction of moves between partners down.
 * @internal
 * @module
 */
import { z } from "zod";
import { above, inRange, upTo } from "../../scenario/_fieldSchemas";
import type { RegulatoryAlignmentPolicy } from "../../scenario/types";
import { partners, windowFields } from "../_policyFields";
import type { PolicyKindDefinition } from "../_policyKindDefinition";

const schema = z.strictObject({
  kind: z.literal("regulatoryAlignment"),
  ...windowFields,
  partners: partners(),
  investmentGain: upTo(above(-1), 10).describe("Relative increase of each partner's investment (0.05 = +5%)."),
  frictionCut: inRange(-50, 50).describe("Subtracted from visa friction between partners (logit units)."),
});

/** The regulatoryAlignment kind. */
export const regulatoryAlignmentKind = {
  kind: "regulatoryAlignment",
  schema,
  defaults: { investmentGain: 0.03, frictionCut: 0.1 },
  apply(p, w, c) {
    const { vec, off, out, R } = c;
    for (const code of p.partners) vec[off.region.investment + c.region(code)] *= 1 + w * p.investmentGain;
    c.forPartnerPairs(p.partners, (r, j) => (out.pairFrictionCut[r * R + j] += w * p.frictionCut));
  },
  check(p, c) {
    c.regionList(p.partners, ["partners"]);
  },
} satisfies PolicyKindDefinition<RegulatoryAlignmentPolicy, undefined, typeof schema>;
