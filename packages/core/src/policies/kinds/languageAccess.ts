/**
 * The share of a region's jobs open to English speakers, moving a share w of the way to
 * `englishJobShare`.
 * @internal
 * @module
 */
import { z } from "zod";
import { share } from "../../scenario/_fieldSchemas";
import type { LanguageAccessPolicy } from "../../scenario/types";
import { policyRegion, windowFields } from "../_policyFields";
import type { PolicyKindDefinition } from "../_policyKindDefinition";

const schema = z.strictObject({
  kind: z.literal("languageAccess"),
  ...windowFields,
  region: policyRegion(),
  englishJobShare: share().describe("New share of English-open jobs (at full ramp)."),
});

/** The languageAccess kind. */
export const languageAccessKind = {
  kind: "languageAccess",
  schema,
  defaults: {},
  apply(p, w, c) {
    const { vec } = c;
    const at = c.off.region.englishJobShare + c.region(p.region);
    vec[at] += w * (p.englishJobShare - vec[at]);
  },
  check(p, c) {
    c.region(p.region, ["region"]);
  },
} satisfies PolicyKindDefinition<LanguageAccessPolicy, undefined, typeof schema>;
