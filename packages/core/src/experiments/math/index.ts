/**
 * Numerical building blocks of the experiments API, on plain numbers and user functions:
 * confidence intervals for replications, designs for sweeps, Morris and Sobol' sensitivity
 * analysis, Nelder–Mead calibration and approximate Bayesian computation. Adaptive methods use the
 * ask/tell protocol ({@link AskTell}).
 * @module
 */
export { studentTQuantile, studentTCdf, summarize } from "./studentT";
export type { Summary } from "./studentT";
export { chiSquareCdf, chiSquarePValue } from "./chiSquare";
export { fullGrid, latinHypercube, sobolSequence, MAX_GRID_POINTS } from "./designs";
export type { SobolOptions } from "./designs";
export { morrisDesign, morrisIndices } from "./morris";
export type { MorrisDesign, MorrisIndex } from "./morris";
export { saltelliDesign, sobolIndices, SALTELLI_MAX_FACTORS } from "./saltelli";
export type { SaltelliDesign, SaltelliDesignOptions, SobolIndicesOptions, SobolIndex } from "./saltelli";
export { nelderMead, minimize } from "./nelderMead";
export { leastSquares } from "./leastSquares";
export type { LeastSquaresOptions, LeastSquaresResult, LeastSquaresStop } from "./leastSquares";
export type { NelderMead, NelderMeadOptions, NelderMeadResult, NelderMeadStop } from "./nelderMead";
export { abcSmc, abcRejection } from "./abc";
export type { AbcBounds, AbcResult, AbcSampler, AbcSmcOptions, AbcRejectionOptions } from "./abc";
export { runAskTell } from "./askTell";
export type { AskTell } from "./askTell";
