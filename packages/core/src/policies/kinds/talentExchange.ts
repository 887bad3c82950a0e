/**
 * Talent exchange: for moves between partners, admission up, visa friction down, and optional
 * yearly slots per destination partner: an admission route of its own (a capped program each),
 * tried first by every eligible applicant, as an open work permit is; applicants without a place
 * fall back on the destination's rule. An exchange stay gets the status the rule gives (temporary
 * unless the rule grants permanent residence); it has no term of its own.
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
  slots: upTo(atLeast(0), 1e9).describe("Yearly places per destination partner, tried before its rule (0: none)."),
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
        fallsBackToRule: true,
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
