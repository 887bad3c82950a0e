/**
 * `@talentflow/adapters`: Node adapters for `@talentflow/core`.
 * @packageDocumentation
 */
export { MODEL_VERSION } from "@talentflow/core";
