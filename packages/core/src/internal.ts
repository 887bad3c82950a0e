/**
 * `@talentflow/core/internal`: the model's per-period building blocks, for the benchmark peers
 * that re-implement the agent loop in other frameworks on the same tables, and for tools that
 * need them. **Unstable**: these names and shapes follow the engine and may change in any
 * release, without a major version; scripts built on the public API (`@talentflow/core`) never
 * need them.
 * @packageDocumentation
 */
export { compileScenario } from "./model/_compile";
export type { CompiledScenario } from "./model/_compile";
export { applyPolicies, compilePolicies, createPeriodParams, openProgramPlaces } from "./model/_period";
export type { CompiledPolicies, PeriodParams } from "./model/_period";
export { Admit, buildTables, createMarketState, createTables, wageLevel } from "./model/_tables";
export { typeIndex } from "./model/_agentType";
export { mayBeTemporary } from "./model/_freeMover";
export type { MarketState, PeriodTables } from "./model/_tables";
export { PeriodDriver } from "./model/_periodDriver";
export type { PeriodDriverOptions } from "./model/_periodDriver";
