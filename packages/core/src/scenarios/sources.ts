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

/** The provenance of the twelve parameters of the baseline's joint fit. */
const RECALIBRATED =
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

const TRANSATLANTIC =
  "A transatlantic move costs more than a move within North America (Canada-US 2.08, fitted): another " +
  "language of daily life, distance, and a visa for most non-citizens.";

const TN_FRICTION =
  "TN status for Canadian citizens: decided at the border or a pre-clearance airport on a job offer in a listed " +
  "profession, usually the same day (US CBP, via https://globalmobilityreview.com/united-states-starts-optimized-" +
  "processing-for-canadian-citizen-tn-and-l-visas-under-nafta). 0.3 is above the Global Talent Stream's 0.2 " +
  "because TN is renewed every three years and leads to no green card; the scale is assumed.";

const H1B_FRICTION =
  "H-1B process, 6-18 months: registration in March and work from 1 October at the earliest, longer with " +
  "consular processing (via https://nnuimmigration.com/h1b-visa-processing-time-duration/); the slowest route of " +
  "the model, hence its largest friction. The lottery itself is modelled by visas.*.rule.";

const US_PERMANENCE =
  "US permanence rate for citizenships other than IN and CN: an employment green card without a per-country " +
  "backlog (labour certification, I-140 petition, adjustment of status) takes a few years; 0.3 gives a mean wait " +
  "of 3.3 years. No official mean wait was found.";

const RESEARCHERS =
  "0.15 in DE and CA; 0.08 in SV and USR; 0.10 in ROW: more of the AI workforce is in universities and public " +
  "institutes in DE and CA, most US AI workers are in industry. No count by region was found; BLS counts 33,780 " +
  "computer and information research scientists against 159,630 data scientists in May 2022 (17% of the two, " +
  "http://www.bls.gov/opub/ted/2023/software-developers-was-the-largest-computer-and-mathematical-occupation-in-" +
  "may-2022.htm), a broader 'research' than the model's. It acts only through researchEcosystem.";

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
    source:
      "No published elasticity of AI workers' location choice to investment per worker was found; 0.15 lies inside " +
      "the 0-0.4 range explored. Doubling investment per skill-weighted worker is then worth 0.10 logit units, the " +
      "utility of about 17% more net income at beta 0.65: investment policies move flows at the margin; at 0 they " +
      "would act only through labour demand (behavior.demandElasticity).",
  },
  {
    path: "behavior.gamma",
    basis: "assumed",
    source:
      "Network effects of 0.3-0.7 (Beine, Docquier & Ozden, 'Diasporas', Journal of Development Economics 95(1), " +
      "2011, https://doi.org/10.1016/j.jdeveco.2009.11.004; the range was not re-read for this table). For a large " +
      "diaspora the term's elasticity to its size is gamma, so 0.3 is the low end; applies abroad only, times the " +
      "citizenship's network weight.",
  },
  {
    path: "behavior.homeBias",
    basis: "assumed, tuned",
    source: `${RECALIBRATED}; identified above all by the mobility rate (m17) and young Canadians abroad (m02).`,
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
    source:
      "No estimate of the utility cost of working without the local language was found for AI workers. It is " +
      "scaled by the share of jobs closed to English speakers: in Germany (englishJobShare 0.4) a non-German " +
      "speaker pays 0.9 logit units, so 1.5 makes language the main brake on moves into Germany, which only 2.7% " +
      "of German job ads waive (Indeed Hiring Lab, 'Sprachanforderungen', 2024, " +
      "https://hiringlab.org/de/blog/2024/10/22/indeed-sprachanforderungen-deutsch); a lower value raises DE inflows.",
  },
  {
    path: "behavior.ageCost",
    basis: "assumed",
    source:
      "Per year of age over 30: migration falls with age (family, housing, firm-specific skills), but no estimate " +
      "in logit units for AI workers was found. 0.03 makes a move at 50 cost 0.6 logit units more than at 30; it " +
      "changes who moves, not how many, so a larger value concentrates mobility among the young.",
  },
  {
    path: "behavior.tempPenalty",
    basis: "assumed, tuned",
    source:
      "Insecurity of a temporary status; the main lever for the US 5-year exit rate in a prototype (the OECD puts " +
      "that exit at 12.5-16%, data/sources/flows.csv us_exit_5y_oecd). A larger value raises the exits of " +
      "temporary migrants and the pull of routes that grant permanence.",
  },
  {
    path: "behavior.exitRate",
    basis: "assumed",
    source:
      "Leaving the field at any age (retirement is separate). Across US jobs 13% changed occupation in 2020-21, " +
      "but skilled professions keep their workers: 3% of nurses switched occupation and 4% stopped working, and " +
      "5% or less of lawyers and judges left (USAFacts from the CPS ASEC, 'Which Americans are leaving their " +
      "occupations?', 2022, https://usafacts.org/projects/jobs/who-leaves/); 0.03 puts AI work with them.",
  },
  {
    path: "behavior.entryAge",
    basis: "assumed",
    source:
      "Entrants are graduates and direct hires: a bachelor's at 22 (the full career the OECD models starts at 22, " +
      "Pensions at a Glance 2023, https://oecd.org/en/publications/2023/12/pensions-at-a-glance-2023_4757bf20/" +
      "full-report/component-13.html) plus a master's. PhDs enter later, which one entry age ignores; with " +
      "retirementAge it sets a 40-year working life, so a later entry shortens careers and shrinks stocks.",
  },
  {
    path: "behavior.retirementAge",
    basis: "assumed",
    source:
      "OECD Pensions at a Glance 2023: the average normal retirement age is 64.4 for men retiring in 2022 and 66.3 " +
      "for those starting a career in 2022 (https://oecd.org/en/publications/2023/12/pensions-at-a-glance-2023_" +
      "4757bf20/full-report/component-13.html); 65 lies between. Workers near it rarely move (ageCost), so it " +
      "matters mainly for how fast the stock turns over.",
  },
  {
    path: "behavior.initialAgeMedian",
    basis: "assumed",
    source:
      "AI workers are younger than computer workers as a whole: the median age of US computer and mathematical " +
      "occupations was 41.1 in 2012 (BLS via Demo Memo, https://demomemo.blogspot.com/2014/07/shifting-hours-for-" +
      "computer-workers.html), while 62.4% of H-1B petitions approved in FY2019 were for ages 25-34 (USCIS, " +
      "Characteristics of H-1B Specialty Occupation Workers FY2019). 35 lies between; initial ages lie between " +
      "entryAge and retirementAge.",
  },
  {
    path: "behavior.feeAdmissionFactor",
    basis: "assumed",
    source:
      "Multiplier on admission for hires from abroad per USD 100,000 of employer-paid fee. The fee dates from " +
      "September 2025 and no count of employers who still file at that price was found; 0.5 is an even split. US " +
      "inflows from abroad scale almost proportionally with it, so it is the first value to revisit when FY2027 " +
      "registration counts are published.",
  },
  {
    path: "behavior.delayCost",
    basis: "assumed",
    source:
      "Not in the table of parameters: friction per year of processing delay, used " +
      "only by visaRegime policies with processingMonths (none in the baseline), so its value changes no baseline " +
      "result. 0.5 makes 6-18 months of delay worth 0.25-0.75 logit units, the scale of the H-1B friction (0.8).",
  },
  {
    path: "behavior.wageElasticity",
    basis: "assumed",
    source:
      "Wages fall by 1/epsilon times the log excess supply. Borjas ('The Labor Demand Curve is Downward Sloping', " +
      "QJE 118(4), 2003, https://www.nber.org/papers/w9755): a 10% rise in a skill group's supply lowers its wage " +
      "by 3-4%, i.e. epsilon 2.5-3.3; for US computer scientists wages would have been 2.8-3.8% higher without the " +
      "1994-2004 rise in foreign hiring (Bound, Braga, Golden & Khanna, J. Labor Econ. 33(S1), 2015, " +
      "https://pmc.ncbi.nlm.nih.gov/articles/PMC4860810). 2 is a slightly stronger feedback than Borjas's range.",
  },
  {
    path: "behavior.demandElasticity",
    basis: "assumed",
    source:
      "Elasticity eta of labour demand to AI investment. No estimate for AI employment was found; 0.5 means that " +
      "doubling a region's investment raises its labour demand by 41% at given wages. It sets how far the " +
      "investment policies (policies.3-5) lift wages: 1 would make demand proportional to investment, 0 would " +
      "leave them only the alpha term.",
  },
];

const REGION_SOURCES: ParameterSource[] = [
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
    CA: ["assumed, tuned", `${RECALIBRATED}; identified by the Canada-US net flow (m01) and CA growth (m13).`],
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
  {
    path: "fx.EUR",
    basis: "assumed",
    source:
      "USD per EUR, fixed: the 2023-24 level of the ECB reference rate (its annual averages were not read for this " +
      "table). One fixed rate keeps the EUR inputs (DE wage, Blue Card threshold, policies.3) on one basis; a rate " +
      "5% off moves Germany's USD wage by 5%, worth 0.03 logit units at beta 0.65.",
  },
  {
    path: "fx.CAD",
    basis: "sourced range",
    source:
      "USD per CAD, fixed. Bank of Canada monthly averages from Jan 2023 to Jun 2024 ran from 1.32 to 1.37 CAD per " +
      "USD, i.e. 0.73-0.76 USD per CAD (via https://taylorleibow.com/canadian-foreign-exchange-and-canadian-prime-" +
      "rates/); 0.73 is inside, at the 2024 end.",
  },
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
    source:
      "Same country and language, but a move of home; the main lever for mobility in a prototype, tuned with " +
      "behavior.considerRate towards about 3% of workers changing region a year (no source for AI workers).",
  },
  {
    path: "movingCost.DE<->CA",
    basis: "assumed",
    source: `${TRANSATLANTIC} No flow of AI workers between Germany and Canada was found; set equal to DE-US.`,
  },
  ...["CA<->SV", "CA<->USR"].map(
    (pair): ParameterSource => ({
      path: `movingCost.${pair}`,
      basis: "assumed, tuned",
      source:
        `${RECALIBRATED}; one value for both US regions, identified by the Canada-US net flow (m01) and young ` +
        "Canadians abroad (m02). A fit with separate costs for each direction found them within 0.03 of each " +
        "other (docs/recalibration.md).",
    }),
  ),
  ...["SV", "USR"].map(
    (us): ParameterSource => ({
      path: `movingCost.DE<->${us}`,
      basis: "assumed",
      source:
        `${TRANSATLANTIC} 13% of the AI PhDs of leading German chairs work in the US a few years later (Stiftung ` +
        "Neue Verantwortung, AI Talent Flows in Germany, 2022, data/sources/flows.csv de_ai_phd_to_us), the " +
        "moment that would identify it; 3 is not fitted to it.",
    }),
  ),
  {
    path: "movingCost.DE<->ROW",
    basis: "assumed",
    source:
      "Below the transatlantic 3: ROW holds the European hubs (Switzerland, Austria, the UK), where most German " +
      "emigrants go (Destatis 2022: 20,000 to Switzerland, 12,000 to Austria, 10,000 to the US). Not fitted: " +
      "the moment that would identify it, AI PhDs of leading German chairs in CH/UK, counts a cohort the model " +
      "does not track (EXCLUDED_MOMENTS).",
  },
  ...["CA", "SV", "USR"].map(
    (r): ParameterSource => ({
      path: `movingCost.${r}<->ROW`,
      basis: "assumed",
      source:
        "ROW mixes far destinations (India, China) with the European hubs, so 2.5 lies between the transatlantic " +
        "3 and the fitted North American 2.08. No flow between this region and ROW was found, and none is a fitted " +
        "moment: the value rests on that ordering alone; a lower one raises return moves to India and China.",
    }),
  ),
];

const VISA_FRICTION: ParameterSource[] = [
  { path: "visaFriction.CA->SV", basis: "assumed", source: TN_FRICTION },
  { path: "visaFriction.CA->USR", basis: "assumed", source: TN_FRICTION },
  { path: "visaFriction.*->SV", basis: "assumed", source: H1B_FRICTION },
  { path: "visaFriction.*->USR", basis: "assumed", source: H1B_FRICTION },
  {
    path: "visaFriction.*->DE",
    basis: "assumed",
    source:
      "Blue Card, about 3 months (meant for non-EU citizens; the baseline " +
      "has no free-movement group, so it applies to every non-German citizen). Ordered by processing time between " +
      "Canada's two weeks (0.2) and the H-1B's six months or more (0.8); the scale is assumed.",
  },
  {
    path: "visaFriction.*->CA",
    basis: "sourced",
    source: "Global Talent Stream: two-week processing, met about 80% of the time.",
  },
  {
    path: "visaFriction.*->ROW",
    basis: "assumed",
    source:
      "ROW admits everyone (visas.ROW.*.rule is open); 0.2, as for Canada's two-week Global Talent Stream, stands " +
      "for the paperwork of any move abroad. A lower value would raise moves to ROW from every region.",
  },
];

const US_RULES: ParameterSource[] = ["SV", "USR"].flatMap((r): ParameterSource[] => [
  {
    path: `visas.${r}.CA.admission`,
    basis: "assumed",
    source:
      "TN status for Canadian citizens: no cap and no lottery, decided at the border on a job offer in a listed " +
      "profession; 0.9 leaves room for refusals, of which no count was found.",
  },
  { path: `visas.${r}.CA.permanence`, basis: "assumed", source: US_PERMANENCE },
  { path: `visas.${r}.IN.rule`, basis: "sourced", source: "H-1B cap lottery." },
  {
    path: `visas.${r}.IN.permanence`,
    basis: "assumed",
    source:
      "Per-country green-card caps: decades of backlog. Of 1.8 million employment-based cases waiting, 1.1 million " +
      "are Indian, and the Cato Institute projects waits of decades for new Indian EB-2 and EB-3 applicants (2023, " +
      "via https://immihelp.com/report-finds-some-green-card-applicants-face-130-year-wait). 0.05, a mean wait of " +
      "20 years, is shorter than those projections; a lower value would raise Indians' exits.",
  },
  { path: `visas.${r}.CN.rule`, basis: "sourced", source: "H-1B cap lottery." },
  {
    path: `visas.${r}.CN.permanence`,
    basis: "assumed",
    source:
      "Per-country green-card caps. China's share of the backlog is far smaller than India's (about 250,000 of 1.8 " +
      "million cases, Cato Institute 2023, via https://immihelp.com/report-finds-some-green-card-applicants-face-" +
      "130-year-wait), so the wait is years, not decades: 0.12 is a mean of 8 years.",
  },
  {
    path: `visas.${r}.*.rule`,
    basis: "sourced",
    source: "H-1B cap lottery (DE, OTHER and any citizenship not listed).",
  },
  { path: `visas.${r}.*.permanence`, basis: "assumed", source: US_PERMANENCE },
]);

const VISAS: ParameterSource[] = [
  {
    path: "visas.DE.*.threshold",
    basis: "sourced",
    source:
      "EU Blue Card 2026 reduced threshold EUR 45,934 (shortage occupations, IT without " +
      "a degree), at 1.08 USD/EUR; standard EUR 50,700; 2025: 48,300 / 43,759.80.",
  },
  {
    path: "visas.DE.*.high",
    basis: "assumed",
    source:
      "69,353 Blue Cards issued in 2023. Above the threshold the Blue Card is granted on a job offer and a " +
      "recognised degree, without a cap; 0.9 leaves 10% for refused recognitions and delays, which were not counted.",
  },
  {
    path: "visas.DE.*.low",
    basis: "assumed",
    source:
      "Chancenkarte route: a points system, one year to find work (Opportunity Card from June 2024, at least 6 " +
      "points, https://handbookgermany.de/en/opportunity-card), then a skilled-worker permit. No success rate was " +
      "found; 0.3 assumes about a third of applicants below the threshold find qualifying work in the year.",
  },
  {
    path: "visas.DE.*.permanence",
    basis: "assumed",
    source:
      "Blue Card settlement after 21-27 months: 21 with B1 German, 27 with A1 (section 18c(2) of the Residence Act, " +
      "via https://immigrationstartguide.com/blog/eu-blue-card-germany-permanent-residency-niederlassungserlaubnis). " +
      "A yearly hazard of 0.45 gives a mean wait of 1/0.45 = 2.2 years, 27 months.",
  },
  {
    path: "visas.CA.*.admission",
    basis: "assumed",
    source:
      "Global Talent Stream: employer-driven, usually at CAD 80k or more; the employer's labour market benefits " +
      "plan is approved in about two weeks (visaFriction.*->CA). 0.9 leaves room for refusals, of which no count " +
      "was found.",
  },
  {
    path: "visas.CA.*.permanence",
    basis: "assumed",
    source:
      "Express Entry: one year of skilled Canadian work qualifies for the Canadian Experience Class, and IRCC aims " +
      "to process 80% of applications within six months (https://immigration.ca/express-entry-skilled-" +
      "immigration/); 0.6 gives a mean wait of 1/0.6 = 1.7 years, one year of work plus invitation and processing.",
  },
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
      `selected of 336,153 beneficiaries). ${RECALIBRATED}; the pre-fee selection rate (m09) identifies it.`,
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
