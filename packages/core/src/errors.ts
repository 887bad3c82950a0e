/**
 * One problem found in a scenario, an argument or an expression.
 *
 * `path` is the dotted field path of the scenario (`regions.DE.taxRate`,
 * `movingCost.DE->CA`, `policies.2.from`); `message` says what is wrong and, where it helps,
 * what value was found.
 */
export interface Issue {
  /** Dotted field path of the offending value; empty for the scenario as a whole. */
  readonly path: string;
  /** What is wrong, in words, e.g. `must be in [0, 1), got 1.4`. */
  readonly message: string;
}

/**
 * Thrown when a scenario, an option or an expression is invalid. It lists every problem found,
 * not only the first, each with the path of the field and the reason.
 *
 * @example
 * try { assertValidScenario(bad) } catch (e) {
 *   // [{ path: "regions.DE.taxRate", message: "must be in [0, 1), got 1.4" }]
 *   if (e instanceof ValidationError) console.log(e.issues)
 * }
 */
export class ValidationError extends Error {
  /** Every problem found, in the order of the fields. */
  readonly issues: readonly Issue[];

  /**
   * @param describePath - how a path is shown in the message (the `issues` keep their paths as
   *   they are), e.g. `policies.6` as `policies.6 (visaRegime)` so that the user finds the policy.
   */
  constructor(
    issues: readonly Issue[],
    context = "invalid input",
    describePath: (path: string) => string = (path) => path,
  ) {
    super(`${context}:\n${issues.map((i) => `  - ${describePath(i.path) || "(root)"}: ${i.message}`).join("\n")}`);
    this.name = "ValidationError";
    this.issues = issues;
  }
}

/**
 * Thrown when a run produces a value that is not finite (NaN or Infinity). The run stops at the
 * first such value, naming the period, the region and the quantity, instead of writing NaN into
 * its output.
 */
export class NonFiniteError extends Error {
  /** Reported period index (0 = the first period of startYear; negative in burn-in). */
  readonly period: number;
  /** Region code, or an empty string for a quantity that belongs to no region. */
  readonly region: string;
  /** Name of the quantity that went non-finite, e.g. `wage level mu`. */
  readonly quantity: string;

  constructor(period: number, region: string, quantity: string, value: number) {
    super(`non-finite ${quantity} (${value}) in period ${period}${region ? ` for region ${region}` : ""}`);
    this.name = "NonFiniteError";
    this.period = period;
    this.region = region;
    this.quantity = quantity;
  }
}
