/**
 * An open work permit: a region admits holders of a temporary status in `holdersIn`, up to
 * `places` people (per year or in total). A capped program tried before the region's own rule:
 * applicants without a place fall back on the rule.
 * @internal
 * @module
 */
import { z } from "zod";
import { atLeast, upTo } from "../../scenario/_fieldSchemas";
import type { OpenWorkPermitPolicy } from "../../scenario/types";
import { policyRegion, windowFields } from "../_policyFields";
import type { PolicyKindDefinition } from "../_policyKindDefinition";

const schema = z.strictObject({
  kind: z.literal("openWorkPermit"),
  ...windowFields,
  region: policyRegion(),
  holdersIn: z.array(z.string()).describe("Regions whose temporary-status holders are eligible."),
  places: upTo(atLeast(0), 1e9).describe("Places, people: per year if perYear, else in total."),
  perYear: z.boolean().describe("Are the places per year (true) or in total (false)?"),
  permanent: z.boolean().describe("Does the permit grant permanent residence at once?"),
});

/** The openWorkPermit kind. */
export const openWorkPermitKind = {
  kind: "openWorkPermit",
  schema,
  defaults: { perYear: false, permanent: false },
  compile(p, c) {
    const { cs } = c;
    const origins = new Uint8Array(cs.regions.length);
    for (const o of p.holdersIn) origins[cs.regions.indexOf(o)] = 1;
    c.addProgram({
      region: cs.regions.indexOf(p.region),
      origins,
      temporaryOnly: true,
      permanent: p.permanent,
      perYear: p.perYear,
      places: p.places,
      fallsBackToRule: true,
    });
    return undefined;
  },
  // Its program is marked active by applyPolicies whenever the policy is in force; nothing else
  // changes in the period's parameters.
  apply() {},
  check(p, c) {
    c.region(p.region, ["region"]);
    c.regionList(p.holdersIn, ["holdersIn"]);
  },
} satisfies PolicyKindDefinition<OpenWorkPermitPolicy, undefined, typeof schema>;
