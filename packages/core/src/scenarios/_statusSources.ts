/**
 * The sources of the baseline's status terms (docs/model.md 3.3.9): how long each temporary
 * status runs (`visas.*.*.duration`) and how often it is renewed (`visas.*.*.renewal`), with the
 * figures in data/sources/statuses.csv. Part of PARAMETER_SOURCES (sources.ts).
 * @internal
 * @module
 */
import type { ParameterSource } from "./sources";

const H1B_DURATION =
  "H-1B status is granted for up to three years and extended to at most six (INA section 214(g)(4)); beyond six " +
  "years only a worker whose labour certification or I-140 petition is pending for a year (AC21 section 106(a), " +
  "one-year extensions) or approved but waiting for a visa number (section 104(c), three-year extensions) may " +
  "stay (https://avlawoffice.com/business-immigration/temporary-work-visas/item/h-1b-extensions-beyond-6-years-" +
  "and-ac21). The model renews for another full term, six years, rather than in one- and three-year steps.";

const QUEUE_RENEWAL =
  "The renewal chance is the share of H-1B workers in the green-card queue at six years. Of 1.8 million " +
  "employment-based cases waiting, 1.1 million are Indian and about 250,000 Chinese (Cato Institute 2023, via " +
  "https://immihelp.com/report-finds-some-green-card-applicants-face-130-year-wait): nearly every Indian or " +
  "Chinese H-1B worker who stays six years is sponsored, so 0.9 leaves a tenth for workers whose employer never " +
  "filed. No count of H-1B workers by green-card stage was found.";

/** The status-term entries of the baseline, one per rule with a term. */
export const STATUS_SOURCES: readonly ParameterSource[] = [
  ...["SV", "USR"].flatMap((r): ParameterSource[] => [
    {
      path: `visas.${r}.CA.duration`,
      basis: "sourced",
      source:
        "TN status is granted for up to three years at a time (8 CFR 214.6) and may be extended without limit, " +
        "each time for up to three years.",
    },
    {
      path: `visas.${r}.CA.renewal`,
      basis: "assumed",
      source:
        "TN status renews without a cap or lottery while the job in a listed profession continues; 0.9 leaves a " +
        "tenth for refusals and for holders whose nonimmigrant intent is questioned, of which no count was found.",
    },
    ...["IN", "CN", "*"].map((c) => ({
      path: `visas.${r}.${c}.duration`,
      basis: "sourced" as const,
      source: H1B_DURATION,
    })),
    { path: `visas.${r}.IN.renewal`, basis: "assumed", source: QUEUE_RENEWAL },
    { path: `visas.${r}.CN.renewal`, basis: "assumed", source: QUEUE_RENEWAL },
    {
      path: `visas.${r}.*.renewal`,
      basis: "assumed",
      source:
        "Citizenships without a per-country backlog get a green card within a few years (permanence 0.3), so those " +
        "still on H-1B at six years are mostly workers whose employer has not started the green-card process: half " +
        "of them are assumed to be in the queue by then. No count of H-1B workers by green-card stage was found.",
    },
  ]),
  {
    path: "visas.DE.*.duration",
    basis: "sourced",
    source:
      "An EU Blue Card is issued for the duration of the employment contract plus three months, at most four years " +
      "(section 18g of the Residence Act, Germany).",
  },
  {
    path: "visas.DE.*.renewal",
    basis: "assumed",
    source:
      "A Blue Card is renewed while the holder stays in qualifying employment at the salary threshold; most holders " +
      "settle before it expires (permanence 0.45). 0.9 assumes a tenth lose the qualifying job or salary; no renewal " +
      "statistics were found.",
  },
  {
    path: "visas.CA.*.duration",
    basis: "sourced",
    source:
      "Employer-specific work permits for high-wage positions (the Global Talent Stream's) are issued for up to " +
      "three years, the maximum validity of a high-wage Labour Market Impact Assessment; post-graduation work " +
      "permits also run up to three years.",
  },
  {
    path: "visas.CA.*.renewal",
    basis: "assumed",
    source:
      "A holder whose work permit expires within four months and who has applied for permanent residence (Express " +
      "Entry's Canadian Experience Class, provincial nominees) may get a bridging open work permit until the " +
      "decision (IRCC, http://www.cic.gc.ca/english/resources/tools/temp/work/prov/bridging.asp); others need a new " +
      "LMIA-based permit, and a post-graduation work permit cannot be renewed. With permanence 0.6 (one year of " +
      "work qualifies for the Canadian Experience Class), most holders still temporary after three years have " +
      "applied: 0.8 is assumed; no count of bridging permits against expiring permits was found.",
  },
];
