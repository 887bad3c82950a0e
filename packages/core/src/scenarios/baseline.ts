import { assertKnownKeys } from "../_knownKeys";
import type { Lottery, Nest, Policy, Region, Scenario, VisaRule } from "../scenario/types";
import { cloneScenario } from "../scenario/withPolicies";

/**
 * The baseline's nests: SV and the rest of the US are close substitutes, so their taste shocks
 * are correlated (docs/model.md 3.3.4; lambda assumed, docs/scenarios.md#parameters).
 */
export const BASELINE_NESTS: readonly Readonly<Nest>[] = [{ name: "US", regions: ["SV", "USR"], lambda: 0.5 }];

/** Exchange rates, USD per unit (assumed; data/parameters.csv, rows `fx.*`). */
const EUR = 1.08;
const CAD = 0.73;

/** Options of the built-in scenarios. */
export interface ScenarioOptions {
  /** Number of agents (default: one agent per person, 477,600). */
  agents?: number;
  /** Reported years (default 10: 2026-2036). */
  years?: number;
  /** Burn-in years run before 2026 and not reported (default 2). */
  burnInYears?: number;
}

/** The keys of {@link ScenarioOptions}; any other is refused. @internal */
export const SCENARIO_OPTION_KEYS: readonly (keyof ScenarioOptions)[] = ["agents", "years", "burnInYears"];

// Sources: every figure below has its source in docs/scenarios.md; `src/scenarios/sources.ts`
// carries each one's basis and source, and docs/scenarios.md is generated from it.

function region(fields: Region): Region {
  return fields;
}

/** Visa rule helpers: the fields every rule has, with defaults that say "no fee, no permanence". */
function rule(r: Partial<VisaRule> & Pick<VisaRule, "rule">): VisaRule {
  return { permanent: false, permanence: 0, fee: 0, ...r } as VisaRule;
}

/** Citizenships whose US hires go through H-1B petitions (Canadians use TN status). */
const H1B_CITIZENSHIPS = ["DE", "IN", "CN", "OTHER"];

const H1B: Lottery = {
  regions: ["SV", "USR"],
  // Selections per year that go to the modelled AI pool: USCIS's selections (118,660 for FY2026, which
  // fill the 85,000 = 65,000 + 20,000 cap) times the AI pool's share of the registrants. Fitted with
  // the other tuned parameters by `pnpm recalibrate` (docs/recalibration.md), so that the pre-fee
  // draw selects about 0.353 of the model's pool (m09).
  cap: 2664,
  // Uniform before the wage-weighted rule; the baseline switches it on from the March 2026 draw.
  weighted: false,
  period: 0, // the registration and draw in March: the first quarter
  startDelay: 3, // employment starts on 1 October: the fourth quarter
  initialSelectionRate: 0.353, // USCIS FY2026: 118,660 selected of 336,153 (data/targets.csv)
  // US-university graduates on OPT wait for the lottery in place for up to three March draws (docs/model.md
  // 3.3.12); the share of the US entrants under the H-1B rule who do is assumed (data/parameters.csv).
  graduates: { share: 0.65, years: 3 },
};

/**
 * The US rules for every citizenship that needs a petition (IN, CN, OTHER, DE). H-1B status runs
 * 3 + 3 = 6 years; beyond them only those in the green-card queue extend it (AC21 sections 104(c)
 * and 106(a)), which is the renewal chance. TN status runs 3 years and renews without limit.
 */
function usRules(): Record<string, VisaRule> {
  const lottery = (permanence: number, renewal: number) =>
    rule({ rule: "lottery", pool: "US-H1B", permanence, duration: 6, renewal });
  return {
    CA: rule({ rule: "probability", admission: 0.9, permanence: 0.3, duration: 3, renewal: 0.9 }), // TN status
    IN: lottery(0.05, 0.9), // per-country green-card caps: decades of backlog, nearly all in the queue
    CN: lottery(0.12, 0.9),
    "*": lottery(0.3, 0.5),
  };
}

/**
 * The status quo of 2026: the September 2025 US fee for new H-1B petitions in force, the H-1B
 * lottery with the wage-weighted rule from the March 2026 draw, the EU Blue Card threshold of
 * 2026, Canada's Global Talent Stream, and enacted national AI budgets as investment paths.
 * Runs 2026-2036 after two years of burn-in, one agent per person.
 *
 * @example
 * const base = scenarios.baseline({ agents: 50_000 });
 * base.regions.DE.initialStock // => 65200 (people; agents only set the scale)
 */
export function baseline(options: ScenarioOptions = {}): Scenario {
  assertKnownKeys(options, SCENARIO_OPTION_KEYS, "scenarios.baseline");
  const scenario: Scenario = {
    model: "talentflow/1",
    name: "baseline",
    description:
      "Status quo of 2026: US H-1B fee and wage-weighted lottery, " +
      "EU Blue Card, Global Talent Stream, enacted AI budgets.",
    startYear: 2026,
    years: options.years ?? 10,
    periodsPerYear: 4,
    burnInYears: options.burnInYears ?? 2,
    fx: { EUR, CAD },
    behavior: {
      beta: 0.65,
      alpha: 0.15,
      gamma: 0.3,
      homeBias: 1.509, // held at the previous fit's value (docs/recalibration.md: the baseline's drift)
      considerRate: 0.25,
      languagePenalty: 1.5,
      ageCost: 0.03,
      tempPenalty: 1.3,
      exitRate: 0.03,
      entryAge: 25,
      retirementAge: 65,
      initialAgeMedian: 35,
      feeAdmissionFactor: 0.5,
      delayCost: 0.5,
      wageElasticity: 2,
      demandElasticity: 0.5,
      nests: BASELINE_NESTS.map((nest) => ({ ...nest, regions: [...nest.regions] })),
    },
    citizenships: {
      DE: { home: "DE", network: 1, german: true },
      CA: { home: "CA", network: 1 },
      US: { home: "USR", network: 1 },
      IN: { home: "ROW", network: 1 },
      CN: { home: "ROW", network: 1 },
      OTHER: { home: "ROW", network: 0.5 }, // gamma 0.15 for OTHER: many small networks
    },
    regions: {
      DE: region({
        country: "DE",
        initialStock: 65_200, // core definition (docs/data-sources.md): ZEW 2019 x ICT growth to 2024
        grossWage: 66_432 * EUR, // base salary, ML/data-science median (gehalt.de, EUR 5,536 a month x 12)
        skillReturn: 0.3,
        taxRate: 0.4,
        costOfLiving: 0.65,
        investment: 1.9,
        amenity: -0.035, // fitted (pnpm recalibrate, docs/recalibration.md)
        researchEcosystem: 0.2,
        englishJobShare: 0.4,
        demandGrowth: 0.02,
        entrants: 7094, // fitted: DE growth 2014-2024 (m15)
        // Non-German citizens 15% of ICT employees (BA 2024); the split among them is assumed.
        entrantCitizenship: { DE: 0.85, IN: 0.048, CN: 0.03, OTHER: 0.072 },
        initialCitizenship: { DE: 0.85, IN: 0.048, CN: 0.03, OTHER: 0.072 },
        entrySkillMean: 0,
        germanShare: 0.3,
        researcherShare: 0.15,
        temporaryShare: 0.4,
      }),
      CA: region({
        country: "CA",
        initialStock: 54_000, // core definition: 150,000 in the AI sector x Germany's core/broad ratio 50/139
        grossWage: 95_992 * CAD, // base salary, national median of data scientists (ESDC)
        skillReturn: 0.35,
        taxRate: 0.33,
        costOfLiving: 0.68,
        investment: 1.6,
        amenity: -0.908, // held at the previous fit's value (docs/recalibration.md)
        researchEcosystem: 0.3,
        englishJobShare: 1,
        demandGrowth: 0.02,
        entrants: 7040, // fitted: CA growth 2023-2024 (m13)
        // Immigrants 55% of software engineers and designers (2021 Census); the split among them is assumed.
        entrantCitizenship: { CA: 0.45, IN: 0.206, CN: 0.11, OTHER: 0.234 },
        initialCitizenship: { CA: 0.45, IN: 0.206, CN: 0.11, OTHER: 0.234 },
        entrySkillMean: 0,
        germanShare: 0.02,
        researcherShare: 0.15,
        temporaryShare: 0.4,
      }),
      SV: region({
        country: "US",
        initialStock: 52_200, // core definition: 27% of US core AI workers (CSET, BLS OEWS)
        grossWage: 139_600, // base salary: San Jose software developers x national data-scientist/developer ratio
        skillReturn: 0.55,
        taxRate: 0.38,
        costOfLiving: 1,
        investment: 55,
        amenity: 0.414, // fitted (pnpm recalibrate, docs/recalibration.md)
        researchEcosystem: 0.4,
        englishJobShare: 1,
        demandGrowth: 0.03,
        entrants: 3560.04, // fitted: 0.0682 per US worker (SV and USR growth, m14 and m14b; SV share of US AI, m16)
        // Foreign-born 66%, India 23%, China 18% (Silicon Valley Index 2025); Germans abroad as derived in
        // docs/data-sources.md; Canadians assumed.
        entrantCitizenship: { US: 0.34, IN: 0.23, CN: 0.18, OTHER: 0.2108, DE: 0.0192, CA: 0.02 },
        initialCitizenship: { US: 0.34, IN: 0.23, CN: 0.18, OTHER: 0.2108, DE: 0.0192, CA: 0.02 },
        entrySkillMean: 0.3,
        germanShare: 0.02,
        researcherShare: 0.08,
        temporaryShare: 0.5,
      }),
      USR: region({
        country: "US",
        initialStock: 141_200, // core definition: 73% of US core AI workers
        grossWage: 112_590, // base salary: BLS national median of data scientists, May 2024
        skillReturn: 0.45,
        taxRate: 0.3,
        costOfLiving: 0.75,
        investment: 54,
        amenity: 0,
        researchEcosystem: 0.3,
        englishJobShare: 1,
        demandGrowth: 0.03,
        entrants: 9629.84, // fitted: 0.0682 per US worker, as SV
        // CA 0.02: Canadian graduates hired straight into US jobs (assumed); DE: Germans abroad as derived in
        // docs/data-sources.md.
        entrantCitizenship: { US: 0.63, IN: 0.15, CN: 0.08, OTHER: 0.1076, CA: 0.02, DE: 0.0124 },
        initialCitizenship: { US: 0.63, IN: 0.15, CN: 0.08, OTHER: 0.1076, CA: 0.02, DE: 0.0124 },
        entrySkillMean: 0.1,
        germanShare: 0.02,
        researcherShare: 0.08,
        temporaryShare: 0.5,
      }),
      ROW: region({
        country: "ROW",
        initialStock: 165_000, // core definition, rough: Element AI's world count minus the four markets
        grossWage: 25_000,
        skillReturn: 0.5,
        taxRate: 0.25,
        costOfLiving: 0.35,
        investment: 6,
        amenity: 0,
        researchEcosystem: 0,
        englishJobShare: 0.8,
        demandGrowth: 0.03,
        entrants: 8336, // fitted: ROW growth (m26)
        // DE: Germans working in the European hubs, as derived in docs/data-sources.md.
        entrantCitizenship: { IN: 0.35, CN: 0.25, OTHER: 0.3847, DE: 0.0153 },
        initialCitizenship: { IN: 0.35, CN: 0.25, OTHER: 0.3847, DE: 0.0153 },
        entrySkillMean: -0.4, // tuned by hand (a prototype had -0.1): top researchers abroad (data/targets.csv)
        germanShare: 0.02,
        researcherShare: 0.1,
        temporaryShare: 0,
      }),
    },
    movingCost: {
      "SV<->USR": 1.8,
      "DE<->CA": 3.0,
      // One value for both US regions, fitted (pnpm recalibrate) to the Canada-US net flow (m01) and
      // young Canadians abroad (m02).
      "CA<->SV": 1.418,
      "CA<->USR": 1.418,
      "DE<->SV": 3.0,
      "DE<->USR": 3.0,
      "DE<->ROW": 2.5,
      "CA<->ROW": 2.5,
      "SV<->ROW": 2.5,
      "USR<->ROW": 2.5,
    },
    visaFriction: {
      "CA->SV": 0.3, // TN status
      "CA->USR": 0.3,
      "*->SV": 0.8, // H-1B process, 6-18 months
      "*->USR": 0.8,
      "*->DE": 0.4, // Blue Card, about 3 months
      "*->CA": 0.2, // Global Talent Stream, two-week processing met ~80% of the time
      "*->ROW": 0.2,
    },
    visas: {
      DE: {
        // EU Blue Card: 2026 reduced threshold EUR 45,934 (shortage occupations, IT without a degree).
        "*": rule({
          rule: "threshold",
          threshold: 45_934 * EUR,
          high: 0.9,
          low: 0.3,
          permanence: 0.45,
          duration: 4, // a Blue Card is issued for at most four years
          renewal: 0.9,
        }),
      },
      CA: {
        // Global Talent Stream: employer-driven, usually at CAD 80k or more.
        // Work permits run up to three years; those who applied for permanent residence get a
        // bridging open work permit, others a new LMIA-based permit.
        "*": rule({ rule: "probability", admission: 0.9, permanence: 0.6, duration: 3, renewal: 0.8 }),
      },
      SV: usRules(),
      USR: usRules(),
      ROW: { "*": rule({ rule: "open", permanent: true }) },
    },
    lotteries: { "US-H1B": H1B },
    freeMovement: [],
    policies: baselinePolicies(),
  };
  if (options.agents !== undefined) scenario.agents = options.agents;
  // A deep copy: the literal above shares module constants (H1B, H1B_CITIZENSHIPS), and a
  // caller who changes one result must not change the next.
  return cloneScenario(scenario);
}

/** Budgets spread evenly over their years, in USD billion per year. */
function perYear(total: number, currency: number, years: number): number {
  return (total * currency) / years;
}

function baselinePolicies(): Policy[] {
  return [
    {
      kind: "visaRegime",
      label: "US fee of USD 100,000 per new H-1B petition for hires abroad (Proclamation of 19 Sep 2025)",
      region: "SV",
      fee: 100_000,
      citizenships: H1B_CITIZENSHIPS, // H-1B petitions only: TN for Canadians is not affected
      from: 2025.72,
    },
    {
      kind: "visaRegime",
      label: "US fee of USD 100,000 per new H-1B petition for hires abroad (Proclamation of 19 Sep 2025)",
      region: "USR",
      fee: 100_000,
      citizenships: H1B_CITIZENSHIPS, // H-1B petitions only: TN for Canadians is not affected
      from: 2025.72,
    },
    {
      kind: "visaRegime",
      label: "Wage-weighted H-1B selection from the March 2026 draw (final rule of 29 Dec 2025)",
      region: "SV",
      weighted: true,
      from: 2026,
    },
    {
      kind: "investment",
      label: "Germany: 1000 Koepfe Plus, EUR 0.6bn over 2026-29",
      region: "DE",
      amount: perYear(0.6, EUR, 4),
      from: 2026,
      until: 2030,
    },
    {
      kind: "investment",
      label: "Canada: Budget 2024 AI measures, CAD 2.4bn (of which CAD 2bn compute) over 2024-28",
      region: "CA",
      amount: perYear(2.4, CAD, 5),
      from: 2024,
      until: 2029,
    },
    {
      kind: "investment",
      label: "Canada: Budget 2025 AI talent, CAD 1.7bn (CAD 1bn for chairs over 13 years)",
      region: "CA",
      amount: perYear(1.7, CAD, 13),
      from: 2026,
      until: 2039,
    },
  ];
}
