/**
 * A region's investment path: `amount` USD billion per year added while in force.
 * @internal
 * @module
 */
import { z } from "zod";
import { inRange } from "../../scenario/_fieldSchemas";
import type { InvestmentPolicy } from "../../scenario/types";
import { policyRegion, windowFields } from "../_policyFields";
import type { PolicyKindDefinition } from "../_policyKindDefinition";

const schema = z.strictObject({
  kind: z.literal("investment"),
  ...windowFields,
  region: policyRegion(),
  amount: inRange(-1e6, 1e6).describe("Added yearly investment, USD billion."),
});

/** The investment kind. */
export const investmentKind = {
  kind: "investment",
  schema,
  defaults: {},
  apply(p, w, c) {
    c.vec[c.off.region.investment + c.region(p.region)] += w * p.amount;
  },
  check(p, c) {
    c.region(p.region, ["region"]);
  },
} satisfies PolicyKindDefinition<InvestmentPolicy, undefined, typeof schema>;
