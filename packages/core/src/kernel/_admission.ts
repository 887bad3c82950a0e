/**
 * The chance of admission read from a period's tables (docs/model.md 3.3.4, 3.3.5 and 3.3.8): the one
 * expression the engine's decision, its programs and welfare, and the mean-field projection
 * share. Small and pure, so that the engine's per-agent loop inlines it.
 */
import { Admit, type PeriodTables } from "./_tables";

/**
 * Chance that an applicant of skill z is admitted by the destination's own rule, before any
 * program place: `piHigh` at or above the salary threshold's skill `zCut`, `piLow` below it.
 * `at` is the (type, destination) cell of the tables, `cut` the (citizenship, destination) one,
 * `c * R + j`.
 * @example drawChance(tables, type * R + j, c * R + j, skill)
 */
export function drawChance(T: PeriodTables, at: number, cut: number, z: number): number {
  return z >= T.zCut[cut] ? T.piHigh[at] : T.piLow[at];
}

/**
 * The admission chance an agent of skill z anticipates for an option that is not closed: 1 where
 * the move needs no admission (`admit` is `Admit.None`), else {@link drawChance} (for a lottery,
 * the tables hold its anticipated chance in both `piLow` and `piHigh`).
 */
export function admissionChance(T: PeriodTables, admit: number, at: number, cut: number, z: number): number {
  return admit === Admit.None ? 1 : drawChance(T, at, cut, z);
}
