/**
 * Cross-field checks of the regions and what joins them: citizenships' home regions, the
 * citizenship mixes of each region, a population to start from, moving costs between regions,
 * and free-movement groups of the regions' countries.
 * @internal
 * @module
 */
import { showValue } from "../_issues";
import { entries, isNum, isObject, list, tidy, type CheckContext } from "./_checkContext";

/** Citizenships belong to known regions. @internal */
export function checkCitizenshipHomes({ s, region }: CheckContext): void {
  for (const [c, def] of entries(s.citizenships)) {
    if (isObject(def)) region(def.home, ["citizenships", c, "home"]);
  }
}

/** Regions: citizenship mixes of known citizenships that sum to 1; a population to start from. @internal */
export function checkRegionMixes({ s, issues, citizenship, people, peopleKnown }: CheckContext): void {
  for (const [r, def] of entries(s.regions)) {
    if (!isObject(def)) continue;
    for (const field of ["entrantCitizenship", "initialCitizenship"] as const) {
      const shares = def[field];
      if (!isObject(shares)) continue;
      let sum = 0;
      let sumKnown = true;
      for (const [c, v] of Object.entries(shares)) {
        citizenship(c, ["regions", r, field, c]);
        if (isNum(v)) sum += v;
        else sumKnown = false;
      }
      if (sumKnown && Math.abs(sum - 1) > 1e-6)
        issues.add(["regions", r, field], `shares must sum to 1, got ${tidy(sum)}`);
    }
  }
  if (peopleKnown && people <= 0) issues.add(["regions"], `the total initialStock must be > 0, got ${tidy(people)}`);
}

/** Moving costs: "A->B" or "A<->B" between two different known regions, each pair set once. @internal */
export function checkMovingCosts({ s, issues, region }: CheckContext): void {
  const pairs = new Map<string, string>();
  for (const [key] of entries(s.movingCost)) {
    const path = ["movingCost", key];
    const m = /^(.+?)(<->|->)(.+)$/.exec(key);
    if (m === null) {
      issues.add(path, `must name two regions as "A->B" (one way) or "A<->B" (both ways), got ${showValue(key)}`);
      continue;
    }
    const [, a, arrow, b] = m;
    const aKnown = region(a, path);
    const bKnown = region(b, path);
    if (a === b) {
      issues.add(path, `must join two different regions, got ${showValue(key)}`);
    } else if (aKnown && bKnown) {
      for (const pair of arrow === "<->" ? [`${a}->${b}`, `${b}->${a}`] : [`${a}->${b}`]) {
        const first = pairs.get(pair);
        if (first === undefined) pairs.set(pair, key);
        else issues.add(path, `sets the cost of ${pair} again (already set by ${showValue(first)})`);
      }
    }
  }
}

/** Free movement: groups of countries that exist among the regions' countries. @internal */
export function checkFreeMovement({ s, issues, regionCodes }: CheckContext): void {
  if (!Array.isArray(s.freeMovement) || regionCodes === undefined) return;
  const countries = [...new Set(entries(s.regions).map(([, d]) => (isObject(d) ? d.country : undefined)))].filter(
    (c): c is string => typeof c === "string",
  );
  s.freeMovement.forEach((group: unknown, g) => {
    if (!Array.isArray(group)) return;
    group.forEach((country: unknown, i) => {
      if (typeof country === "string" && !countries.includes(country)) {
        issues.add(["freeMovement", g, i], `unknown country ${showValue(country)} (countries are ${list(countries)})`);
      }
    });
  });
}
