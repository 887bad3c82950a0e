/**
 * Observers: the user's metrics, run here once per reported period on the period's view, after
 * the engine has stepped (never inside the engine). Their values go into the record's `custom`
 * and from there into the rows, the history and checkpoints.
 */
import { Issues, showValue } from "../_issues";
import type { PeriodRecord } from "../engine/_periodRecord";
import { NonFiniteError } from "../errors";
import type { PeriodView } from "./periodView";

/**
 * A user metric: called once per reported period with the period's aggregates; returns one number
 * or a number per region, each finite. The name becomes the row's `metric`.
 *
 * If an observer throws, or returns a value that is not a finite number (a {@link NonFiniteError}
 * naming the observer), the call that stepped (`step()`, `run()`, `simulate()`) throws that error
 * and the simulation is stopped: the period has run but its observer values are missing, so every
 * later `step()`, `run()`, `result()` and `checkpoint()` throws an error naming the observer and
 * the period (its `cause` is the first error) rather than carry on with a period that lacks them.
 * `snapshot()` and `agents()` still read the state. To go on, start a new simulation or restore a
 * checkpoint taken before.
 *
 * @example
 * const sim = createSimulation(scenarios.baseline(), {
 *   observers: { caShare: (v) => v.stock.CA / (v.stock.DE + v.stock.CA) },
 * });
 */
export type Observer = (view: PeriodView) => number | Record<string, number>;

/** The user's observers in the order given, each checked to be a function. */
export function observerList(observers: Readonly<Record<string, Observer>> | undefined): Array<[string, Observer]> {
  const list = Object.entries(observers ?? {});
  const issues = new Issues();
  for (const [name, fn] of list) {
    if (typeof fn !== "function")
      issues.add(
        ["observers", name],
        `must be a function (view) => number | Record<string, number>, got ${showValue(fn)}`,
      );
  }
  issues.throwIfAny();
  return list;
}

/** An observer threw (or returned a non-finite value) on a period: which, when, and what it threw. */
export class ObserverFailure extends Error {
  readonly observer: string;
  readonly period: number;

  constructor(observer: string, period: number, cause: unknown) {
    super(
      `observer "${observer}" failed on period ${period} (${cause instanceof Error ? cause.message : String(cause)})`,
      { cause },
    );
    this.name = "ObserverFailure";
    this.observer = observer;
    this.period = period;
  }
}

/**
 * Runs the observers on one reported period's record and puts their values in `rec.custom`. Each
 * observer gets a view of its own (`view(rec)`), so that what one does to it no other sees.
 * @throws ObserverFailure wrapping what the first observer to fail threw; a value that is not a
 *   finite number is a {@link NonFiniteError} naming the observer and the region.
 */
export function runObservers(
  rec: PeriodRecord,
  observers: ReadonlyArray<readonly [string, Observer]>,
  view: (rec: PeriodRecord) => PeriodView,
): void {
  for (const [name, fn] of observers) {
    try {
      const value = fn(view(rec));
      const values = typeof value === "number" ? { "": value } : value;
      for (const [region, v] of Object.entries(values)) {
        if (typeof v !== "number" || !Number.isFinite(v))
          throw new NonFiniteError(rec.period, region, `observer "${name}"`, Number(v));
      }
      rec.custom[name] = value;
    } catch (error) {
      throw new ObserverFailure(name, rec.period, error);
    }
  }
}
