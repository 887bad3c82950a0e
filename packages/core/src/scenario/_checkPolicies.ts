/**
 * Cross-field checks of the policies: the window every policy has, then the checks of the
 * policy's own kind (the regions, citizenships and lottery pools it names), looked up in the
 * policy-kind registry.
 * @internal
 * @module
 */
import type { Key } from "../_issues";
import { isNum, isObject, tidy, type CheckContext } from "./_checkContext";
import type { PolicyCheckContext } from "../policies/_policyKindDefinition";
import { policyKindDefinition } from "../policies/_registry";
import { checkStatusTerm } from "./_checkVisas";

/** Checks each policy's window, then hands the policy to its kind's `check`. @internal */
export function checkPolicies(ctx: CheckContext): void {
  const { s, issues, region, regionList, citizenship, pool } = ctx;
  if (!Array.isArray(s.policies)) return;
  s.policies.forEach((p: unknown, i) => {
    if (!isObject(p)) return;
    const at = (...rest: readonly Key[]): Key[] => ["policies", i, ...rest];
    if (isNum(p.from) && isNum(p.until)) {
      if (p.until < p.from) issues.add(at("until"), `ends (${tidy(p.until)}) before it starts (${tidy(p.from)})`);
      else if (p.until === p.from)
        issues.add(at("until"), `ends when it starts (${tidy(p.from)}): the window is empty`);
    }
    const kind = typeof p.kind === "string" ? policyKindDefinition(p.kind) : undefined;
    if (kind?.check === undefined) return;
    const checks: PolicyCheckContext = {
      region: (value, path) => region(value, at(...path)),
      regionList: (value, path) => regionList(value, at(...path)),
      citizenship: (value, path, star) => citizenship(value, at(...path), star),
      pool: (rule, regionCode, path) => pool(rule, regionCode, at(...path)),
      statusTerm: (rule, path) => checkStatusTerm(ctx, rule, at(...path)),
      add: (path, message) => issues.add(at(...path), message),
    };
    kind.check(p, checks);
  });
}
