/**
 * The scenario: plain, JSON-able data that describes one world to simulate. Field names are a
 * contract: sweep paths (`behavior.beta`, `regions.DE.taxRate`, `movingCost.DE->CA`,
 * `lotteries.US-H1B.cap`), custom policies, scenario files and the JSON Schema all use them.
 * @module
 */

/** Behavioural parameters shared by every agent (docs/model.md 3.3). */
export interface Behavior {
  /** Logit units per log of net real income (beta). Ortega & Peri 2013: flow elasticity ~0.6-0.7. */
  beta: number;
  /** Logit units per log of AI investment per skill-weighted worker (alpha). */
  alpha: number;
  /** Logit units per log(1 + thousands of compatriots) abroad (gamma), times the citizenship's `network`. */
  gamma: number;
  /** Logit bonus for working in one's home region (H): drives return migration. */
  homeBias: number;
  /** Yearly rate at which an agent looks around; the chance per period is 1 - exp(-rate / periodsPerYear). */
  considerRate: number;
  /**
   * Share of entrants who choose their first job among all regions (docs/model.md 3.3.12): they
   * look around in the period after they enter, with the decision rule of everyone (staying is
   * taking the first job where they trained; elsewhere needs that region's admission). The rest
   * look around at `considerRate` from their entry, like everyone. Absent: 0.
   */
  firstJobChoice?: number;
  /** Logit penalty for a non-German speaker where no job is open to English speakers (lambdaLang). */
  languagePenalty: number;
  /** Logit cost of moving per year of age over 30 (nu). */
  ageCost: number;
  /** Logit penalty for holding a temporary status in the destination. */
  tempPenalty: number;
  /** Yearly hazard of leaving the field (any age). */
  exitRate: number;
  /** Age of entrants, years. */
  entryAge: number;
  /** Age at which everyone exits, years. */
  retirementAge: number;
  /** Median age of the initial population, years (between entryAge and retirementAge). */
  initialAgeMedian: number;
  /** Multiplier on admission per USD 100,000 of employer-paid fee, for hires from abroad. */
  feeAdmissionFactor: number;
  /** Logit units of friction per year of processing delay (added to visa friction phi). */
  delayCost: number;
  /**
   * Wage elasticity epsilon > 0: wages fall by 1/epsilon times the log excess supply. `Infinity` switches labour-market
   * feedback off.
   */
  wageElasticity: number;
  /** Elasticity eta of labour demand to AI investment. */
  demandElasticity: number;
  /**
   * Nests of close substitutes (nested logit, docs/model.md 3.3.4): the taste shocks of the
   * regions of one nest are correlated, with dissimilarity `lambda` (1 = independent, the plain
   * logit). Regions in no nest keep independent shocks. Absent or empty: no nesting.
   */
  nests?: Nest[];
}

/**
 * A nest of regions whose taste shocks are correlated (docs/model.md 3.3.4).
 *
 * @example
 * const us: Nest = { name: "US", regions: ["SV", "USR"], lambda: 0.5 };
 */
export interface Nest {
  /** Name of the nest, a code; its parameter path is `behavior.nests.<name>.lambda`. */
  name: string;
  /** The regions of the nest: at least two, each in at most one nest. */
  regions: string[];
  /**
   * Dissimilarity parameter in (0, 1]: 1 - lambda^2 is the correlation of two members' shocks;
   * 1 makes the nest no nest at all.
   */
  lambda: number;
}

/** Where a citizenship belongs and how much its diaspora network matters. */
export interface Citizenship {
  /** Region its citizens grow up in; the citizenship's country is that region's country. */
  home: string;
  /** Weight on gamma for this citizenship's diaspora network (1 = full). */
  network: number;
  /** Do its citizens speak German (no language barrier where jobs need German)? Default false. */
  german?: boolean;
}

/** Shares over citizenships, summing to 1. */
export type Shares = Record<string, number>;

/** One labour market. Money in USD per year at the scenario's exchange rates. */
export interface Region {
  /** Country the region belongs to: moves within a country need no admission. */
  country: string;
  /** People working in AI in the region at the start. */
  initialStock: number;
  /** Gross wage of a worker of average skill (z = 0), USD per year. */
  grossWage: number;
  /** Return to skill sigma: log wage per standard deviation of skill (Roy model). */
  skillReturn: number;
  /** Income tax rate, in [0, 1). */
  taxRate: number;
  /** Cost-of-living index (Silicon Valley = 1). */
  costOfLiving: number;
  /** Yearly AI investment, USD billion. */
  investment: number;
  /** Amenity A_j, logit units (normalisation: 0). */
  amenity: number;
  /** Research ecosystem Rsch_j: logit units, for researchers only. */
  researchEcosystem: number;
  /** Share e_j of jobs open to English speakers, in [0, 1]. */
  englishJobShare: number;
  /** Trend growth of labour demand g_j, per year. */
  demandGrowth: number;
  /** Entrants (new graduates and direct hires) per year, people. */
  entrants: number;
  /** Citizenship mix of entrants. */
  entrantCitizenship: Shares;
  /** Citizenship mix of the initial population. */
  initialCitizenship: Shares;
  /** Mean skill of entrants and of the initial population, in standard deviations. */
  entrySkillMean: number;
  /** Share of non-German citizens who work in German. */
  germanShare: number;
  /** Share of researchers (vs engineers). */
  researcherShare: number;
  /** Share of non-citizens holding a temporary status at the start. */
  temporaryShare: number;
}

/** Admission rule for a citizenship entering a region from abroad. */
export type VisaRule = OpenRule | ProbabilityRule | ThresholdRule | LotteryRule;

/** Fields every visa rule has. */
export interface VisaRuleBase {
  /** Does admission grant permanent residence at once (no temporary status)? */
  permanent: boolean;
  /** Yearly hazard at which a temporary status becomes permanent in this region's country. */
  permanence: number;
  /** Employer-paid fee for a hire from abroad, USD (0: none). Changes of status inside the country are exempt. */
  fee: number;
  /**
   * Years a temporary status granted under this rule runs before it expires (docs/model.md
   * 3.3.9); absent or 0: it never expires. At expiry the holder renews with probability
   * `renewal`, else must leave the country.
   */
  duration?: number;
  /** Probability that an expiring temporary status is renewed for another `duration` (0 if absent). */
  renewal?: number;
}

/** Everyone is admitted. */
export interface OpenRule extends VisaRuleBase {
  rule: "open";
}

/** Admitted with a fixed probability. */
export interface ProbabilityRule extends VisaRuleBase {
  rule: "probability";
  /** Probability of admission, in [0, 1]. */
  admission: number;
}

/** Salary threshold (EU Blue Card): `high` if the gross wage meets the threshold, else `low`. */
export interface ThresholdRule extends VisaRuleBase {
  rule: "threshold";
  /** Gross yearly salary threshold, USD. */
  threshold: number;
  /** Admission probability at or above the threshold. */
  high: number;
  /** Admission probability below the threshold. */
  low: number;
}

/** A capped lottery (US H-1B): the applicant waits in the pool of `pool`. */
export interface LotteryRule extends VisaRuleBase {
  rule: "lottery";
  /** Name of the lottery in `lotteries`. */
  pool: string;
}

/** A capped yearly lottery shared by several regions (US H-1B for SV and USR). */
export interface Lottery {
  /** Regions whose hires enter this lottery. */
  regions: string[];
  /** Winners per year, people. */
  cap: number;
  /** Wage-weighted selection (wage levels I-IV get 1-4 entries) instead of uniform. */
  weighted: boolean;
  /** Index of the draw's period within the year (0 = the period that contains January 1). */
  period: number;
  /** Periods from the draw to the start of employment, when winners move. */
  startDelay: number;
  /** Selection probability agents anticipate before the first draw. */
  initialSelectionRate: number;
  /**
   * Graduates of the regions' universities who need this lottery for their first job (docs/model.md
   * 3.3.12): entrants who wait in the pool in place, for at most `years`. Absent: entrants never
   * enter the lottery.
   */
  graduates?: LotteryGraduates;
}

/** The graduates of a lottery's regions who need the lottery for their first job. */
export interface LotteryGraduates {
  /**
   * Share of the entrants of the lottery's regions whose rule there is this lottery (non-citizens
   * who are not free movers) who are graduates waiting for it in place; the others entered by
   * routes without the lottery (cap-exempt employers, other visas).
   */
  share: number;
  /** Years a graduate may wait in the pool before its status ends (post-completion OPT with the STEM extension: 3). */
  years: number;
}

/** Calendar window and optional linear ramp of a policy. */
export interface PolicyWindow {
  /** Calendar time the policy starts (fractional years: 2026.12 is 14 February 2026). */
  from: number;
  /** Calendar time the policy ends (exclusive); absent: never. */
  until?: number;
  /** Years over which the policy phases in linearly from `from` (0: at once). */
  rampYears?: number;
  /** A label for tables and reports. */
  label?: string;
}

/** Research cooperation: partners' research ecosystems up, moving costs between partners down. */
export interface ResearchCooperationPolicy extends PolicyWindow {
  kind: "researchCooperation";
  partners: string[];
  /** Added to each partner's research ecosystem (logit units, for researchers). */
  ecosystemBoost: number;
  /** Subtracted from the moving cost between any two partners (logit units). */
  movingCostCut: number;
  /** Does the moving-cost cut apply to researchers only? */
  researchersOnly: boolean;
}

/** Economic cooperation: AI investment in the partners up. */
export interface EconomicCooperationPolicy extends PolicyWindow {
  kind: "economicCooperation";
  partners: string[];
  /** Added yearly investment per partner, USD billion (one number for all, or per partner). */
  investment: number | Record<string, number>;
}

/**
 * Regulatory alignment (mutual recognition of certified AI systems): each partner's investment
 * rises by investmentElasticity × certifiedShare × assessmentCost × exportShare, the second
 * conformity assessment saved (docs/model.md, "Policies of the alliance").
 */
export interface RegulatoryAlignmentPolicy extends PolicyWindow {
  kind: "regulatoryAlignment";
  partners: string[];
  /** Share of AI investment in systems that need a conformity assessment (high-risk systems), in [0, 1]. */
  certifiedShare: number;
  /** Cost of one conformity assessment as a share of the system's investment, in [0, 1]. */
  assessmentCost: number;
  /** Share of a partner's certified systems also sold in the other partners: one number, or per partner. */
  exportShare: number | Record<string, number>;
  /** Relative rise of investment per relative fall of its cost (0 to 10). */
  investmentElasticity: number;
  /** Subtracted from visa friction between partners (logit units), not below 0; recognition itself: 0. */
  frictionCut: number;
}

/** Talent exchange: easier admission between partners, optional yearly slots. */
export interface TalentExchangePolicy extends PolicyWindow {
  kind: "talentExchange";
  partners: string[];
  /** Share of the refusal probability removed for moves between partners: pi' = pi + (1 - pi) * boost. */
  admissionBoost: number;
  /** Subtracted from visa friction between partners (logit units), not below 0. */
  frictionCut: number;
  /**
   * Yearly places (people) per destination partner (0: none): an admission route that eligible
   * applicants try before the destination's rule, those without a place falling back on the rule.
   */
  slots: number;
}

/** A region's rules for a group of citizenships. */
export interface VisaRegimePolicy extends PolicyWindow {
  kind: "visaRegime";
  region: string;
  /** Citizenships affected (default: every citizenship that needs admission there). */
  citizenships?: string[];
  /** Replace the rule kind and its fields. */
  rule?: VisaRule;
  /** Set the salary threshold (USD) of threshold rules. */
  threshold?: number;
  /** Set the employer-paid fee for hires from abroad (USD). */
  fee?: number;
  /** Set the yearly cap (people) of the lottery these rules use. */
  cap?: number;
  /** Switch the lottery of these rules to wage-weighted (true) or uniform (false). */
  weighted?: boolean;
  /** Processing delay in months: adds `delayCost * months / 12` to visa friction. */
  processingMonths?: number;
}

/** A region admits holders of a temporary status elsewhere (Canada's 2023 permit for H-1B holders). */
export interface OpenWorkPermitPolicy extends PolicyWindow {
  kind: "openWorkPermit";
  region: string;
  /** Regions whose temporary-status holders are eligible. */
  holdersIn: string[];
  /** Places, people: per year if `perYear`, else in total over the window. */
  places: number;
  perYear: boolean;
  /** Does the permit grant permanent residence at once? */
  permanent: boolean;
}

/** A region's investment path. */
export interface InvestmentPolicy extends PolicyWindow {
  kind: "investment";
  region: string;
  /** Added yearly investment, USD billion. */
  amount: number;
}

/** Share of jobs open to English speakers. */
export interface LanguageAccessPolicy extends PolicyWindow {
  kind: "languageAccess";
  region: string;
  /** New share of English-open jobs (at full ramp). */
  englishJobShare: number;
}

/** Lower tax for newcomers or returnees for some years. */
export interface TaxIncentivePolicy extends PolicyWindow {
  kind: "taxIncentive";
  region: string;
  /** Tax rate reduction (0.1 = ten points lower), for the first `years` after arrival. */
  reduction: number;
  years: number;
  /** Who benefits: migrants (non-citizens), returning citizens, or both. */
  target: "newcomers" | "returnees" | "both";
}

/** Any numeric parameter by path, as a mathjs expression of `year`, `t` and `base`. */
export interface CustomPolicy extends PolicyWindow {
  kind: "custom";
  /** Dotted path of a numeric scenario field, e.g. `regions.DE.investment`. */
  path: string;
  /** Expression, e.g. `base * (1 + 0.05 * (year - 2026))`. */
  expression: string;
}

/** A policy: a change of parameters over a calendar window. */
export type Policy =
  | ResearchCooperationPolicy
  | EconomicCooperationPolicy
  | RegulatoryAlignmentPolicy
  | TalentExchangePolicy
  | VisaRegimePolicy
  | OpenWorkPermitPolicy
  | InvestmentPolicy
  | LanguageAccessPolicy
  | TaxIncentivePolicy
  | CustomPolicy;

/** The kinds of built-in policies. */
export type PolicyKind = Policy["kind"];

/** A complete scenario: the data a run is made of. */
export interface Scenario {
  /** Model version, `talentflow/1`. */
  model: "talentflow/1";
  /** Scenario name, used in rows and keys. */
  name: string;
  /** A sentence on what the scenario is. */
  description?: string;
  /** Calendar year of the first reported period. */
  startYear: number;
  /** Reported horizon in years. */
  years: number;
  /** Periods per year (4: quarters). */
  periodsPerYear: number;
  /** Number of agents; absent: one agent per person. Fewer sets scale = people / agents. */
  agents?: number;
  /** Years of baseline run before startYear, not reported. */
  burnInYears: number;
  /** Exchange rates: USD per unit of currency. */
  fx: Record<string, number>;
  behavior: Behavior;
  citizenships: Record<string, Citizenship>;
  regions: Record<string, Region>;
  /** Moving costs kappa in logit units: `"DE->CA"` one way, `"DE<->CA"` both ways. Missing pairs cost 0. */
  movingCost: Record<string, number>;
  /** Visa friction phi in logit units, `"CITIZENSHIP->REGION"`; `"*->REGION"` for every non-citizen. */
  visaFriction: Record<string, number>;
  /** Admission rules: `visas[region][citizenship]`, `"*"` for any citizenship not listed. */
  visas: Record<string, Record<string, VisaRule>>;
  lotteries: Record<string, Lottery>;
  /** Country groups whose citizens move freely between each other's countries. */
  freeMovement: string[][];
  policies: Policy[];
}

/** A deep-partial of T, for overrides. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
