/**
 * The mean-field projection: the deterministic expected-value path of the same model, with
 * cohorts instead of individual agents. The public API; everything else in this folder is internal.
 * @module
 */
export { meanField } from "./meanField";
export type { MeanFieldProgramPlaces, MeanFieldResult } from "./meanField";
export type { MeanFieldOptions } from "./_options";
export { MEAN_FIELD_METRICS } from "./_record";
