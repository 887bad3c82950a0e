/**
 * `@talentflow/core`: agent-based simulation of AI talent flows.
 * @packageDocumentation
 */
export { MODEL_VERSION } from "./version";
export { ValidationError, NonFiniteError } from "./errors";
export type { Issue } from "./errors";
