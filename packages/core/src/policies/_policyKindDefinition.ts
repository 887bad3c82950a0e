/**
 * The interface every policy kind implements: one file per kind under `policies/kinds/` holds its
 * schema, its constructor defaults, how it compiles, how it applies each period and its
 * cross-field checks, and the registry (`policies/_registry.ts`) maps a kind's name to it.
 * Nothing outside a kind's file and the registry tests a policy's kind (CONTRIBUTING.md, "Adding
 * a policy kind").
 * @internal
 * @module
 */
import type { z } from "zod";
import type { Issues } from "../_issues";
import type { CompiledScenario } from "../kernel/_compile";
import type { PeriodParams, Program } from "../kernel/_period";
import type { PolicyWindow } from "../scenario/types";

/** What every policy has: its kind and its calendar window. */
export type PolicyLike = PolicyWindow & { readonly kind: string };

/** A step of a path in the scenario: a field name or an array index. */
export type PathKey = string | number;

/**
 * What a kind's `compile` may use, once per run: the compiled scenario, the issues to report
 * (a run with any is refused) and the list of capped programs.
 */
export interface PolicyCompileContext {
  readonly cs: CompiledScenario;
  /** The policy's index in `scenario.policies`. */
  readonly index: number;
  /** The dotted path of one of the policy's fields: `path("expression")` is `policies.3.expression`. */
  path(field: string): string;
  /** Where problems go; `compilePolicies` throws them together once every policy is compiled. */
  readonly issues: Issues;
  /**
   * Lists a capped admission program of this policy (an open work permit, an exchange's slots):
   * `applyPolicies` marks it active whenever the policy is in force.
   */
  addProgram(program: Omit<Program, "policy" | "kind">): void;
}

/**
 * What a kind's `apply` may use, once per period: the period's buffers (`out`, with `out.vec`
 * as `vec`), the vector's offsets, the sizes, the time, and the helpers the built-in kinds share.
 * Made once per period (never per policy or agent).
 */
export interface PolicyApplyContext {
  readonly cs: CompiledScenario;
  readonly out: PeriodParams;
  readonly vec: Float64Array;
  readonly off: CompiledScenario["off"];
  /** Number of regions. */
  readonly R: number;
  /** Number of citizenships. */
  readonly C: number;
  readonly periodsPerYear: number;
  /** Calendar time of the period's start. */
  readonly time: number;
  /** Reported period index. */
  readonly t: number;
  /** Index of a region code. */
  region(code: string): number;
  /** Calls `f(r, j)` for every ordered pair of two different partners. */
  forPartnerPairs(partners: readonly string[], f: (r: number, j: number) => void): void;
  /** When given, sees every value a policy sets by path (policy index, vector slot, value): validation checks them. */
  readonly onCustomValue: ((policy: number, slot: number, value: number) => void) | undefined;
}

/**
 * What a kind's `check` may use on the raw input (any field may be missing or of the wrong type;
 * the schema reports those). Paths are relative to the policy: `["partners", 0]`. Each checker
 * reports what it finds and returns whether the value is known.
 */
export interface PolicyCheckContext {
  /** Reports `value` unless it is a known region (nothing when the regions themselves are broken). */
  region(value: unknown, path: readonly PathKey[]): boolean;
  /** {@link PolicyCheckContext.region} for each element of an array. */
  regionList(value: unknown, path: readonly PathKey[]): void;
  /** Reports `value` unless it is a known citizenship (or `*` when `star`). */
  citizenship(value: unknown, path: readonly PathKey[], star?: boolean): boolean;
  /** Reports a lottery rule whose pool is no lottery, or a lottery that does not draw for `region`. */
  pool(rule: unknown, region: unknown, path: readonly PathKey[]): void;
  /** Reports a rule's `duration` shorter than a period, or a `renewal` without a `duration`. */
  statusTerm(rule: unknown, path: readonly PathKey[]): void;
  /** Reports a problem at `path`. */
  add(path: readonly PathKey[], message: string): void;
}

/**
 * A policy kind: everything about it in one object.
 *
 * - `schema`: a zod strict object with `kind: z.literal(name)`, the window fields
 *   (`windowFields` of `_policyFields.ts`) and the kind's own fields, each with its range and
 *   description (they make the JSON Schema of scenario files).
 * - `defaults`: what the public constructor in `policies/index.ts` fills in.
 * - `compile` (optional): once per run; returns what `apply` needs (parsed expressions, ...) and
 *   lists capped programs with `c.addProgram`.
 * - `apply`: once per period while the policy is in force, with its weight `w` in (0, 1]; it
 *   changes `c.vec` and the period's buffers. It must not allocate per agent (it runs per period).
 * - `check` (optional): the cross-field rules of its fields (known regions, citizenships,
 *   lotteries); the window checks common to every policy are done by validate.ts.
 */
export interface PolicyKindDefinition<
  P extends PolicyLike = PolicyLike,
  Compiled = unknown,
  Schema extends z.ZodType = z.ZodType<P>,
> {
  readonly kind: P["kind"];
  readonly schema: Schema;
  readonly defaults: Partial<Omit<P, "kind">> & Readonly<Record<string, unknown>>;
  compile?(policy: P, c: PolicyCompileContext): Compiled;
  apply(policy: P, w: number, c: PolicyApplyContext, compiled: Compiled, index: number): void;
  check?(policy: Readonly<Record<string, unknown>>, c: PolicyCheckContext): void;
}

/** A definition of any kind, as the registry holds it. */
// Methods are bivariant in their parameters, so a definition of one kind is assignable here.
export type AnyPolicyKindDefinition = PolicyKindDefinition<PolicyLike, unknown, z.ZodType>;
