/**
 * The options of the mean-field projection and their checks.
 * @module
 */
import { Issues, showValue } from "../_issues";
import { unknownKeyIssues } from "../_knownKeys";
import type { meanField } from "./meanField";

/** Options of {@link meanField}. Unknown keys are refused. */
export interface MeanFieldOptions {
  /** Skill bins, integer in [1, 1024]; default 32. */
  readonly skillBins?: number;
  /** Range of the bins; the outer bins take everything beyond. Default [-5, 5]. */
  readonly skillRange?: readonly [number, number];
  /** Width of the age bands in years, > 0; default 5. */
  readonly ageBandYears?: number;
  /**
   * Gauss–Legendre nodes per panel (two panels) of the choice integral when admission is uncertain
   * (pi < 1); default 6 (the baseline's end stocks move by about 1e-8 relative from 12).
   */
  readonly quadratureNodes?: number;
  /**
   * Whether to compute welfare (docs/model.md 3.3.13), default true. Its integral is about 40% of
   * the projection's time; with false the rows carry no `welfare` or `welfareByCitizenship`
   * metrics, and everything else is unchanged (a calibration that fits stocks and flows does not
   * need it).
   */
  readonly welfare?: boolean;
}

/** {@link MeanFieldOptions} checked, with every default filled in. @internal */
export type ResolvedMeanFieldOptions = Required<Omit<MeanFieldOptions, "skillRange">> & {
  skillRange: readonly [number, number];
};

const MEAN_FIELD_OPTION_KEYS: readonly (keyof MeanFieldOptions)[] = [
  "skillBins",
  "skillRange",
  "ageBandYears",
  "quadratureNodes",
  "welfare",
];

/**
 * Checks the options of {@link meanField} and fills in the defaults.
 * @throws ValidationError naming every bad or unknown option.
 * @internal
 */
export function resolveMeanFieldOptions(options: MeanFieldOptions): ResolvedMeanFieldOptions {
  const issues = new Issues("meanField");
  issues.addAll(unknownKeyIssues(options, MEAN_FIELD_OPTION_KEYS));
  const skillBins = options.skillBins ?? 32;
  const skillRange = options.skillRange ?? [-5, 5];
  const ageBandYears = options.ageBandYears ?? 5;
  const quadratureNodes = options.quadratureNodes ?? 6;
  const welfare = options.welfare ?? true;
  if (!Number.isInteger(skillBins) || skillBins < 1 || skillBins > 1024) {
    issues.add("skillBins", `must be a whole number in [1, 1024], got ${showValue(skillBins)}`);
  }
  const rangeOk =
    Array.isArray(skillRange) &&
    skillRange.length === 2 &&
    Number.isFinite(skillRange[0]) &&
    Number.isFinite(skillRange[1]);
  if (!(rangeOk && skillRange[0] < skillRange[1])) {
    issues.add("skillRange", "must be [lower, upper] with finite lower < upper");
  }
  if (!(typeof ageBandYears === "number" && ageBandYears > 0 && Number.isFinite(ageBandYears))) {
    issues.add("ageBandYears", `must be a finite number > 0, got ${showValue(ageBandYears)}`);
  }
  if (!Number.isInteger(quadratureNodes) || quadratureNodes < 2 || quadratureNodes > 200) {
    issues.add("quadratureNodes", `must be a whole number in [2, 200], got ${showValue(quadratureNodes)}`);
  }
  if (typeof welfare !== "boolean") issues.add("welfare", `must be true or false, got ${showValue(welfare)}`);
  issues.throwIfAny();
  return { skillBins, skillRange, ageBandYears, quadratureNodes, welfare };
}
