/**
 * The built-in scenarios: `scenarios.baseline()`, `scenarios.alliance2026()` and the variants a
 * policy economist asks about first. Each returns a fresh scenario object to change at will.
 * @module
 */
export { baseline } from "./baseline";
export type { ScenarioOptions } from "./baseline";
export { alliance2026, alliancePolicies, DECLARATION_TIME } from "./alliance2026";
export { usFeeLapses, canadaFastTrack, germanyEnglishJobs } from "./variants";
