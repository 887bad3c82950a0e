/**
 * Talent exchange: for moves between partners, admission up, visa friction down, and optional
 * yearly slots with guaranteed admission per destination partner (a capped program each, for the
 * refused: it does not fall back on the rule, it is the fallback).
 * @internal
 * @module
 */
import { z } from "zod";
import { atLeast, inRange, share, upTo } from "../../scenario/_fieldSchemas";
import type { TalentExchangePolicy } from "../../scenario/types";
import { partners, windowFields } from "../_policyFields";
import type { PolicyKindDefinition } from "../_policyKindDefinition";

const schema = z.strictObject({
  kind: z.literal("talentExchange"),
  ...windowFields,
  partners: partners(),
  admissionBoost: share().describe("Share of the refusal probability removed for moves between partners."),
  frictionCut: inRange(-50, 50).describe("Subtracted from visa friction between partners (logit units)."),
  slots: upTo(atLeast(0), 1e9).describe("Yearly places with guaranteed admission per destination partner (0: none)."),
});

/** The talentExchange kind. */
export const talentExchangeKind = {
  kind: "talentExchange",
  schema,
  defaults: { admissionBoost: 0.5, frictionCut: 0.2, slots: 0 },
  compile(p, c) {
    if (!(p.slots > 0)) return undefined;
    const { cs } = c;
    const R = cs.regions.length;
    for (const dest of p.partners) {
      const j = cs.regions.indexOf(dest);
      const origins = new Uint8Array(R);
      for (const o of p.partners) {
        const r = cs.regions.indexOf(o);
        if (cs.regionCountry[r] !== cs.regionCountry[j]) origins[r] = 1;
      }
      c.addProgram({
        region: j,
        origins,
        temporaryOnly: false,
        permanent: false,
        perYear: true,
        places: p.slots,
        fallsBackToRule: false,
      });
    }
    return undefined;
  },
  apply(p, w, c) {
    const { out, R } = c;
    c.forPartnerPairs(p.partners, (r, j) => {
      out.pairFrictionCut[r * R + j] += w * p.frictionCut;
      const b = out.pairAdmissionBoost[r * R + j];
      out.pairAdmissionBoost[r * R + j] = 1 - (1 - b) * (1 - w * p.admissionBoost);
    });
  },
  check(p, c) {
    c.regionList(p.partners, ["partners"]);
  },
} satisfies PolicyKindDefinition<TalentExchangePolicy, undefined, typeof schema>;
