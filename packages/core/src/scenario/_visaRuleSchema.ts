/**
 * The zod schema of a visa rule, shared by the scenario's `visas` (schema.ts) and the `rule` of a
 * visaRegime policy (policies/kinds/visaRegime.ts).
 * @internal
 * @module
 */
import { z } from "zod";
import { atLeast, above, share, upTo } from "./_fieldSchemas";

const visaBase = {
  permanent: z.boolean().describe("Does admission grant permanent residence at once?"),
  permanence: upTo(atLeast(0), 100).describe("Yearly hazard at which a temporary status becomes permanent."),
  fee: upTo(atLeast(0), 1e9).describe("Employer-paid fee for a hire from abroad, USD (0: none)."),
  duration: upTo(atLeast(0), 100)
    .optional()
    .describe("Years a temporary status runs before it expires (absent or 0: never)."),
  renewal: share().optional().describe("Probability that an expiring temporary status is renewed (default 0)."),
};

/** A visa rule: `open`, `probability`, `threshold` or `lottery`, each with its own fields. */
export const visaRuleSchema = z.discriminatedUnion("rule", [
  z.strictObject({ rule: z.literal("open"), ...visaBase }),
  z.strictObject({
    rule: z.literal("probability"),
    ...visaBase,
    admission: share().describe("Probability of admission."),
  }),
  z.strictObject({
    rule: z.literal("threshold"),
    ...visaBase,
    threshold: upTo(above(0), 1e9).describe("Gross yearly salary threshold, USD."),
    high: share().describe("Admission probability at or above the threshold."),
    low: share().describe("Admission probability below the threshold."),
  }),
  z.strictObject({
    rule: z.literal("lottery"),
    ...visaBase,
    pool: z.string().describe("Name of the lottery in `lotteries`."),
  }),
]);
