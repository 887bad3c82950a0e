/**
 * The policy kinds, by name: the built-in ones, in the order the scenario schema lists them, and
 * any registered later through `@talentflow/core/internal` (unstable; tests register toy kinds).
 * Everything that depends on a policy's kind (schema, compile, apply, cross-field checks) looks
 * its definition up here.
 * @internal
 * @module
 */
import type { AnyPolicyKindDefinition } from "./_policyKindDefinition";
import { customKind } from "./kinds/custom";
import { economicCooperationKind } from "./kinds/economicCooperation";
import { investmentKind } from "./kinds/investment";
import { languageAccessKind } from "./kinds/languageAccess";
import { openWorkPermitKind } from "./kinds/openWorkPermit";
import { regulatoryAlignmentKind } from "./kinds/regulatoryAlignment";
import { researchCooperationKind } from "./kinds/researchCooperation";
import { talentExchangeKind } from "./kinds/talentExchange";
import { taxIncentiveKind } from "./kinds/taxIncentive";
import { visaRegimeKind } from "./kinds/visaRegime";

/** The built-in kinds, in the order of the scenario schema's policy union (and of its messages). */
export const BUILT_IN_POLICY_KINDS = [
  researchCooperationKind,
  economicCooperationKind,
  regulatoryAlignmentKind,
  talentExchangeKind,
  visaRegimeKind,
  openWorkPermitKind,
  investmentKind,
  languageAccessKind,
  taxIncentiveKind,
  customKind,
] as const;

/** The zod schemas of a list of kinds, as a tuple of their own types. */
export type PolicyKindSchemas<T extends readonly AnyPolicyKindDefinition[]> = {
  -readonly [K in keyof T]: T[K]["schema"];
};

/** The schemas of the built-in kinds, for the scenario schema's discriminated union. */
export function builtInPolicySchemas(): PolicyKindSchemas<typeof BUILT_IN_POLICY_KINDS> {
  return BUILT_IN_POLICY_KINDS.map((k) => k.schema) as unknown as PolicyKindSchemas<typeof BUILT_IN_POLICY_KINDS>;
}

// Replaced (never mutated) on each change, so that a cache can compare lists by identity.
let registered: readonly AnyPolicyKindDefinition[] = BUILT_IN_POLICY_KINDS;
let byName = new Map<string, AnyPolicyKindDefinition>(registered.map((k) => [k.kind, k]));

/** Every kind known now: the built-in ones, then the registered ones in the order registered. */
export function registeredPolicyKinds(): readonly AnyPolicyKindDefinition[] {
  return registered;
}

/** The definition of a kind, or undefined for a name no kind has. */
export function policyKindDefinition(kind: string): AnyPolicyKindDefinition | undefined {
  return byName.get(kind);
}

/**
 * Adds a policy kind (unstable: for tests and experiments; a kind meant to stay is added to
 * {@link BUILT_IN_POLICY_KINDS}). From then on `validateScenario` accepts policies of that kind
 * and the engine and meanField apply them. Returns a function that removes it again.
 * Throws if a kind of that name exists.
 *
 * @example
 * const unregister = registerPolicyKind(toyKind);
 * try { simulate(scenarioWithToyPolicy, { seed: 1 }); } finally { unregister(); }
 */
export function registerPolicyKind(definition: AnyPolicyKindDefinition): () => void {
  if (byName.has(definition.kind)) throw new Error(`policy kind "${definition.kind}" is already registered`);
  setKinds([...registered, definition]);
  return () => unregisterPolicyKind(definition.kind);
}

/** Removes a kind added by {@link registerPolicyKind}; built-in kinds cannot be removed. */
export function unregisterPolicyKind(kind: string): void {
  if (BUILT_IN_POLICY_KINDS.some((k) => k.kind === kind))
    throw new Error(`policy kind "${kind}" is built in and cannot be removed`);
  setKinds(registered.filter((k) => k.kind !== kind));
}

function setKinds(kinds: readonly AnyPolicyKindDefinition[]): void {
  registered = kinds.length === BUILT_IN_POLICY_KINDS.length ? BUILT_IN_POLICY_KINDS : Object.freeze(kinds);
  byName = new Map(registered.map((k) => [k.kind, k]));
}
