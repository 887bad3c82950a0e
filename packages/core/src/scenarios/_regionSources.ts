/**
 * The sources of the baseline's region fields (stocks, wages, returns to skill, taxes, costs of
 * living, investment, amenities, entrants and their mixes, ...), one entry per region and field,
 * and the texts they share. Part of PARAMETER_SOURCES (sources.ts).
 * @internal
 * @module
 */
import type { ParameterSource } from "./sources";

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

/** The provenance of the nine parameters of the baseline's joint fit. */
export const RECALIBRATED =
  "Fitted jointly with the other tuned parameters to the fitted moments of `BASELINE_MOMENTS` by the method of " +
  "moments (`pnpm recalibrate`, examples/recalibrate.ts; estimate, standard error and profile in " +
  "docs/recalibration.md)";
/** Stocks on the core definition of an AI worker (docs/data-sources.md, data/sources/stocks.csv). */
const CORE =
  "Core definition of an AI worker (main job builds, trains, deploys or researches AI/ML; docs/data-sources.md)";
const SKILL_SPREAD =
  "With skill ~ N(mean, 1) the value is the standard deviation of log wages in the region, so p90/p10 = " +
  "exp(2.56 x value); a wider spread draws the most skilled (Roy selection).";
const TAXING_WAGES =
  "OECD Taxing Wages 2018, net personal average tax rate (income tax plus employee contributions) of a single " +
  "worker at the average wage in 2017 (via https://wealthprofessional.ca/news/industry-news/dont-moan-about-taxes-" +
  "were-doing-ok-compared-to-others/241766)";
const NUMBEO =
  "Numbeo's Cost of Living Plus Rent Index (New York = 100; 2024 table, http://www.numbeo.com/cost-of-living/" +
  "rankings.jsp)";
const NUMBEO_EUROPE = "https://numbeo.com/cost-of-living/region_rankings_current.jsp?displayColumn=2&region=155";
const TOP_AI =
  "the US is home to 60% of the top AI institutions (MacroPolo, Global AI Talent Tracker 2.0, 2024, via " +
  "https://cybernews.com/tech/mapping-ai-talent-worldwide/).";
const RESEARCH_SCALE =
  "The ordering rests on that; the scale is assumed (0.1 logit units is worth 17% of net income to a researcher).";
const ENGLISH_US =
  "English is the working language of the US labour market, so every job is open to English speakers and the " +
  "language barrier (behavior.languagePenalty) does not apply: a definition more than an estimate.";
const US_TECH_GROWTH =
  "US tech-talent employment grew 3.6% in 2023 and 1.1% in 2024 (CBRE, Scoring Tech Talent 2024 and 2025, " +
  "https://www.cbre.com/insights/books/scoring-tech-talent-2024), AI-related jobs faster";
const TEMPORARY_US =
  "Share of non-citizens on a temporary status (H-1B, TN, L-1, OPT) at the start. USCIS counted 583,420 H-1B " +
  "workers on 30 Sep 2019 (via https://visaserve.com/uscis-provides-h-1b-authorized-to-work-population-estimate-2/) " +
  "and the employment green-card backlog holds about 1.1 million Indian cases (Cato Institute 2023), so many stay " +
  "temporary for years; 0.5 is assumed. A higher value raises exits through behavior.tempPenalty.";
const TEMPORARY_DE_CA =
  "Share of non-citizens on a temporary status at the start; lower than the US's 0.5 because permanence comes " +
  "faster (a Blue Card settles after 21-27 months, Canada's Express Entry within about two years: see " +
  "visas.*.permanence). No count of temporary against permanent non-citizens in AI work was found.";
const GERMAN_ABROAD =
  "German speakers among non-German citizens outside Germany: some 100 million native speakers, most of them " +
  "German citizens, and 15.4 million learners (Federal Foreign Office, 'German as a foreign language worldwide', " +
  "2020, https://www.auswaertiges-amt.de/en/newsroom/news/german-as-a-foriegn-language/2347090) against 8 billion " +
  "people. 0.02 is above that share to allow for Austrians and Swiss in OTHER; it only affects moves into Germany.";
const RESEARCHERS =
  "0.15 in DE and CA; 0.08 in SV and USR; 0.10 in ROW: more of the AI workforce is in universities and public " +
  "institutes in DE and CA, most US AI workers are in industry. No count by region was found; BLS counts 33,780 " +
  "computer and information research scientists against 159,630 data scientists in May 2022 (17% of the two, " +
  "http://www.bls.gov/opub/ted/2023/software-developers-was-the-largest-computer-and-mathematical-occupation-in-" +
  "may-2022.htm), a broader 'research' than the model's. It acts only through researchEcosystem.";

/** Every region field of the baseline, with its basis and source. */
export const REGION_SOURCES: ParameterSource[] = [
  ...perRegion("initialStock", {
    DE: [
      "derived",
      `${CORE}: 50,000 working mainly on AI in 2019 (ZEW for the Federal Ministry of Economics) grown at German ` +
        "ICT employment growth to 2024 (data/sources/stocks.csv); the broad count (mainly or partly, 139,000 in " +
        "2019) is the sensitivity.",
    ],
    CA: [
      "derived",
      `${CORE}: 150,000 in the AI sector (Minister of AI, 2025, broad) times Germany's core/broad ratio ` +
        "50/139; no core count of Canada's AI workers was found.",
    ],
    SV: [
      "derived",
      `${CORE}: 27% (CSET, AI Hubs in the United States) of the US core count, BLS OEWS data scientists plus ` +
        "computer and information research scientists (159,630 + 33,780, May 2022).",
    ],
    USR: ["derived", `${CORE}: the other 73% of the US core count (BLS OEWS, May 2022).`],
    ROW: [
      "derived",
      `${CORE}, rough: Element AI's world count of 477,956 minus the four markets above; the world's broad ` +
        "counts are 1.9-2.6 million (data/sources/stocks.csv).",
    ],
  }),
  ...perRegion("grossWage", {
    DE: [
      "sourced",
      "Base salary, median of ML and data-science jobs: EUR 5,536 a month x 12 = EUR 66,432 (gehalt.de; " +
        "data/sources/wages.csv), at 1.08 USD/EUR.",
    ],
    CA: ["sourced", "Base salary, national median of data scientists CAD 95,992 (ESDC Job Bank), at 0.73 USD/CAD."],
    SV: [
      "derived",
      "Base salary: the BLS San Jose median for software developers (USD 165,030) times the national ratio of " +
        "data-scientist to developer medians (data/sources/wages.csv); total pay with equity (Levels.fyi median " +
        "USD 250k) is not the basis.",
    ],
    USR: ["sourced", "Base salary: BLS national median of data scientists, USD 112,590 (OEWS May 2024)."],
    ROW: [
      "assumed",
      "A mix of India, China and the European hubs; India's AI engineers average INR 1.48 million a year " +
        "(data/sources/wages.csv; the conversion is to verify), far below the other regions. What matters is the " +
        "gap to the four markets, which makes ROW a sending region; a higher value slows emigration from ROW.",
    ],
  }),
  ...perRegion("skillReturn", {
    DE: [
      "assumed",
      "Flatter pay scales (collective agreements, a compressed wage distribution): 0.3 means p90/p10 = 2.2. " +
        `${SKILL_SPREAD} ` +
        "No percentile figure for German ML engineers was read (the Bundesagentur's Entgeltatlas publishes quartiles).",
    ],
    CA: [
      "assumed",
      `Between DE and the US: 0.35 means p90/p10 = 2.5. ${SKILL_SPREAD} Job Bank publishes low (p10) and high (p90) ` +
        "wages for software engineers (NOC 21231) that would pin it; they were not read for this table.",
    ],
    SV: [
      "assumed",
      "SV p25-p90 total compensation of 205k-600k (Levels.fyi via landed.jobs) implies a wide dispersion, hence " +
        `positive selection into SV: ln(600/205) / (1.28 + 0.67) = 0.55. ${SKILL_SPREAD}`,
    ],
    USR: [
      "assumed",
      `Between SV and CA: 0.45 means p90/p10 = 3.2. ${SKILL_SPREAD} BLS OEWS percentiles for data scientists ` +
        "(SOC 15-2051) would pin it; they were not read for this table.",
    ],
    ROW: [
      "assumed",
      "ROW mixes India and China, where pay spreads widely between top firms and the rest, with the European hubs: " +
        `0.5 means p90/p10 = 3.6. ${SKILL_SPREAD} No dispersion figure for the mix exists.`,
    ],
  }),
  ...perRegion("taxRate", {
    DE: [
      "assumed",
      `${TAXING_WAGES}: Germany 39.9%. Contributions are capped, so the average rate rises little above the ` +
        "average wage and 0.40 also fits ML salaries of EUR 65-95k.",
    ],
    CA: [
      "assumed",
      `${TAXING_WAGES}: Canada 22.8%. ML salaries (CAD 96-105k) are well above the average wage and Canada's ` +
        "income tax is progressive, hence 0.33; the OECD's rate at 167% of the average wage would pin it.",
    ],
    SV: [
      "assumed",
      `Federal plus California. ${TAXING_WAGES}: United States 26.0% (state and local taxes included); SV ` +
        "salaries are far above the average wage and California's income tax is among the highest of the states.",
    ],
    USR: [
      "assumed",
      `${TAXING_WAGES}: United States 26.0% (state and local taxes included); 0.30 allows for salaries about twice ` +
        "the average wage, in states that mostly tax less than California (SV 0.38).",
    ],
    ROW: [
      "assumed",
      "No single rate fits India, China and the European hubs; 0.25 is near the OECD average of 25.5% (" +
        `${TAXING_WAGES}). It only weighs on moves into and out of ROW.`,
    ],
  }),
  ...perRegion("costOfLiving", {
    DE: [
      "assumed",
      `${NUMBEO}: Berlin 48.0 and Munich 54.2 (current European table, ${NUMBEO_EUROPE}) against San Jose's 81.8 ` +
        "(2024), i.e. 0.59-0.66; 0.65 is at Munich's end (the two tables are of different dates).",
    ],
    CA: [
      "assumed",
      "No Canadian figure of the same index was read. Numbeo's index without rent: Toronto 73.0 (2023, via " +
        "Daily Hive, " +
        "https://dailyhive.com/vancouver/cost-of-living-index-cities) against San Jose's 90.5 (2024), 0.81 before " +
        "housing; rents far below San Jose's bring it down, to an assumed 0.68.",
    ],
    SV: ["definition", "The index is normalised to Silicon Valley = 1."],
    USR: [
      "assumed",
      "BEA regional price parities for 2023 put San Jose at 113 and San Francisco at 118 (US = 100; via " +
        "https://www.businessinitiative.org/statistics/bea/metro-area-regional-price-parity-rankings-top-msas-2023/), " +
        `so the rest of the US is near 0.87 of SV; ${NUMBEO} gives Atlanta 64.7 and Seattle 75.4 against San ` +
        "Jose's 81.8 (0.79-0.92). 0.75 is below both: at 0.87 real income in USR would be 14% lower.",
    ],
    ROW: [
      "assumed",
      `${NUMBEO}: Bangalore 17.2 (2023), Shanghai 34.5 (current) and London 76.1 (2024) against San Jose's 81.8, ` +
        "i.e. 0.21, 0.42 and 0.93; 0.35 weights the mix towards India and China, which hold most of ROW's pool.",
    ],
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
        "near Germany's (USD 6bn / 165,000 = 36,400 against 1.9bn / 65,200 = 29,100); the utility term uses " +
        "investment per worker, so only this ratio matters, not the level of the world's AI investment.",
    ],
  }),
  ...perRegion("amenity", {
    DE: ["assumed, tuned", `${RECALIBRATED}; identified by Germans abroad (m27) and DE's non-German share (m04).`],
    CA: [
      "assumed, tuned",
      "Held at its value in the joint fit before the graduates of the H-1B lottery (pnpm recalibrate, " +
        "docs/recalibration.md), where the Canada-US net flow (m01) and CA growth (m13) identified it: refitted " +
        "with graduates it went to -1.254 at an objective only 0.43 lower, where Canada's own-citizen share " +
        "rises 3.3 points during burn-in, beyond the baseline's drift bound of 2.5.",
    ],
    SV: ["assumed, tuned", `${RECALIBRATED}; identified by SV's share of US AI (m16) and its composition (m05).`],
    USR: ["definition", "Normalisation: amenities are identified only relative to a reference region; USR is 0."],
    ROW: ["definition", "Normalisation: ROW is 0, a second reference (no moment identifies its amenity apart)."],
  }),
  ...perRegion("researchEcosystem", {
    DE: [
      "assumed",
      `DFKI, Max Planck, ELLIS units. Ranked below Canada's national AI institutes and the US, where ${TOP_AI} ` +
        `${RESEARCH_SCALE}`,
    ],
    CA: [
      "assumed",
      "Mila, Vector, Amii: three national AI institutes, ranked with the US outside the Bay Area and below SV, " +
        `where ${TOP_AI} ${RESEARCH_SCALE}`,
    ],
    SV: ["assumed", `Highest: ${TOP_AI}, and the Bay Area holds the largest industrial labs. ${RESEARCH_SCALE}`],
    USR: ["assumed", `The rest of the US share of top institutions: ${TOP_AI} ${RESEARCH_SCALE}`],
    ROW: [
      "assumed",
      "The zero point of the scale: only differences between regions change choices. ROW holds strong centres " +
        "too (London, Zurich, Beijing), so for researchers bound there the gap may be overstated.",
    ],
  }),
  ...perRegion("englishJobShare", {
    DE: [
      "assumed",
      "2.7% of all German job ads say German is not required (Indeed 2023-24); 14% of " +
        "Berlin ads are in English; 59% of German start-ups do not require German (Bitkom). AI jobs sit in the big " +
        "cities and start-ups, so 0.4 lies between the Berlin and start-up figures " +
        "(https://hiringlab.org/de/blog/2024/10/22/indeed-sprachanforderungen-deutsch).",
    ],
    CA: [
      "assumed",
      "All jobs open to English speakers; Quebec (about 0.85) is not separated, so the language barrier " +
        "(behavior.languagePenalty) applies in Germany and ROW only.",
    ],
    SV: ["assumed", ENGLISH_US],
    USR: ["assumed", ENGLISH_US],
    ROW: [
      "assumed",
      "ROW mixes India, where tech work is done in English, and the European hubs (London in English, Zurich and " +
        "Paris in part) with China, where most jobs need Chinese; 0.8 assumes most of the mobile pool works in " +
        "English. The penalty falls on non-German speakers, so the 0.2 stands for jobs needing another language.",
    ],
  }),
  ...perRegion("demandGrowth", {
    DE: [
      "assumed",
      "Trend growth of labour demand at constant investment. German ICT employment grew 4% in 2024 and 70% over " +
        "2014-24, 5.45% a year (Bundesagentur fuer Arbeit via dpa, data/sources/flows.csv de_ict_growth_2014_2024): " +
        "0.02 is well below it, a trend for 2026-35 after the boom; near 0.05 DE would grow as in 2014-24.",
    ],
    CA: [
      "assumed",
      "Trend growth of labour demand at constant investment. Canada's tech-talent employment grew 1.7% in 2023 " +
        "and 5.9% in 2024 (CBRE, Scoring Tech Talent 2024 and 2025, via https://canadasentrepreneur.com/?p=38006); " +
        "0.02 is inside that range, at its low end.",
    ],
    SV: ["assumed", `Trend growth of labour demand at constant investment. ${US_TECH_GROWTH}; 0.03 lies inside.`],
    USR: ["assumed", `Trend growth of labour demand at constant investment. ${US_TECH_GROWTH}; 0.03 lies inside.`],
    ROW: [
      "assumed",
      "Trend growth of labour demand at constant investment. No growth figure exists for the world's mobile pool; " +
        "set equal to the US rate, so ROW keeps its share of the world unless policies change it.",
    ],
  }),
  ...perRegion("entrants", {
    DE: ["assumed, tuned", `${RECALIBRATED}; identified by DE's stock growth (m15).`],
    CA: ["assumed, tuned", `${RECALIBRATED}; identified by CA's stock growth (m13).`],
    SV: ["assumed, tuned", `${RECALIBRATED}; identified by SV's growth (m14) and share of US AI (m16).`],
    USR: ["assumed, tuned", `${RECALIBRATED}; identified by USR's growth (m14b).`],
    ROW: ["assumed, tuned", `${RECALIBRATED}; identified by ROW's growth (m26).`],
  }),
  ...perRegion("entrantCitizenship", {
    DE: [
      "derived",
      "Equal to the initial mix, so that the composition is not an artefact of the start: non-German citizens " +
        "15% of ICT employees (Bundesagentur fuer Arbeit 2024); their split IN 0.048, CN 0.03, OTHER 0.072 keeps " +
        "an assumed 8:5:12.",
    ],
    CA: [
      "derived",
      "Equal to the initial mix: immigrants 55% of software engineers and designers (2021 Census, birthplace " +
        "standing for citizenship); their split IN 0.206, CN 0.11, OTHER 0.234 keeps an assumed 15:8:17.",
    ],
    SV: [
      "derived",
      "Equal to the initial mix: US-born 31%, India 23%, China 18% of tech workers (Silicon Valley Index " +
        "2025; US 0.34 counts some naturalised); Germans 0.0192 as derived for Germans abroad (data-sources.md); " +
        "Canadians 0.02 assumed.",
    ],
    USR: [
      "assumed",
      "Equal to the initial mix. No composition of US AI workers outside the Bay Area was found: US 0.63, IN " +
        "0.15, CN 0.08 follow the H-1B ordering (India 75.6%, China 9.4% of beneficiaries, FY2017); CA 0.02 " +
        "stands for Canadian graduates hired straight into US jobs; DE 0.0124 as derived for Germans abroad.",
    ],
    ROW: [
      "assumed",
      "Equal to the initial mix: ROW's citizens by the weight of India and China in the world's AI pool " +
        "(assumed); DE 0.0153 are Germans in the European hubs, as derived for Germans abroad (data-sources.md).",
    ],
  }),
  ...allRegions(
    "initialCitizenship",
    "derived",
    "Set from the region's sourced composition (see its entrantCitizenship, which is equal, so the mix does not " +
      "drift by construction); Germans abroad: 8.7% of German AI workers (OECD 2015: 1.2 million tertiary-" +
      "educated German-born in other OECD countries, against about 12.6 million at home, assumed), split " +
      "13:12 between the US and the European hubs in ROW as the AI PhDs of leading German chairs (SNV 2022).",
  ),
  ...perRegion("entrySkillMean", {
    DE: [
      "assumed",
      "Skill is standardised; entrants to DE and CA at the mean. A normalisation: only the differences between " +
        "regions' entrants matter, and DE and CA are the reference.",
    ],
    CA: [
      "assumed",
      "Skill is standardised; entrants to DE and CA at the mean. A normalisation: only the differences between " +
        "regions' entrants matter, and DE and CA are the reference.",
    ],
    SV: [
      "assumed",
      "Silicon Valley hires above the mean. The San Jose software developers' median wage (USD 165,030) is 0.215 " +
        "log points above the US median (133,080; BLS, years differ, data/sources/wages.csv); at skillReturn 0.55, " +
        "0.3 SD accounts for 0.165 of that gap and the region's wage level for the rest.",
    ],
    USR: [
      "assumed",
      "US employers recruit nationally and abroad, so US entrants are set slightly above DE's and CA's; no measure " +
        "of entrant skill by region was found. At skillReturn 0.45, 0.1 SD raises the average entrant wage by 4.6%.",
    ],
    ROW: [
      "assumed, tuned",
      "Tuned by hand to the share of top AI researchers working outside their home country (MacroPolo " +
        "Global AI Talent Tracker 2022, NeurIPS authors: 0.42); the table of parameters has -0.1.",
    ],
  }),
  ...perRegion("germanShare", {
    DE: [
      "assumed",
      "Share of non-German citizens in Germany who work in German. They include EU neighbours and long-settled " +
        "residents, while 14.5% of the foreign-born of core working age had no or only basic German in 2021 " +
        "(Indeed Hiring Lab 2024, https://hiringlab.org/de/blog/2024/10/22/indeed-sprachanforderungen-deutsch); AI " +
        "hires from abroad mostly arrive without German, hence an assumed 0.3.",
    ],
    CA: ["assumed", GERMAN_ABROAD],
    SV: ["assumed", GERMAN_ABROAD],
    USR: ["assumed", GERMAN_ABROAD],
    ROW: ["assumed", GERMAN_ABROAD],
  }),
  ...perRegion("researcherShare", {
    DE: ["assumed", RESEARCHERS],
    CA: ["assumed", RESEARCHERS],
    SV: ["assumed", RESEARCHERS],
    USR: ["assumed", RESEARCHERS],
    ROW: ["assumed", RESEARCHERS],
  }),
  ...perRegion("temporaryShare", {
    DE: ["assumed", TEMPORARY_DE_CA],
    CA: ["assumed", TEMPORARY_DE_CA],
    SV: ["assumed", TEMPORARY_US],
    USR: ["assumed", TEMPORARY_US],
    ROW: ["definition", "ROW admits everyone with a permanent status, so nobody there holds a temporary one."],
  }),
];
