/**
 * The method of simulated moments: Nelder–Mead on the objective, in the unit cube of the
 * parameters' bounds so that one step size and one tolerance suit every parameter.
 * @internal
 * @module
 */
import { nelderMead } from "../math/nelderMead";
import type { CalibrateOptions } from "../calibrate";
import type { EstimatedParameter } from "./_checkOptions";
import type { SearchStrategy } from "./_searchStrategy";

/**
 * Nelder–Mead from the parameters' start points; defaults: initial step 0.15, tolerances 1e-3,
 * at most 40 × dimension candidates. @internal
 */
export function msmStrategy(params: readonly EstimatedParameter[], options: CalibrateOptions): SearchStrategy {
  const settings = options.msm ?? {};
  const optimiser = nelderMead(
    params.map((p) => (p.start - p.lower) / (p.upper - p.lower)),
    {
      bounds: { lower: params.map(() => 0), upper: params.map(() => 1) },
      initialStep: settings.initialStep ?? 0.15,
      xTol: settings.xTol ?? 1e-3,
      fTol: settings.fTol ?? 1e-3,
      maxEvaluations: options.maxEvaluations ?? 40 * params.length,
    },
  );
  const toTheta = (u: readonly number[]) => u.map((v, i) => params[i].lower + v * (params[i].upper - params[i].lower));
  return {
    get done() {
      return optimiser.done;
    },
    ask: () => optimiser.ask().map(toTheta),
    tell: (objectives) => optimiser.tell(objectives),
    estimate: () => toTheta(optimiser.result().x),
    report: () => ({ converged: optimiser.result().converged }),
  };
}
