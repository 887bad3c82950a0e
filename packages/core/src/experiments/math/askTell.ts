/**
 * The "ask/tell" protocol shared by every adaptive method of the experiments math helpers.
 *
 * An adaptive method (an optimiser, a sequential Monte Carlo sampler) never calls your model
 * itself. Instead it hands you a batch of points with {@link AskTell.ask}, you evaluate them in
 * any way you like — one after the other, on worker threads, on a cluster — and you hand the
 * values back with {@link AskTell.tell}, in the order of the batch. Because the method only ever
 * sees complete batches in batch order, its result never depends on which evaluation finished
 * first: the same seed gives the same result, serial or parallel.
 *
 * @example
 * const opt = nelderMead([-1.2, 1]);
 * while (!opt.done) {
 *   const batch = opt.ask();                            // points to evaluate
 *   const values = await Promise.all(batch.map(runModelAsync));
 *   opt.tell(values);                                   // same order as the batch
 * }
 * console.log(opt.result().x);
 */
export interface AskTell<Point, Result> {
  /**
   * The batch of points to evaluate next. Calling it again before {@link AskTell.tell} returns the
   * same batch (fresh copies). Returns an empty array once {@link AskTell.done} is true.
   */
  ask(): Point[];
  /**
   * Reports the values of the batch last returned by {@link AskTell.ask}, one per point and in the
   * same order. Throws a `ValidationError` if no batch is pending or the length does not match.
   */
  tell(values: readonly number[]): void;
  /** True once the method has stopped; then {@link AskTell.result} holds the answer. */
  readonly done: boolean;
  /** The result so far (final once {@link AskTell.done} is true). */
  result(): Result;
}

/**
 * Runs an ask/tell method to completion with a synchronous evaluation function, batch after
 * batch, and returns its result. Convenient for cheap functions and for tests; for an expensive
 * model, drive `ask`/`tell` yourself and evaluate each batch in parallel.
 *
 * @example
 * const result = runAskTell(nelderMead([0, 0]), ([x, y]) => (x - 1) ** 2 + (y + 2) ** 2);
 * result.x // ≈ [1, -2]
 */
export function runAskTell<Point, Result>(method: AskTell<Point, Result>, evaluate: (point: Point) => number): Result {
  while (!method.done) {
    const batch = method.ask();
    method.tell(batch.map((p) => evaluate(p)));
  }
  return method.result();
}
