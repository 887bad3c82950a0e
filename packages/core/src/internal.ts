/**
 * `@talentflow/core/internal`: the model's per-period building blocks, for the benchmark peers
 * that re-implement the agent loop in other frameworks on the same tables, for tools that need
 * them, and the policy-kind registry for tests that add a kind of their own (CONTRIBUTING.md,
 * "Adding a policy kind"). **Unstable**: these names and shapes follow the engine and may change
 * in any release, without a major version; scripts built on the public API (`@talentflow/core`)
 * never need them.
 * @packageDocumentation
 */
// Kernel: what happens once per period and never per agent. The compiled scenario, the policies'
// effect on the period's parameters, the tables, agent types, free movement, and the driver that
// runs them in order.
export { compileScenario } from "./kernel/_compile";
export type { CompiledScenario } from "./kernel/_compile";
export { applyPolicies, compilePolicies, createPeriodParams, openProgramPlaces } from "./kernel/_period";
export type { CompiledPolicies, PeriodParams } from "./kernel/_period";
export { Admit, buildTables, createMarketState, createTables, wageLevel } from "./kernel/_tables";
export type { MarketState, PeriodTables } from "./kernel/_tables";
export { typeIndex } from "./kernel/_agentType";
export { admissionChance, drawChance } from "./kernel/_admission";
export { mayBeTemporary } from "./kernel/_freeMover";
export { PeriodDriver } from "./kernel/_periodDriver";
export type { PeriodDriverOptions } from "./kernel/_periodDriver";

// Policies: the kinds as plug-ins (CONTRIBUTING.md, "Adding a policy kind"), and the field schemas
// a kind's own schema is made of. Registering a kind is for tests and experiments: a kind meant to
// stay is added to the registry's built-in list. Both builds, ES module and CommonJS, share one
// registry between this entry and the main one, so a kind registered here is known to both.
export { registerPolicyKind, unregisterPolicyKind, registeredPolicyKinds } from "./policies/_registry";
export type {
  PolicyKindDefinition,
  AnyPolicyKindDefinition,
  PolicyApplyContext,
  PolicyCheckContext,
  PolicyCompileContext,
  PolicyLike,
  PathKey,
} from "./policies/_policyKindDefinition";
export { partners, policyRegion, windowFields } from "./policies/_policyFields";
export { above, atLeast, inRange, share, upTo } from "./scenario/_fieldSchemas";

// Keyed draws' building blocks, for the benchmarks' floors (benchmarks/cases/floors.ts), which do the
// least work of the engine's decision with the engine's own hash and exponential draws.
export { exponentialOfHash, keyedHash, optionHash } from "./random/keyed";

// Numerics for scripts that write their own objective (examples/recalibrate-meanfield.ts fits
// the baseline by the mean-field projection, whose citizenship mixes no parameter path can move).
export { minimize, chiSquarePValue, leastSquares } from "./experiments/math/index";
export { inverseSpd, symmetricEigen } from "./experiments/math/_matrix";
export type { LeastSquaresOptions, LeastSquaresResult, LeastSquaresStop } from "./experiments/math/index";
export type { NelderMeadOptions, NelderMeadResult } from "./experiments/math/index";
