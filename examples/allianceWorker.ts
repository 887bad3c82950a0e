/**
 * The mean-field effect of the alliance at one parameter point, as a run: what the worker threads
 * of `pnpm alliance` compute for its Sobol' design points and calibration draws (passed to the
 * adapters' `runSpecsParallel` as `executeModule`), and what it computes in-process without
 * workers. The effect is the alliance projected at the point minus the baseline projected at the
 * same parameters; the baseline is the alliance without the alliance's policies, so every
 * parameter the two share is the same in both.
 */
import {
  meanField,
  type RunResult,
  type RunSpec,
  type Scenario,
  scenarioHash,
  scenarios,
  type TidyRow,
} from "@talentflow/core";

/** A point's run: the alliance scenario at the point, and the projection's skill bins. */
export interface PairSpec extends RunSpec {
  /** Skill bins of both projections. */
  readonly skillBins: number;
}

/** The metrics whose effects the alliance page reports. */
export const EFFECT_METRICS: readonly string[] = ["stock", "brainDrain", "welfare"];

/** Policies the baseline has; the alliance appends its pillars after them. */
const BASELINE_POLICIES = scenarios.baseline().policies.length;

/**
 * The baseline with the parameters of an alliance scenario: the alliance without its pillars.
 *
 * @example
 * scenarioHash(baselineOf(scenarios.alliance2026())) === scenarioHash(scenarios.baseline()) // true
 */
export function baselineOf(alliance: Scenario): Scenario {
  const base = scenarios.baseline();
  return {
    ...alliance,
    name: base.name,
    description: base.description,
    policies: alliance.policies.slice(0, BASELINE_POLICIES),
  };
}

/** Rows of alliance − baseline for the effect metrics, matched by series and period. */
export function effectRows(alliance: readonly TidyRow[], baseline: readonly TidyRow[]): TidyRow[] {
  const id = (r: TidyRow) => `${r.metric}|${r.period}|${r.region}|${r.origin}|${r.destination}|${r.citizenship}`;
  const base = new Map(baseline.filter((r) => EFFECT_METRICS.includes(r.metric)).map((r) => [id(r), r.value]));
  return alliance
    .filter((r) => EFFECT_METRICS.includes(r.metric))
    .map((r) => ({ ...r, value: r.value - (base.get(id(r)) ?? Number.NaN) }));
}

/**
 * Baselines projected in this thread, by scenario hash and skill bins: a Sobol' design repeats a
 * baseline wherever only pillar sizes differ between points.
 */
const baselines = new Map<string, TidyRow[]>();

/**
 * The effect rows of one point (alliance − baseline, the effect metrics only), as a run result
 * whose key is the spec's.
 *
 * @example
 * const s = scenarios.alliance2026({ years: 2 });
 * execute({ key: "point", scenario: s, seed: 0, replicate: 0, skillBins: 4 }).rows[0].metric // "stock"
 */
export function execute(spec: PairSpec): RunResult {
  const base = baselineOf(spec.scenario);
  const key = `${scenarioHash(base)}/${spec.skillBins}`;
  let baseRows = baselines.get(key);
  if (!baseRows) {
    baseRows = meanField(base, { skillBins: spec.skillBins }).rows.filter((r) => EFFECT_METRICS.includes(r.metric));
    baselines.set(key, baseRows);
  }
  const rows = effectRows(meanField(spec.scenario, { skillBins: spec.skillBins }).rows, baseRows);
  const s = spec.scenario;
  return {
    run: spec.key,
    scenario: s,
    seed: spec.seed,
    replicate: spec.replicate,
    rows,
    // A pair of projections is not a run of the agents: its summary is empty (welfare NaN: not
    // computed); aggregation reads the rows only.
    summary: {
      scenario: s.name,
      seed: spec.seed,
      startYear: s.startYear,
      endYear: s.startYear + s.years,
      startStock: {},
      endStock: {},
      netFlows: {},
      brainDrain: {},
      mobilityRate: {},
      welfare: Number.NaN,
      selectionRate: {},
      cohortExit5y: {},
    },
    scale: 1,
    warnings: [],
    agentPeriods: 0,
  };
}
