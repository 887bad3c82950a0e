/**
 * The empirical moments of the baseline with their provenance: every candidate moment of
 * data/sources/moments_candidates.csv that the model can compute, each with its value, standard
 * error, the basis of that error, whether it is meant for the fit or kept out for validation,
 * its source, and the function that computes the model's counterpart from a run's rows.
 * `data/targets.csv` is generated from {@link BASELINE_MOMENTS} (`pnpm docs:scenarios`), and
 * `pnpm moments` prints the baseline's value of each. The candidates the model cannot compute
 * are in {@link EXCLUDED_MOMENTS}, each with the reason.
 * @module
 */
import { Issues } from "../_issues";
import type { Scenario } from "../scenario/types";
import {
  burnInGrowth,
  citizenshipAbroad,
  citizenshipShare,
  cohortExit,
  type Counterpart,
  firstSelectionRate,
  inflowShareFrom,
  type MomentResult,
  mobilityRate,
  netInflowRate,
  stockShare,
  topResearchersAbroad,
  wageGap,
} from "./_momentCounterparts";

import { CTN, SV_INDEX, CBRE, BA, NONE } from "./_momentSources";

export type { MomentResult } from "./_momentCounterparts";
export type { BaselineMoment, MomentSource, MomentUse } from "./momentTypes";
import type { BaselineMoment, MomentSource } from "./momentTypes";
export { EXCLUDED_MOMENTS, type ExcludedMoment } from "./excludedMoments";

/** Flow and rate moments average the first three reported years (2026–2028 in the baseline). */
const FLOW_YEARS = 3;
/** Compositions and wages are read in the first reported year (2026), the closest to their data. */
const STATE_YEARS = 1;
const US = ["SV", "USR"];
const ALL_BUT_CA = ["DE", "SV", "USR", "ROW"];
/** The Silicon Valley Index's sentence on the Indian and Chinese shares (m06a, m06b). */
const SV_ASIA: MomentSource = {
  ...SV_INDEX,
  quote: "Half come from Asia with India (23 percent) and China (18 percent) the most common countries of origin.",
};
const US_GROWTH: MomentSource = {
  ...CBRE,
  url: "https://www.cbre.com/insights/books/scoring-tech-talent-2024",
  quote: "U.S. tech talent employment grew by 3.6% overall or 213,000 jobs in 2023",
};

function moment(
  fields: Omit<BaselineMoment, "metrics" | "compute">,
  counterpart: Counterpart,
  derive?: (scenario: Scenario) => Scenario,
): BaselineMoment {
  return { ...fields, metrics: counterpart.metrics, compute: counterpart.compute, ...(derive ? { derive } : {}) };
}

/**
 * The regime of the FY2026 H-1B draw: the scenario without the US fee on new petitions of
 * September 2025 (every `visaRegime` policy with a fee removed), one year long. The H-1B
 * selection moment (m09) is measured on it (its `derive`).
 *
 * @example
 * simulate(preFeeRegime(scenarios.baseline({ agents: 95_000 })), { seed: 1 }) // the FY2026 draw
 */
export function preFeeRegime(s: Scenario): Scenario {
  return {
    ...s,
    name: `${s.name}-pre-fee`,
    years: 1,
    policies: s.policies.filter((p) => !(p.kind === "visaRegime" && p.fee !== undefined)),
  };
}

/**
 * Every candidate moment of the baseline that the model can compute, fitted and validation, in
 * the order of data/sources/moments_candidates.csv (docs/scenarios.md, "Moments: fitted,
 * validated and missed", has the baseline's value of each). These are the moments of the
 * recalibration; the current baseline was fitted to {@link BASELINE_TARGETS}.
 *
 * Composition and wage moments are read in the first reported year (2026 in the baseline); flow
 * and rate moments average the first three reported years (2026–2028); exits within five years
 * average every cohort whose window closes in the run; stock growth is the burn-in's (2024–2025).
 *
 * @example
 * const run = simulate(scenarios.baseline({ agents: 95_000 }), { seed: 1 });
 * for (const m of BASELINE_MOMENTS.filter((m) => !m.derive))
 *   console.log(m.name, m.value, momentValue(m, run));
 */
export const BASELINE_MOMENTS: readonly BaselineMoment[] = [
  moment(
    {
      id: "m01",
      name: "ca_us_net_tech_flow_rate",
      value: -0.0042,
      se: 0.0021,
      seBasis: "50% of the value: one year, eIMPACT method not published; the sign is the point",
      use: "fit",
      basis: "derived",
      source: CTN,
      counterpart: "net moves into CA from SV+USR per year / mean CA stock, 2026-2028 (negative: Canada loses)",
      note: "-1,672 / 400,000 software developers (Canada's net loss to the US, April 2022 to March 2023).",
    },
    netInflowRate("CA", US, FLOW_YEARS),
  ),
  moment(
    {
      id: "m02",
      name: "ca_domestic_grads_abroad_3y",
      value: 0.111,
      se: 0.03,
      seBasis:
        "sampling error negligible (tax records); SE set for the " +
        "definitional gap (all STEM vs AI; tax non-filing vs working abroad)",
      use: "fit",
      basis: "derived",
      source: {
        publisher: "Statistics Canada",
        title: "Retention of STEM graduates in Canada (2025)",
        url: "https://decoder.ca/most-stem-graduates-stay-in-canada-statcan-finds/",
        year: "2015-2020 cohorts",
        quote:
          "Among domestic STEM graduates from 2015–2020, 91.2% filed Canadian " +
          "taxes in their first year after graduation and 88.9% after three years.",
      },
      counterpart:
        "share of Canadian citizens under 30 working outside Canada, 2026-2028 (the model does " +
        "not track entry cohorts: under 30 stands for the first years after an entry at 25)",
      note:
        "1 - 0.889. The current baseline was fitted to 0.25 for the same " +
        "counterpart (BASELINE_TARGETS: canada_stem_grads_abroad_share).",
    },
    citizenshipAbroad("brainDrainYoung", "CA", FLOW_YEARS),
  ),
  moment(
    {
      id: "m03",
      name: "ca_foreign_born_share",
      value: 0.55,
      se: 0.05,
      seBasis:
        "census (sampling tiny); SE for the occupation (software engineers vs AI) and birthplace-vs-citizenship gap",
      use: "fit",
      basis: "sourced",
      source: {
        publisher: "IRCC / Statistics Canada",
        title: "Immigration matters in science and technology",
        url: "http://canada.ca/en/immigration-refugees-citizenship/campaigns/immigration-matters/growing-canada-future/science-technology.html",
        year: "2021",
        quote: "Software engineers and designers: 55%",
      },
      counterpart: "share of non-Canadian citizens among CA workers, 2026",
      note:
        "The model has no naturalisation, so a citizenship is a " +
        "birthplace and non-citizens stand for the foreign-born.",
    },
    citizenshipShare(["CA"], ["CA"], STATE_YEARS, true),
  ),
  moment(
    {
      id: "m04",
      name: "de_non_german_share",
      value: 0.15,
      se: 0.03,
      seBasis: "register count; SE for the ICT-vs-AI gap (the research tier has about 0.5)",
      use: "fit",
      basis: "sourced",
      source: BA,
      counterpart: "share of non-German citizens among DE workers, 2026",
      note:
        "Citizenship in the data; in the model (no naturalisation) also " +
        "birthplace, so the model's share is an upper bound's counterpart.",
    },
    citizenshipShare(["DE"], ["DE"], STATE_YEARS, true),
  ),
  moment(
    {
      id: "m05",
      name: "sv_foreign_born_share",
      value: 0.66,
      se: 0.04,
      seBasis: "ACS-based index; SE for tech-vs-AI and birthplace-vs-citizenship",
      use: "fit",
      basis: "sourced",
      source: { ...SV_INDEX, quote: "Two-thirds of tech workers in Silicon Valley are foreign born" },
      counterpart: "share of non-US citizens among SV workers, 2026",
      note: "Birthplace in the data; the model has no naturalisation.",
    },
    citizenshipShare(["SV"], ["US"], STATE_YEARS, true),
  ),
  moment(
    {
      id: "m06a",
      name: "sv_india_share",
      value: 0.23,
      se: 0.03,
      seBasis: "as m05",
      use: "fit",
      basis: "sourced",
      source: SV_ASIA,
      counterpart: "share of Indian citizens among SV workers, 2026",
      note: "One of two moments from one source (m06b: China).",
    },
    citizenshipShare(["SV"], ["IN"], STATE_YEARS),
  ),
  moment(
    {
      id: "m06b",
      name: "sv_china_share",
      value: 0.18,
      se: 0.03,
      seBasis: "as m05",
      use: "fit",
      basis: "sourced",
      source: SV_ASIA,
      counterpart: "share of Chinese citizens among SV workers, 2026",
      note: "One of two moments from one source (m06a: India).",
    },
    citizenshipShare(["SV"], ["CN"], STATE_YEARS),
  ),
  moment(
    {
      id: "m07",
      name: "us_migrant_exit_within_5y",
      value: 0.1425,
      se: 0.02,
      seBasis: "half-width of the OECD range 0.125-0.16 plus method uncertainty",
      use: "validation",
      basis: "sourced",
      source: {
        publisher: "OECD",
        title: "Return, Reintegration and Re-migration",
        url: "https://oecd.org/en/publications/return-reintegration-and-re-migration_625fb5e6-en/full-report/component-6.html",
        year: "2010s",
        quote:
          "In the United States, the average exit rate of immigrants within " +
          "five years is between 12.5% and 16%, depending on the method used.",
      },
      counterpart:
        "share of migrant arrivals in SV+USR who left the US within " +
        "5 years, mean over the cohorts whose window closes in the run",
      note:
        "Midpoint of the range. Kept out of the fit: the mean-field projection the fit runs on does not track " +
        "arrival cohorts.",
    },
    cohortExit("US"),
  ),
  moment(
    {
      id: "m08",
      name: "canada_migrant_exit_within_5y",
      value: 0.12,
      se: 0.05,
      seBasis: "spans 0.051 (all immigrants, IMDB) to about 0.17-0.21 (young skilled men, StatCan 2006)",
      use: "validation",
      basis: "derived",
      source: {
        publisher: "Statistics Canada",
        title: "Emigration of Immigrants (IMDB, 2024); Immigrants who leave Canada (2006)",
        url: "https://www150.statcan.gc.ca/n1/pub/91f0015m/91f0015m2024002-eng.htm",
        year: "1980-2017",
        quote: "5.1% of immigrants admitted between 1982 and 2017 emigrated within five years of landing;",
      },
      counterpart:
        "share of migrant arrivals in CA who left Canada within 5 " +
        "years, mean over the cohorts whose window closes in the run",
      note:
        "Midpoint between the all-immigrant 0.051 and the young-skilled-male ~0.2 (BASELINE_TARGETS has 0.21, for " +
        "which no source was seen). Kept out of the fit: the projection does not track arrival cohorts.",
    },
    cohortExit("CA"),
  ),
  moment(
    {
      id: "m09",
      name: "h1b_selection_rate",
      value: 0.353,
      se: 0.02,
      seBasis:
        "assumed (as in the current target): the count is administrative, the gap is the AI pool vs all registrants",
      use: "fit",
      basis: "sourced",
      source: {
        publisher: "USCIS (via KMH Immigration)",
        title: "USCIS Releases Selection Numbers for the FY 2026 H-1B Cap",
        url: "https://www.kmhimmigration.com/uscis-releases-selection-numbers-for-the-fy-2026-h-1b-cap/",
        year: "2025",
        quote:
          "The agency selected 118,660 of these beneficiaries – or approximately " +
          "35.3% of those registered – to meet the annual H-1B quota of 85,000.",
      },
      counterpart:
        "share of the H-1B pool selected in the first draw (March 2026) of the " +
        "scenario without the September 2025 fee (the FY2026 regime), one year",
      note: "Measured on the derived pre-fee regime (derive), not on the scenario's own run.",
    },
    firstSelectionRate("SV"),
    preFeeRegime,
  ),
  moment(
    {
      id: "m13",
      name: "stock_growth_2023_2024_CA",
      value: 0.038,
      se: 0.015,
      seBasis: "average of two CBRE years (1.7%, 5.9%); SE = half their difference / sqrt 2, rounded",
      use: "fit",
      basis: "derived",
      source: CBRE,
      counterpart: "annual growth of the CA stock over the burn-in (2024 to the start of 2026)",
      note: "(0.017 + 0.059) / 2.",
    },
    burnInGrowth(["CA"]),
  ),
  moment(
    {
      id: "m14",
      name: "stock_growth_2023_2024_SV",
      value: 0.0235,
      se: 0.017,
      seBasis:
        "as m13, times sqrt 2: the one national figure is compared with SV (m14) and USR (m14b) apart, " +
        "so the two moments together carry its information once",
      use: "fit",
      basis: "derived",
      source: US_GROWTH,
      counterpart: "annual growth of the SV stock over the burn-in (2024 to the start of 2026)",
      note:
        "(0.036 + 0.011) / 2 for all US tech talent; no growth of AI workers by metro area was found, so " +
        "Silicon Valley is compared with the national rate. AI-related jobs grew faster (CBRE: nearly twice).",
    },
    burnInGrowth(["SV"]),
  ),
  moment(
    {
      id: "m14b",
      name: "stock_growth_2023_2024_USR",
      value: 0.0235,
      se: 0.017,
      seBasis: "as m14",
      use: "fit",
      basis: "derived",
      source: US_GROWTH,
      counterpart: "annual growth of the USR stock over the burn-in (2024 to the start of 2026)",
      note: "The national rate, as m14.",
    },
    burnInGrowth(["USR"]),
  ),
  moment(
    {
      id: "m15",
      name: "stock_growth_DE",
      value: 0.0545,
      se: 0.015,
      seBasis: "10-year average vs 2024's 4%",
      use: "fit",
      basis: "derived",
      source: {
        ...BA,
        year: "2014-2024",
        quote: "die seit dem Jahr 2014 um rund 70 Prozent beziehungsweise 463.000 Personen zugenommen habe",
      },
      counterpart: "annual growth of the DE stock over the burn-in (2024 to the start of 2026)",
      note: "1.70^(1/10) - 1 for all ICT employees; 2024 alone +4%.",
    },
    burnInGrowth(["DE"]),
  ),
  moment(
    {
      id: "m16",
      name: "sv_share_of_us_ai",
      value: 0.27,
      se: 0.04,
      seBasis: "hub definition and year uncertain",
      use: "fit",
      basis: "sourced",
      source: {
        publisher: "CSET",
        title: "AI Hubs in the United States",
        url: "https://cset.georgetown.edu/publication/ai-hubs-in-the-united-states",
        year: "about 2020",
        quote: "the key centers employing AI professionals are San Francisco (27 percent)",
      },
      counterpart: "SV stock / (SV + USR) stock, 2026",
      note: "The initial stocks (core definition) give 52,200 / 193,400 = 0.27.",
    },
    stockShare(["SV"], US, STATE_YEARS),
  ),
  moment(
    {
      id: "m17",
      name: "annual_mobility_rate",
      value: 0.03,
      se: 0.01,
      seBasis: "assumed (as in the current target)",
      use: "fit",
      basis: "assumed",
      source: NONE,
      counterpart: "moves per year out of DE, CA, SV and USR / their mean stock, 2026-2028",
      note: "No source found for AI workers; kept with its wide SE.",
    },
    mobilityRate(["DE", "CA", "SV", "USR"], FLOW_YEARS),
  ),
  moment(
    {
      id: "m26",
      name: "stock_growth_ROW",
      value: 0.038,
      se: 0.015,
      seBasis: "as m13: India is the largest part of ROW, but China and the European hubs grew at rates not found here",
      use: "fit",
      basis: "derived",
      source: {
        publisher: "NASSCOM (via Outlook Business)",
        title: "Tech hiring slowdown: IT sector to witness 24% drop in new job openings in September",
        url: "https://www.outlookbusiness.com/corporate/tech-hiring-slowdown-it-sector-to-witness-24-drop-in-new-job-openings-in-september",
        year: "FY2021-FY2025",
        quote: "the total IT sector workforce has increased marginally from 5 million in FY21 to 5.8 in FY25",
      },
      counterpart: "annual growth of the ROW stock over the burn-in (2024 to the start of 2026)",
      note: "(5.8 / 5)^(1/4) - 1 = 0.038 for India's whole IT workforce, the closest sourced growth of ROW's pool.",
    },
    burnInGrowth(["ROW"]),
  ),
  moment(
    {
      id: "m27",
      name: "de_tertiary_emigration_rate",
      value: 0.087,
      se: 0.03,
      seBasis:
        "definition gap: all tertiary-educated German-born (2010/11) against German AI workers (2026); " +
        "the research tier is far more mobile (m23: 37% of AI PhDs of leading chairs abroad)",
      use: "fit",
      basis: "derived",
      source: {
        publisher: "OECD",
        title: "Talent Abroad: A Review of German Emigrants (2015)",
        url: "https://www.oecd.org/fr/allemagne/more-than-3-million-german-emigrants-in-oecd-countries.htm",
        year: "2010/11",
        quote:
          "1.4 million possess an upper secondary or vocational education and 1.2 million hold a university degree.",
      },
      counterpart: "share of German citizens working outside Germany (brain drain), 2026-2028",
      note:
        "1.2 million tertiary-educated German-born in other OECD countries / (1.2 million + about 12.6 million " +
        "tertiary-educated aged 25-64 in Germany: 28% of 45 million, assumed) = 0.087.",
    },
    citizenshipAbroad("brainDrain", "DE", FLOW_YEARS),
  ),
  moment(
    {
      id: "m19",
      name: "top_researchers_outside_home_country",
      value: 0.42,
      se: 0.05,
      seBasis: "assumed (as in the current target)",
      use: "validation",
      basis: "sourced",
      source: {
        publisher: "MacroPolo",
        title: "Global AI Talent Tracker 2.0",
        url: "https://www.damienma.com/work-1/aitalent",
        year: "2022",
        quote:
          "Just 42% of top-tier AI researchers in 2022 are foreign nationals currently working in a different country",
      },
      counterpart:
        "share of researchers in the global top skill decile working outside their citizenship's country, 2026-2028",
      note:
        "A test of the skill structure, which the fitted parameters " +
        "barely move; a target of the current baseline (BASELINE_TARGETS).",
    },
    topResearchersAbroad(FLOW_YEARS),
  ),
  moment(
    {
      id: "m21",
      name: "ca_inflow_us_share",
      value: 0.03,
      se: 0.02,
      seBasis: "all immigrants, not tech",
      use: "validation",
      basis: "sourced",
      source: {
        publisher: "Statistics Canada",
        title: "An overview of the immigrant population born in the United States living in Canada",
        url: "https://www.statcan.gc.ca/o1/en/app/8702-overview-immigrant-population-born-united-states-living-canada",
        year: "2021",
        quote: "US immigrants accounted for 3% of recent immigrants",
      },
      counterpart: "share of the moves into CA that come from SV+USR, 2026-2028",
      note:
        "Birthplace of permanent immigrants in the data; the model's moves " +
        "from the US include Indians on H-1B moving north, so the band is wide.",
    },
    inflowShareFrom("CA", US, FLOW_YEARS),
  ),
  moment(
    {
      id: "m22",
      name: "ca_us_wage_gap",
      value: -0.46,
      se: 0.08,
      seBasis: "one study, composition unknown",
      use: "validation",
      basis: "sourced",
      source: {
        publisher: "Toronto Metropolitan University",
        title: "(via Toronto Star op-ed)",
        url: "https://vuink.com/post/gurfgne-d-dpbz/opinion/contributors/the-best-and-brightest-don-t-want-to-stay-in-canada-i-should-know-i/article_293fc844-3d3e-11ef-8162-5358e7d17a26-d-dhtml",
        year: "2024",
        quote: "Canadian tech workers are paid on average 46 per cent less than their U.S. counterparts.",
      },
      counterpart: "mean gross wage in CA / stock-weighted mean gross wage in SV+USR - 1, 2026",
      note: "Tests the wage equations.",
    },
    wageGap("CA", US, STATE_YEARS),
  ),
  moment(
    {
      id: "m24",
      name: "ca_net_ai_inflow_from_world",
      value: 0.0511,
      se: 0.02,
      seBasis: "LinkedIn, 2019",
      use: "validation",
      basis: "sourced",
      source: {
        publisher: "Oliver Wyman Forum (LinkedIn/World Bank)",
        title: "Who's Winning the Race for AI Talent?",
        url: "https://www.oliverwymanforum.com/city-readiness/2020/jun/whos-winning-the-race-for-ai-talent.html",
        year: "2019",
        quote: "to 511 people for every 10,000 people in the country with AI skills",
      },
      counterpart: "net moves into CA from every other region per year / mean CA stock, 2026-2028",
      note: "Canada gains from the world while losing to the US (m01).",
    },
    netInflowRate("CA", ALL_BUT_CA, FLOW_YEARS),
  ),
];

/**
 * The model's value of a moment from a run (`RunResult`) or a mean-field projection
 * (`MeanFieldResult`: the same rows, without `cohortExit5y` and `topResearchersAbroad`). For a
 * moment with `derive`, pass the run of `moment.derive(scenario)`.
 *
 * @throws ValidationError when the result lacks a metric the moment reads (path `rows`), covers
 *   fewer years than its window (`scenario.years`), or when the value is undefined (an empty
 *   stock) — never a NaN.
 * @example
 * const m = BASELINE_MOMENTS.find((m) => m.name === "ca_us_net_tech_flow_rate")!;
 * // net moves into CA from the US per year per worker:
 * momentValue(m, simulate(scenarios.baseline({ agents: 95_000 }), { seed: 1 }));
 */
export function momentValue(moment: BaselineMoment, result: MomentResult): number {
  const present = new Set<string>();
  for (const r of result.rows) present.add(r.metric);
  const missing = moment.metrics.filter((m) => !present.has(m));
  if (missing.length > 0) {
    const why = result.rows[0]?.run === "meanField" ? " (the mean-field projection has no such metric)" : "";
    const reads = `moment ${moment.id} (${moment.name}) reads ${missing.join(", ")}`;
    throw Issues.single("rows", `${reads}, which the result does not report${why}`, "cannot compute the moment");
  }
  const value = moment.compute(result);
  if (!Number.isFinite(value)) {
    throw Issues.single(
      "rows",
      `moment ${moment.id} (${moment.name}) is not finite: ${value}`,
      "cannot compute the moment",
    );
  }
  return value;
}
