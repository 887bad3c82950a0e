/**
 * Cross-field checks of the visa system: frictions by citizenship and region, lotteries (known
 * regions, one lottery per region, draw and start within the year) and the visa rules (known
 * regions and citizenships, lottery pools that serve the rule's region).
 * @internal
 * @module
 */
import { showValue } from "../_issues";
import type { Key } from "../_issues";
import { entries, isInt, isObject, type CheckContext } from "./_checkContext";

/** Visa friction: "CITIZENSHIP->REGION", "*" for every non-citizen. @internal */
export function checkVisaFriction({ s, issues, citizenship, region }: CheckContext): void {
  for (const [key] of entries(s.visaFriction)) {
    const path = ["visaFriction", key];
    const m = /^(.+?)->(.+)$/.exec(key);
    if (m === null) {
      issues.add(
        path,
        `must name a citizenship and a region as "CITIZENSHIP->REGION" or "*->REGION", got ${showValue(key)}`,
      );
      continue;
    }
    citizenship(m[1], path, true);
    region(m[2], path);
  }
}

/** Lotteries: known regions, each region in at most one lottery, draw and start in the year. @internal */
export function checkLotteries({ s, issues, region, ppy }: CheckContext): void {
  const lotteryOf = new Map<string, string>();
  for (const [name, lottery] of entries(s.lotteries)) {
    if (!isObject(lottery)) continue;
    if (Array.isArray(lottery.regions)) {
      lottery.regions.forEach((r: unknown, i) => {
        const path = ["lotteries", name, "regions", i];
        if (!region(r, path)) return;
        const r0 = r as string;
        const other = lotteryOf.get(r0);
        if (other === name) issues.add(path, `lists region ${r0} twice`);
        else if (other !== undefined)
          issues.add(
            path,
            `region ${r0} is already in lottery ${showValue(other)}; a region can be in one lottery only`,
          );
        else lotteryOf.set(r0, name);
      });
    }
    for (const field of ["period", "startDelay"] as const) {
      const v = lottery[field];
      if (ppy !== undefined && isInt(v) && v >= ppy) {
        issues.add(["lotteries", name, field], `must be in [0, ${ppy}) with ${ppy} periods per year, got ${v}`);
      }
    }
    const years = isObject(lottery.graduates) ? lottery.graduates.years : undefined;
    if (ppy !== undefined && typeof years === "number" && years > 0 && Math.round(years * ppy) < 1) {
      issues.add(
        ["lotteries", name, "graduates", "years"],
        `must last at least one period (1/${ppy} year), got ${showValue(years)}`,
      );
    }
  }
}

/** Visas: visas[region][citizenship or "*"], a lottery rule's pool serving its region. @internal */
export function checkVisaRules(ctx: CheckContext): void {
  const { s, region, citizenship, pool } = ctx;
  for (const [r, rules] of entries(s.visas)) {
    const regionKnown = region(r, ["visas", r]);
    for (const [c, rule] of entries(rules)) {
      citizenship(c, ["visas", r, c], true);
      pool(rule, regionKnown ? r : undefined, ["visas", r, c, "pool"]);
      checkStatusTerm(ctx, rule, ["visas", r, c]);
    }
  }
}

/**
 * A rule's status term (docs/model.md 3.3.9): a `duration` must last at least one period (the
 * engine counts it in whole periods), and `renewal` needs a `duration` to renew. @internal
 */
export function checkStatusTerm({ issues, ppy }: CheckContext, rule: unknown, path: Key[]): void {
  if (!isObject(rule)) return;
  const { duration, renewal } = rule as { duration?: unknown; renewal?: unknown };
  const hasDuration = typeof duration === "number" && duration > 0;
  if (hasDuration && ppy !== undefined && Math.round(duration * ppy) < 1) {
    issues.add([...path, "duration"], `must last at least one period (1/${ppy} year), got ${showValue(duration)}`);
  }
  if (typeof renewal === "number" && renewal > 0 && !hasDuration) {
    issues.add([...path, "renewal"], "needs a duration > 0: a status that never expires is never renewed");
  }
}
