/**
 * Where every default of the built-in baseline comes from: one entry per parameter path of
 * `scenarios.baseline()`, with its basis and its source (the figures and citations of the
 * project's table of parameters). docs/scenarios.md shows them as a table generated from this
 * list, and a test checks that no numeric default of `behavior` and `regions` goes without an
 * entry.
 * @module
 */

/**
 * The provenance of one baseline parameter.
 *
 * - `sourced`: a published figure, used as it is (or converted at the scenario's exchange rates).
 * - `sourced range`: a value inside a published range.
 * - `derived`: computed from published figures with a stated step.
 * - `assumed`: our assumption; the source text says what anchors it, if anything.
 * - `assumed, tuned`: an assumption adjusted so that the model meets a target.
 * - `definition`: fixed by the model's definitions (a normalisation, a calendar date).
 */
export interface ParameterSource {
  /** Dotted scenario path, e.g. `behavior.beta`, `regions.DE.grossWage`, `policies.3`. */
  path: string;
  basis: "sourced" | "sourced range" | "derived" | "assumed" | "assumed, tuned" | "definition";
  /** The citation or the reasoning, in a sentence or two. */
  source: string;
}

type Basis = ParameterSource["basis"];

const REGIONS = ["DE", "CA", "SV", "USR", "ROW"] as const;
type RegionCode = (typeof REGIONS)[number];

/** One entry per region for a region field. */
function perRegion(field: string, entries: Record<RegionCode, [Basis, string]>): ParameterSource[] {
  return REGIONS.map((r) => ({ path: `regions.${r}.${field}`, basis: entries[r][0], source: entries[r][1] }));
}

/** The same basis and source for one field in every region. */
function allRegions(field: string, basis: Basis, source: string): ParameterSource[] {
  return REGIONS.map((r) => ({ path: `regions.${r}.${field}`, basis, source }));
}

const NO_SOURCE = "Assumption; no source found.";

const BEHAVIOR: ParameterSource[] = [
  {
    path: "behavior.beta",
    basis: "sourced",
    source:
      "Ortega & Peri 2013: flow elasticity to destination income ~0.6-0.7; in a logit the elasticity is beta(1-P).",
  },
  {
    path: "behavior.alpha",
    basis: "assumed",
    source: "Assumed within a range of 0-0.4; acts through investment per skill-weighted worker.",
  },
  {
    path: "behavior.gamma",
    basis: "assumed",
    source:
      "Network effects of 0.3-0.7 (Beine, Docquier & Ozden 2011); " +
      "applies abroad only, times the citizenship's network weight.",
  },
  {
    path: "behavior.homeBias",
    basis: "assumed, tuned",
    source:
      "Fitted by the method of simulated moments to the six targets of `BASELINE_TARGETS` (`pnpm " +
      "calibrate`, examples/calibrate-baseline.ts; the fit is in docs/scenarios.md); a prototype had 1.3.",
  },
  {
    path: "behavior.considerRate",
    basis: "assumed, tuned",
    source:
      "Tuned in a prototype so that about 3% of workers in DE, CA, " +
      "SV and USR change region per year (annual mobility target).",
  },
  {
    path: "behavior.languagePenalty",
    basis: "assumed",
    source: `${NO_SOURCE} Applies in full where no job is open to English speakers.`,
  },
  { path: "behavior.ageCost", basis: "assumed", source: `${NO_SOURCE} Per year of age over 30.` },
  {
    path: "behavior.tempPenalty",
    basis: "assumed, tuned",
    source: "Insecurity of a temporary status; the main lever for the US 5-year exit rate in a prototype.",
  },
  { path: "behavior.exitRate", basis: "assumed", source: "Leaving the field, at any age." },
  { path: "behavior.entryAge", basis: "assumed", source: NO_SOURCE },
  { path: "behavior.retirementAge", basis: "assumed", source: NO_SOURCE },
  {
    path: "behavior.initialAgeMedian",
    basis: "assumed",
    source: "Median near 35 as in the tech workforce; initial ages lie between entryAge and retirementAge.",
  },
  {
    path: "behavior.feeAdmissionFactor",
    basis: "assumed",
    source: "Multiplier on admission for hires from abroad per USD 100,000 of employer-paid fee. No source found.",
  },
  {
    path: "behavior.delayCost",
    basis: "assumed",
    source:
      "Not in the table of parameters: friction per year of processing delay, used " +
      "only by visaRegime policies with processingMonths (none in the baseline).",
  },
  {
    path: "behavior.wageElasticity",
    basis: "assumed",
    source: "Wages fall by 1/epsilon times the log excess supply. No source found.",
  },
  {
    path: "behavior.demandElasticity",
    basis: "assumed",
    source: "Elasticity eta of labour demand to AI investment. No source found.",
  },
];

const REGION_SOURCES: ParameterSource[] = [
  ...perRegion("initialStock", {
    DE: [
      "assumed",
      "Anchored to ~2.3M ICT specialists in Germany (Eurostat 2024) and an " +
        "AI talent concentration of 1.09% of the workforce (LinkedIn, 2024).",
    ],
    CA: [
      "assumed",
      "Anchored to 'over 140,000' in AI (Government of Canada, broad definition) " +
        "and Toronto's AI pool of 23,936 (CBRE Scoring Tech Talent 2025).",
    ],
    SV: [
      "assumed",
      "Anchored to 67,780 software developers in the San Jose metro (BLS " +
        "2023) and 103,375 AI job postings in California in 2024 (AI Index 2025).",
    ],
    USR: ["assumed", "US AI/ML talent outside the Bay Area; US tech-talent base ~5.8M (CBRE 2025)."],
    ROW: ["assumed", "The internationally mobile AI talent pool outside the four markets; to be calibrated."],
  }),
  ...perRegion("grossWage", {
    DE: [
      "sourced range",
      "ML engineer EUR 65-95k; Berlin mid-level EUR 85-110k (salary aggregators 2026); EUR 75k at 1.08 USD/EUR.",
    ],
    CA: [
      "sourced range",
      "ML engineer national median base CAD 95,992 (ESDC); Toronto and Montreal higher; CAD 105k at 0.73 USD/CAD.",
    ],
    SV: [
      "sourced range",
      "BLS San Jose software developer median USD 165,030 (2023); posted ML total " +
        "compensation median USD 250k (Levels.fyi via landed.jobs) includes equity and bonus.",
    ],
    USR: ["assumed", NO_SOURCE],
    ROW: ["assumed", "A mix of India, China and others."],
  }),
  ...perRegion("skillReturn", {
    DE: ["assumed", "Flatter pay scales."],
    CA: ["assumed", NO_SOURCE],
    SV: [
      "assumed",
      "SV p25-p90 total compensation of 205k-600k implies a wide dispersion, hence positive selection into SV.",
    ],
    USR: ["assumed", NO_SOURCE],
    ROW: ["assumed", NO_SOURCE],
  }),
  ...perRegion("taxRate", {
    DE: ["assumed", NO_SOURCE],
    CA: ["assumed", NO_SOURCE],
    SV: ["assumed", "Federal plus California."],
    USR: ["assumed", NO_SOURCE],
    ROW: ["assumed", NO_SOURCE],
  }),
  ...perRegion("costOfLiving", {
    DE: ["assumed", NO_SOURCE],
    CA: ["assumed", NO_SOURCE],
    SV: ["definition", "The index is normalised to Silicon Valley = 1."],
    USR: ["assumed", NO_SOURCE],
    ROW: ["assumed", NO_SOURCE],
  }),
  ...perRegion("investment", {
    DE: ["sourced", "Private AI investment in Germany in 2023: USD 1.91bn (AI Index data)."],
    CA: ["sourced", "Private AI investment in Canada in 2023: USD 1.61bn (AI Index data)."],
    SV: [
      "derived",
      "US private AI investment USD 109.1bn in 2024 (AI Index 2025); " +
        "the Bay Area has more than 50% of US AI venture capital (CBRE).",
    ],
    USR: ["derived", "The rest of the US total of USD 109.1bn (AI Index 2025)."],
    ROW: [
      "assumed",
      "Set so that investment per worker in the mobile pool is " +
        "near Germany's; the utility term uses investment per worker.",
    ],
  }),
  ...perRegion("amenity", {
    DE: ["definition", "Normalisation: amenities are 0 except where tuned."],
    CA: [
      "assumed, tuned",
      "Fitted by the method of simulated moments to the six targets of `BASELINE_TARGETS` (`pnpm calibrate`, " +
        "examples/calibrate-baseline.ts; the fit is in docs/scenarios.md); a prototype had -0.3 (the alternative " +
        "is a higher visa friction into CA).",
    ],
    SV: ["definition", "Normalisation: amenities are 0 except where tuned."],
    USR: ["definition", "Normalisation: amenities are 0 except where tuned."],
    ROW: ["definition", "Normalisation: amenities are 0 except where tuned."],
  }),
  ...perRegion("researchEcosystem", {
    DE: ["assumed", "DFKI, Max Planck, ELLIS units."],
    CA: ["assumed", "Mila, Vector, Amii."],
    SV: ["assumed", NO_SOURCE],
    USR: ["assumed", NO_SOURCE],
    ROW: ["assumed", NO_SOURCE],
  }),
  ...perRegion("englishJobShare", {
    DE: [
      "assumed",
      "2.7% of all German job ads say German is not required (Indeed 2023-24); 14% of " +
        "Berlin ads are in English; 59% of German start-ups do not require German (Bitkom).",
    ],
    CA: ["assumed", "All jobs open to English speakers; Quebec (about 0.85) is not separated."],
    SV: ["assumed", NO_SOURCE],
    USR: ["assumed", NO_SOURCE],
    ROW: ["assumed", NO_SOURCE],
  }),
  ...perRegion("demandGrowth", {
    DE: ["assumed", "Trend growth of labour demand: 0.02 in DE and CA, 0.03 in SV, USR and ROW."],
    CA: ["assumed", "Trend growth of labour demand: 0.02 in DE and CA, 0.03 in SV, USR and ROW."],
    SV: ["assumed", "Trend growth of labour demand: 0.02 in DE and CA, 0.03 in SV, USR and ROW."],
    USR: ["assumed", "Trend growth of labour demand: 0.02 in DE and CA, 0.03 in SV, USR and ROW."],
    ROW: ["assumed", "Trend growth of labour demand: 0.02 in DE and CA, 0.03 in SV, USR and ROW."],
  }),
  ...allRegions("entrants", "assumed, tuned", "New graduates and direct hires per year; tuned in a prototype."),
  ...perRegion("entrantCitizenship", {
    DE: ["assumed", NO_SOURCE],
    CA: ["assumed", NO_SOURCE],
    SV: ["assumed", "Over half of Bay Area tech workers are foreign-born."],
    USR: [
      "assumed, tuned",
      "CA share tuned by hand: Canadian graduates hired straight into US jobs, so that about a quarter " +
        "of young Canadians work abroad (25% of 2015-16 STEM graduates of Waterloo, UBC and Toronto).",
    ],
    ROW: ["assumed", NO_SOURCE],
  }),
  ...allRegions(
    "initialCitizenship",
    "assumed",
    "Set equal to the entrants' citizenship mix of the region; the table " +
      "of parameters gives no separate mix for the initial population.",
  ),
  ...perRegion("entrySkillMean", {
    DE: ["assumed", "Skill is standardised; entrants to DE and CA at the mean."],
    CA: ["assumed", "Skill is standardised; entrants to DE and CA at the mean."],
    SV: ["assumed", "Silicon Valley hires above the mean."],
    USR: ["assumed", NO_SOURCE],
    ROW: [
      "assumed, tuned",
      "Tuned by hand to the share of top AI researchers working outside their home country (MacroPolo " +
        "Global AI Talent Tracker 2022, NeurIPS authors: 0.42); the table of parameters has -0.1.",
    ],
  }),
  ...perRegion("germanShare", {
    DE: ["assumed", "Share of non-German citizens in Germany who work in German."],
    CA: ["assumed", "0.02 outside Germany."],
    SV: ["assumed", "0.02 outside Germany."],
    USR: ["assumed", "0.02 outside Germany."],
    ROW: ["assumed", "0.02 outside Germany."],
  }),
  ...perRegion("researcherShare", {
    DE: ["assumed", "0.15 in DE and CA; 0.08 in SV and USR; 0.10 in ROW."],
    CA: ["assumed", "0.15 in DE and CA; 0.08 in SV and USR; 0.10 in ROW."],
    SV: ["assumed", "0.15 in DE and CA; 0.08 in SV and USR; 0.10 in ROW."],
    USR: ["assumed", "0.15 in DE and CA; 0.08 in SV and USR; 0.10 in ROW."],
    ROW: ["assumed", "0.15 in DE and CA; 0.08 in SV and USR; 0.10 in ROW."],
  }),
  ...perRegion("temporaryShare", {
    DE: ["assumed", "Share of non-citizens on a temporary status at the start: 0.4 in DE and CA, 0.5 in SV and USR."],
    CA: ["assumed", "Share of non-citizens on a temporary status at the start: 0.4 in DE and CA, 0.5 in SV and USR."],
    SV: ["assumed", "Share of non-citizens on a temporary status at the start: 0.4 in DE and CA, 0.5 in SV and USR."],
    USR: ["assumed", "Share of non-citizens on a temporary status at the start: 0.4 in DE and CA, 0.5 in SV and USR."],
    ROW: ["definition", "ROW admits everyone with a permanent status, so nobody there holds a temporary one."],
  }),
];

const CITIZENSHIPS: ParameterSource[] = [
  ...["DE", "CA", "US", "IN", "CN"].map(
    (c): ParameterSource => ({
      path: `citizenships.${c}.network`,
      basis: "definition",
      source: "Full weight on the diaspora term gamma.",
    }),
  ),
  {
    path: "citizenships.OTHER.network",
    basis: "assumed",
    source: "gamma 0.15 for OTHER (half of 0.3): OTHER mixes many networks.",
  },
];

const SCENARIO: ParameterSource[] = [
  { path: "fx.EUR", basis: "assumed", source: "USD per EUR, fixed." },
  { path: "fx.CAD", basis: "assumed", source: "USD per CAD, fixed." },
  {
    path: "burnInYears",
    basis: "assumed",
    source: "Settles ages and statuses and fills the first lottery pool before 2026.",
  },
];

const MOVING_COST: ParameterSource[] = [
  {
    path: "movingCost.SV<->USR",
    basis: "assumed, tuned",
    source: "Same country and language, but a move of home; the main lever for mobility in a prototype.",
  },
  { path: "movingCost.DE<->CA", basis: "assumed", source: NO_SOURCE },
  {
    path: "movingCost.CA<->SV",
    basis: "assumed, tuned",
    source:
      "A cost of 1.7 reproduces 25% of 2015-16 Waterloo/UBC/Toronto STEM graduates working abroad, mostly in the " +
      "US, in a one-shot logit. Fitted by the method of simulated moments to the six targets of " +
      "`BASELINE_TARGETS` (`pnpm calibrate`, examples/calibrate-baseline.ts; the fit is in docs/scenarios.md).",
  },
  {
    path: "movingCost.CA<->USR",
    basis: "assumed, tuned",
    source:
      "A cost of 1.7 reproduces 25% of 2015-16 Waterloo/UBC/Toronto STEM graduates working abroad, mostly " +
      "in the US, in a one-shot logit; the dynamic model is tuned by hand to the same target and needs less.",
  },
  ...["SV", "USR"].map(
    (us): ParameterSource => ({ path: `movingCost.DE<->${us}`, basis: "assumed", source: NO_SOURCE }),
  ),
  ...["DE", "CA", "SV", "USR"].map(
    (r): ParameterSource => ({ path: `movingCost.${r}<->ROW`, basis: "assumed", source: NO_SOURCE }),
  ),
];

const VISA_FRICTION: ParameterSource[] = [
  { path: "visaFriction.CA->SV", basis: "assumed", source: "TN status for Canadian citizens." },
  { path: "visaFriction.CA->USR", basis: "assumed", source: "TN status for Canadian citizens." },
  { path: "visaFriction.*->SV", basis: "assumed", source: "H-1B process, 6-18 months." },
  { path: "visaFriction.*->USR", basis: "assumed", source: "H-1B process, 6-18 months." },
  {
    path: "visaFriction.*->DE",
    basis: "assumed",
    source:
      "Blue Card, about 3 months (meant for non-EU citizens; the baseline " +
      "has no free-movement group, so it applies to every non-German citizen).",
  },
  {
    path: "visaFriction.*->CA",
    basis: "sourced",
    source: "Global Talent Stream: two-week processing, met about 80% of the time.",
  },
  { path: "visaFriction.*->ROW", basis: "assumed", source: NO_SOURCE },
];

const US_RULES: ParameterSource[] = ["SV", "USR"].flatMap((r): ParameterSource[] => [
  { path: `visas.${r}.CA.admission`, basis: "assumed", source: "TN status for Canadian citizens." },
  {
    path: `visas.${r}.CA.permanence`,
    basis: "assumed",
    source: "US permanence rate for citizenships other than IN and CN.",
  },
  { path: `visas.${r}.IN.rule`, basis: "sourced", source: "H-1B cap lottery." },
  { path: `visas.${r}.IN.permanence`, basis: "assumed", source: "Per-country green-card caps: decades of backlog." },
  { path: `visas.${r}.CN.rule`, basis: "sourced", source: "H-1B cap lottery." },
  { path: `visas.${r}.CN.permanence`, basis: "assumed", source: "Per-country green-card caps." },
  {
    path: `visas.${r}.*.rule`,
    basis: "sourced",
    source: "H-1B cap lottery (DE, OTHER and any citizenship not listed).",
  },
  {
    path: `visas.${r}.*.permanence`,
    basis: "assumed",
    source: "US permanence rate for citizenships other than IN and CN.",
  },
]);

const VISAS: ParameterSource[] = [
  {
    path: "visas.DE.*.threshold",
    basis: "sourced",
    source:
      "EU Blue Card 2026 reduced threshold EUR 45,934 (shortage occupations, IT without " +
      "a degree), at 1.08 USD/EUR; standard EUR 50,700; 2025: 48,300 / 43,759.80.",
  },
  { path: "visas.DE.*.high", basis: "assumed", source: "69,353 Blue Cards issued in 2023." },
  { path: "visas.DE.*.low", basis: "assumed", source: "Chancenkarte route: a points system, one year to find work." },
  { path: "visas.DE.*.permanence", basis: "assumed", source: "Blue Card settlement after 21-27 months." },
  {
    path: "visas.CA.*.admission",
    basis: "assumed",
    source: "Global Talent Stream: employer-driven, usually at CAD 80k or more.",
  },
  { path: "visas.CA.*.permanence", basis: "assumed", source: "Express Entry." },
  ...US_RULES,
  {
    path: "visas.ROW.*.rule",
    basis: "assumed",
    source: "ROW stands for many countries; entry to it is not restricted, and admission there is permanent.",
  },
];

const LOTTERIES: ParameterSource[] = [
  {
    path: "lotteries.US-H1B.cap",
    basis: "assumed, tuned",
    source:
      "The part of the national cap of 85,000 (65,000 + 20,000) that the modelled AI talent pool competes for, so " +
      "that a draw without the fee selects about 0.353 of the model's pool, the FY2026 rate (USCIS: 118,660 " +
      "selected of 336,153 beneficiaries). Fitted by the method of simulated moments to the six targets of " +
      "`BASELINE_TARGETS` (`pnpm calibrate`, examples/calibrate-baseline.ts; the fit is in docs/scenarios.md). A " +
      "prototype with a larger pool needed 3,700.",
  },
  {
    path: "lotteries.US-H1B.weighted",
    basis: "sourced",
    source:
      "Uniform selection before the final rule of 29 Dec 2025 (effective 27 Feb 2026); " +
      "policies.2 switches to wage-weighted selection from the March 2026 lottery (FY2027).",
  },
  {
    path: "lotteries.US-H1B.initialSelectionRate",
    basis: "sourced",
    source: "USCIS FY2026: 118,660 selected of 336,153 unique beneficiaries.",
  },
  {
    path: "lotteries.US-H1B.period",
    basis: "definition",
    source: "Registration and selection in March: the first quarter.",
  },
  {
    path: "lotteries.US-H1B.startDelay",
    basis: "definition",
    source: "Employment starts on 1 October: three quarters after the draw.",
  },
];

const POLICIES: ParameterSource[] = [
  {
    path: "policies.0",
    basis: "sourced",
    source:
      "Proclamation of 19 Sep 2025, effective 21 Sep 2025 for 12 months unless extended; a change of status inside " +
      "the US is exempt; fees were ~1.7-4.5k before. The baseline assumes it is extended (no end date).",
  },
  {
    path: "policies.1",
    basis: "sourced",
    source:
      "Proclamation of 19 Sep 2025, effective 21 Sep 2025 for 12 months unless extended; a change of status inside " +
      "the US is exempt; fees were ~1.7-4.5k before. The baseline assumes it is extended (no end date).",
  },
  {
    path: "policies.2",
    basis: "sourced",
    source:
      "Final rule of 29 Dec 2025, effective 27 Feb 2026: wage levels " +
      "I-IV get 1-4 entries, from the March 2026 lottery (FY2027).",
  },
  {
    path: "policies.3",
    basis: "derived",
    source:
      "More than EUR 600M (227M + 375M for 2026-29); 166 researchers " +
      "selected by Dec 2025. Spread evenly over 2026-29 at 1.08 USD/EUR.",
  },
  {
    path: "policies.4",
    basis: "derived",
    source:
      "Budget 2024: CAD 2.4bn for AI, of which CAD 2bn compute. " +
      "Spreading it evenly over five years (2024-28) is an assumption.",
  },
  {
    path: "policies.5",
    basis: "derived",
    source:
      "Budget 2025: CAD 1.7bn to recruit more than 1,000 researchers (CAD 1bn for chairs over " +
      "13 years). The whole amount is spread evenly over 13 years (2026-38), an assumption.",
  },
];

/**
 * The basis and source of every default of `scenarios.baseline()` that the project's table of
 * parameters covers, one entry per concrete scenario path (no wildcards over regions), plus one
 * per baseline policy (`policies.N`, in the baseline's order). Keys that are literally `*` in the
 * scenario (the fallback visa rule `visas.DE.*`, the friction of every non-citizen
 * `visaFriction.*->SV`) appear as they are written in the scenario.
 *
 * Citizenship mixes (`regions.DE.entrantCitizenship`) have one entry for the whole mix; use
 * {@link describeParameter} to look up one share.
 *
 * @example
 * PARAMETER_SOURCES.find((p) => p.path === "behavior.beta")?.basis // => "sourced"
 */
export const PARAMETER_SOURCES: readonly ParameterSource[] = Object.freeze(
  [
    ...SCENARIO,
    ...BEHAVIOR,
    ...CITIZENSHIPS,
    ...REGION_SOURCES,
    ...MOVING_COST,
    ...VISA_FRICTION,
    ...VISAS,
    ...LOTTERIES,
    ...POLICIES,
  ].map((p) => Object.freeze(p)),
);

const BY_PATH: ReadonlyMap<string, ParameterSource> = new Map(PARAMETER_SOURCES.map((p) => [p.path, p]));

/**
 * The basis and source of a baseline parameter path, or undefined when none is recorded.
 * Looks up the path itself; then, for a one-way moving cost `movingCost.A->B`, the two-way key
 * `movingCost.A<->B` (or `B<->A`) that sets it; then the nearest enclosing path that has an
 * entry, so a share of a mix (`regions.DE.entrantCitizenship.IN`) has the source of its mix.
 *
 * @example
 * describeParameter("regions.DE.grossWage")?.basis // => "sourced range"
 * describeParameter("movingCost.CA->SV")?.path // => "movingCost.CA<->SV"
 * describeParameter("regions.SV.entrantCitizenship.IN")?.path // => "regions.SV.entrantCitizenship"
 * describeParameter("behavior.unknown") // => undefined
 */
export function describeParameter(path: string): ParameterSource | undefined {
  const exact = BY_PATH.get(path);
  if (exact) return exact;
  const pair = /^movingCost\.([^.]+?)->([^.]+)$/.exec(path);
  if (pair && !pair[1].endsWith("<")) {
    const both = BY_PATH.get(`movingCost.${pair[1]}<->${pair[2]}`) ?? BY_PATH.get(`movingCost.${pair[2]}<->${pair[1]}`);
    if (both) return both;
  }
  const parts = path.split(".");
  for (let n = parts.length - 1; n >= 2; n--) {
    const enclosing = BY_PATH.get(parts.slice(0, n).join("."));
    if (enclosing) return enclosing;
  }
  return undefined;
}
