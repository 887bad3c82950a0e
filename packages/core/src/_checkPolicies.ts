/**
 * Cross-field checks of the policies: each policy's window, and the regions, citizenships and
 * lottery pools it names.
 * @internal
 * @module
 */
import type { Key } from "./_issues";
import { isNum, isObject, list, tidy, type CheckContext } from "./_checkContext";

/** Checks each policy's window and the codes it names. @internal */
export function checkPolicies({ s, issues, region, regionList, citizenship, pool }: CheckContext): void {
  // Policies.
  if (Array.isArray(s.policies)) {
    s.policies.forEach((p: unknown, i) => {
      if (!isObject(p)) return;
      const at = (...rest: Key[]): Key[] => ["policies", i, ...rest];
      if (isNum(p.from) && isNum(p.until)) {
        if (p.until < p.from) issues.add(at("until"), `ends (${tidy(p.until)}) before it starts (${tidy(p.from)})`);
        else if (p.until === p.from) issues.add(at("until"), `ends when it starts (${tidy(p.from)}): the window is empty`);
      }
      if ("partners" in p) regionList(p.partners, at("partners"));
      if ("region" in p) region(p.region, at("region"));
      if ("holdersIn" in p) regionList(p.holdersIn, at("holdersIn"));
      if (p.kind === "economicCooperation" && isObject(p.investment)) {
        const partnerList = Array.isArray(p.partners) ? p.partners : [];
        for (const [r] of Object.entries(p.investment)) {
          if (region(r, at("investment", r)) && !partnerList.includes(r)) {
            issues.add(at("investment", r), `region ${r} is not among the partners (${list(partnerList.map(String))})`);
          }
        }
      }
      if (p.kind === "visaRegime") {
        if (Array.isArray(p.citizenships)) p.citizenships.forEach((c: unknown, j) => citizenship(c, at("citizenships", j)));
        pool(p.rule, p.region, at("rule", "pool"));
      }
    });
  }
}
