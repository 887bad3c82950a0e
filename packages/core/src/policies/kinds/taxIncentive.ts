/**
 * A lower tax for newcomers, returnees or both, for the first `years` after arrival. A later
 * taxIncentive for the same region replaces an earlier one.
 * @internal
 * @module
 */
import { z } from "zod";
import { atLeast, share, upTo } from "../../scenario/_fieldSchemas";
import type { TaxIncentivePolicy } from "../../scenario/types";
import { policyRegion, windowFields } from "../_policyFields";
import type { PolicyKindDefinition } from "../_policyKindDefinition";

const schema = z.strictObject({
  kind: z.literal("taxIncentive"),
  ...windowFields,
  region: policyRegion(),
  reduction: share().describe("Tax rate reduction (0.1 = ten points lower)."),
  years: upTo(atLeast(0), 200).describe("Years after arrival that the reduction lasts."),
  target: z.enum(["newcomers", "returnees", "both"]).describe("Who benefits."),
});

/** The taxIncentive kind. */
export const taxIncentiveKind = {
  kind: "taxIncentive",
  schema,
  defaults: { years: 5, target: "both" },
  apply(p, w, c) {
    const { out } = c;
    const j = c.region(p.region);
    out.taxReduction[j] = w * p.reduction;
    out.taxWindow[j] = Math.round(p.years * c.periodsPerYear);
    out.taxTarget[j] = p.target === "newcomers" ? 1 : p.target === "returnees" ? 2 : 3;
  },
  check(p, c) {
    c.region(p.region, ["region"]);
  },
} satisfies PolicyKindDefinition<TaxIncentivePolicy, undefined, typeof schema>;
