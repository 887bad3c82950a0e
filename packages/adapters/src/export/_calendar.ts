/**
 * Internal: where a reported period falls in the calendar. Period 0 is the first period of
 * startYear (a whole year, as validated), so the period's place in the year and the year itself
 * follow from the period index and periodsPerYear alone.
 * @internal
 */
import { ValidationError } from "@talentflow/core";

/** Calendar columns of a period. */
export interface CalendarOf {
  /** The whole calendar year the period lies in. */
  readonly calendarYear: number;
  /** 1..periodsPerYear: the period's place within the year. */
  readonly quarter: number;
  /** The last period of its year: stocks of this period are the year-end stocks. */
  readonly yearEnd: boolean;
}

export function calendarOf(period: number, year: number, periodsPerYear: number): CalendarOf {
  const within = ((period % periodsPerYear) + periodsPerYear) % periodsPerYear;
  return {
    calendarYear: Math.round(year - within / periodsPerYear),
    quarter: within + 1,
    yearEnd: within === periodsPerYear - 1,
  };
}

/**
 * periodsPerYear from a scenario when there is one, else from the data: two periods p1 < p2 that
 * start at calendar times y1 < y2 give (p2 − p1) / (y2 − y1).
 * @throws ValidationError at `where` when the data has a single period and no scenario says it.
 */
export function periodsPerYearOf(
  scenario: { readonly periodsPerYear: number } | undefined,
  samples: Iterable<{ readonly period: number; readonly year: number }>,
  where: string,
): number {
  if (scenario) return scenario.periodsPerYear;
  let first: { period: number; year: number } | undefined;
  for (const s of samples) {
    if (!first) first = s;
    else if (s.period !== first.period) {
      const ppy = Math.round((s.period - first.period) / (s.year - first.year));
      if (Number.isInteger(ppy) && ppy >= 1) return ppy;
    }
  }
  if (!first) return 1; // no rows: nothing to place in the calendar
  throw new ValidationError(
    [
      {
        path: where,
        message:
          "the result has a single period, so its periods per year cannot be read from it: pass the scenario it ran on",
      },
    ],
    "export",
  );
}
