/** Moved to `engine/_agentColumns.ts`; kept for `validate.ts`, which reads the bytes per agent from here. */
export { STATE_BYTES_PER_AGENT } from "../engine/_agentColumns";
