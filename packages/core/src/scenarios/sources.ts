/**
 * Where every default of the built-in baseline comes from: one entry per parameter path of
 * `scenarios.baseline()`, with its basis and its source (the figures and citations of the
 * project's table of parameters). docs/scenarios.md shows them as a table generated from this
 * list, and a test checks that no numeric default of `behavior` and `regions` goes without an
 * entry.
 * @module
 */

import { RECALIBRATED, REGION_SOURCES } from "./_regionSources";
import { BASELINE_NESTS } from "./baseline";
import { STATUS_SOURCES } from "./_statusSources";

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
    source:
      "Fitted in the previous joint fit (1.509) and held there in the current one (docs/recalibration.md): " +
      "left free it goes to 1.775 (joint SE 0.66) at no better objective, where Canada's own-citizen share " +
      "rises 2.8 points in burn-in and German brain drain falls from 8.7% to 6.3% by 2049. The moments " +
      "(the mobility rate m17, young Canadians abroad m02) do not tell the two values apart.",
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
  {
    path: "behavior.nests.US.lambda",
    basis: "assumed",
    source:
      "Dissimilarity of the US nest {SV, USR} (nested logit): 1 - lambda^2 = 0.75 is the correlation of the two " +
      "regions' taste shocks. Nested and cross-nested logit studies of destination choice reject independence " +
      "between close destinations (Falaris, 'A nested logit migration model with selectivity', International " +
      "Economic Review, 1987, https://doi.org/10.2307/2526735; Beine, Bierlaire & Docquier, LISER WP 2021-01, " +
      "https://ideas.repec.org/p/irs/cepswp/2021-01.html), but no estimate for SV against the rest of the US was " +
      "found and their figures were not read for this table. 0.5 is the middle of (0, 1]: a better SV then draws " +
      "from USR 1 + (1/lambda - 1) / P(US) times what the logit would, at least twice; 1 restores independence. " +
      "Unfitted: a candidate for the sensitivity analysis over about 0.3-1.",
  },
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
      "The selections a year that go to the modelled AI pool: in the model every winner can start, so the cap " +
      "stands for USCIS's selections (118,660 in FY2026, 1.40 times the 85,000 = 65,000 + 20,000 it must fill), " +
      "and the model's pool (graduates of US universities waiting in place plus hires from abroad) stands for the " +
      "336,153 registered beneficiaries; the fitted cap is 118,660 times the AI pool's share of the registrants, " +
      "so that a draw without the fee selects 0.353 of the model's pool, the FY2026 rate. " +
      `${RECALIBRATED}; the pre-fee selection rate (m09) identifies it.`,
  },
  {
    path: "lotteries.US-H1B.graduates.share",
    basis: "assumed",
    source:
      "Share of the US regions' entrants under the H-1B rule (non-citizens other than Canadians, who use TN status) " +
      "who are graduates of US universities on OPT and need the lottery for their first job; the others start " +
      "with cap-exempt employers (universities, research institutes) or other visas (L-1, O-1). No count of AI " +
      "hires by route was found. Bounds: in FY2019, 50.4% of cap petitions claimed the US master's exemption " +
      "(94,213 regular, 95,885 master's; USCIS via Foley Hoag), before counting US bachelor's graduates; about " +
      "two-thirds of AI graduate students in the US are foreign-born and over 80% of international US-trained AI " +
      "PhDs stay (CSET, Zwetsloot et al. 2019). Varied from 0.5 to 0.8 in docs/alliance.md's sensitivity analysis.",
  },
  {
    path: "lotteries.US-H1B.graduates.years",
    basis: "sourced",
    source:
      "Post-completion OPT: 12 months plus the 24-month STEM extension (DHS final rule, 81 FR 13039, 11 Mar " +
      "2016), so a STEM graduate has three March registrations before its OPT ends; cap-gap (8 CFR " +
      "214.2(f)(5)(vi)) carries a selected graduate to its 1 October start.",
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
    ...STATUS_SOURCES,
    ...LOTTERIES,
    ...POLICIES,
  ].map((p) => Object.freeze(p)),
);

const BY_PATH: ReadonlyMap<string, ParameterSource> = new Map(PARAMETER_SOURCES.map((p) => [p.path, p]));

/**
 * The basis and source of a baseline parameter path, or undefined when none is recorded.
 * Looks up the path itself; then, for a one-way moving cost `movingCost.A->B`, the two-way key
 * `movingCost.A<->B` (or `B<->A`) that sets it; then the nearest enclosing path that has an
 * entry, so a share of a mix (`regions.DE.entrantCitizenship.IN`) has the source of its mix. A
 * nest named by its index (`behavior.nests.0.lambda`) is looked up by its name.
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
  const nest = /^behavior\.nests\.(\d+)\.(.+)$/.exec(path);
  const nestName = nest ? BASELINE_NESTS[Number(nest[1])]?.name : undefined;
  if (nest && nestName !== undefined) return BY_PATH.get(`behavior.nests.${nestName}.${nest[2]}`);
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
