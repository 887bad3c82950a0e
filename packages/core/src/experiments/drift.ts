/**
 * How far a scenario's starting state is from what the model sustains: each region's stock and
 * share of its own citizens, and each citizenship's brain drain, at the start of burn-in, at the
 * end of burn-in and after a long run under the scenario's own policies.
 * @module
 */
import { unknownKeyIssues } from "../_knownKeys";
import { Issues, showValue } from "../_issues";
import { meanField } from "../meanField/index";
import type { MeanFieldOptions } from "../meanField/index";
import type { TidyRow } from "../observe/rows";
import { simulate } from "../simulate";
import type { Scenario } from "../scenario/types";
import { assertValidScenario } from "../scenario/validate";

/** Options of {@link burnInDrift}. */
export interface DriftOptions {
  /** Length of the long run in years, counted from the start of burn-in; > burnInYears. Default 25. */
  readonly years?: number;
  /** `"meanField"` (default: deterministic, about a second) or `"abm"` (the agents, averaged over replications). */
  readonly method?: "meanField" | "abm";
  /** ABM only: replications (runs with seeds (seed, r)), whole number >= 1; default 2. */
  readonly replications?: number;
  /** ABM only: master seed; default 1. */
  readonly seed?: number | string;
  /** meanField only: its options (skill bins, age bands, quadrature nodes). */
  readonly meanField?: MeanFieldOptions;
}

/** A quantity at three times: the start of burn-in, the end of burn-in, the end of the long run. */
export interface DriftValues {
  /** At the start of burn-in: the scenario's stated initial state (for `times`, its calendar year). */
  readonly start: number;
  /** At the end of burn-in's last period, where the scenario's report begins. */
  readonly burnIn: number;
  /** At the end of the long run's last period. */
  readonly longRun: number;
}

/** The drift of one region. */
export interface RegionDrift {
  readonly region: string;
  /** People working in the region. */
  readonly stock: DriftValues;
  /** Compound growth of the stock per year, over burn-in and over the long run (0.05 = 5% a year). */
  readonly growthPerYear: { readonly burnIn: number; readonly longRun: number };
  /** Share of the region's workers who are citizens of its country (0 while the region is empty). */
  readonly ownCitizenShare: DriftValues;
}

/** The drift of one citizenship's brain drain. */
export interface CitizenshipDrift {
  readonly citizenship: string;
  /** Share of the citizenship's workers working outside its country (0 without citizens, as in the rows). */
  readonly brainDrain: DriftValues;
}

/** The result of {@link burnInDrift}. */
export interface DriftResult {
  readonly method: "meanField" | "abm";
  /** ABM: the replications averaged; meanField: 1. */
  readonly replications: number;
  /** Calendar times of the three columns: start of burn-in, end of burn-in (= startYear), end of the long run. */
  readonly times: DriftValues;
  readonly regions: RegionDrift[];
  readonly citizenships: CitizenshipDrift[];
}

const OPTION_KEYS: readonly (keyof DriftOptions)[] = ["years", "method", "replications", "seed", "meanField"];

/**
 * Measures how far a scenario drifts from its starting state. The scenario is run from the start
 * of its burn-in (startYear − burnInYears) for `years`, with every period reported: the same
 * calendar and policies (the reported rows are identical to the scenario's own run), only
 * nothing is hidden. `start` is the scenario's stated initial state (initial stocks and
 * citizenship mixes); `burnIn` is the end of the burn-in's last period, where the scenario's
 * report begins; `longRun` the end of the last period.
 *
 * @throws ValidationError naming the option (`years`, `method`, `replications`, `seed`) or the
 *   scenario's invalid field.
 * @example
 * const d = burnInDrift(scenarios.baseline(), { years: 25 });
 * d.regions.find((r) => r.region === "CA")!.growthPerYear.burnIn // Canada's growth during burn-in
 */
export function burnInDrift(scenario: Scenario, options: DriftOptions = {}): DriftResult {
  const s = assertValidScenario(scenario);
  const issues = new Issues("burnInDrift");
  issues.addAll(unknownKeyIssues(options, OPTION_KEYS));
  const years = options.years ?? 25;
  if (typeof years !== "number" || !Number.isInteger(years) || years <= s.burnInYears || years > 500) {
    issues.add(
      "years",
      `must be a whole number of years above burnInYears (${s.burnInYears}) and at most 500, got ${showValue(years)}`,
    );
  }
  const method = options.method ?? "meanField";
  if (method !== "meanField" && method !== "abm")
    issues.add("method", `must be "meanField" or "abm", got ${showValue(method)}`);
  const replications = options.replications ?? 2;
  if (method === "abm") issues.integer("replications", replications, 1, 1000);
  else if (options.replications !== undefined || options.seed !== undefined) {
    issues.add(options.replications !== undefined ? "replications" : "seed", 'applies to method "abm" only');
  }
  const seed = options.seed ?? 1;
  if (!(typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed))))
    issues.add("seed", `must be a number or a string, got ${showValue(seed)}`);
  issues.throwIfAny();

  const long: Scenario = { ...s, startYear: s.startYear - s.burnInYears, burnInYears: 0, years };
  const runs: TidyRow[][] =
    method === "meanField"
      ? [meanField(long, options.meanField ?? {}).rows]
      : Array.from(
          { length: replications },
          (_, r) => simulate(long, { seed, replicate: r, metrics: ["stock", "stockByCitizenship", "brainDrain"] }).rows,
        );
  const ppy = s.periodsPerYear;
  const burnInPeriod = s.burnInYears * ppy - 1;
  const lastPeriod = years * ppy - 1;
  const countryOf = (citizenship: string) => s.regions[s.citizenships[citizenship].home].country;
  const start = initialState(s, countryOf);
  const mean = (f: (rows: TidyRow[]) => number) => runs.reduce((a, rows) => a + f(rows), 0) / runs.length;
  const at = (rows: TidyRow[], metric: string, period: number, where: { region?: string; citizenship?: string }) =>
    rows.reduce(
      (a, r) =>
        r.metric === metric &&
        r.period === period &&
        (where.region === undefined || r.region === where.region) &&
        (where.citizenship === undefined || r.citizenship === where.citizenship)
          ? a + r.value
          : a,
      0,
    );
  const ownShare = (rows: TidyRow[], region: string, period: number) => {
    const own = Object.keys(s.citizenships)
      .filter((c) => countryOf(c) === s.regions[region].country)
      .reduce((a, c) => a + at(rows, "stockByCitizenship", period, { region, citizenship: c }), 0);
    const stock = at(rows, "stock", period, { region });
    return stock > 0 ? own / stock : 0;
  };
  const values = (first: number, f: (rows: TidyRow[], period: number) => number): DriftValues => ({
    start: first,
    burnIn: s.burnInYears === 0 ? first : mean((rows) => f(rows, burnInPeriod)),
    longRun: mean((rows) => f(rows, lastPeriod)),
  });
  const growth = (from: number, to: number, yrs: number) => (yrs > 0 ? (to / from) ** (1 / yrs) - 1 : 0);
  const regions = Object.keys(s.regions).map((region): RegionDrift => {
    const stock = values(start.stock[region], (rows, p) => at(rows, "stock", p, { region }));
    return {
      region,
      stock,
      growthPerYear: {
        burnIn: growth(stock.start, stock.burnIn, s.burnInYears),
        longRun: growth(stock.start, stock.longRun, years),
      },
      ownCitizenShare: values(start.ownShare[region], (rows, p) => ownShare(rows, region, p)),
    };
  });
  const citizenships = Object.keys(s.citizenships).map((citizenship) => ({
    citizenship,
    brainDrain: values(start.brainDrain[citizenship], (rows, p) => at(rows, "brainDrain", p, { citizenship })),
  }));
  return {
    method,
    replications: method === "abm" ? replications : 1,
    times: { start: long.startYear, burnIn: s.startYear, longRun: long.startYear + years },
    regions,
    citizenships,
  };
}

/** Stocks, own-citizen shares and brain drain of the scenario's stated initial state. */
function initialState(s: Scenario, countryOf: (c: string) => string) {
  const stock: Record<string, number> = {};
  const ownShare: Record<string, number> = {};
  const citizens: Record<string, number> = {};
  const abroad: Record<string, number> = {};
  for (const c of Object.keys(s.citizenships)) citizens[c] = abroad[c] = 0;
  for (const [code, r] of Object.entries(s.regions)) {
    stock[code] = r.initialStock;
    let own = 0;
    for (const [c, share] of Object.entries(r.initialCitizenship)) {
      const people = r.initialStock * share;
      citizens[c] += people;
      if (countryOf(c) === r.country) own += share;
      else abroad[c] += people;
    }
    ownShare[code] = r.initialStock > 0 ? own : 0;
  }
  const brainDrain = Object.fromEntries(
    Object.keys(s.citizenships).map((c) => [c, citizens[c] > 0 ? abroad[c] / citizens[c] : 0]),
  );
  return { stock, ownShare, brainDrain };
}
