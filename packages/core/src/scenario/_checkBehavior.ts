/**
 * Cross-field checks of the behaviour: the ages of a life in the market come in order, and the
 * nests of regions are disjoint and name known regions.
 * @internal
 * @module
 */
import { showValue } from "../_issues";
import { isNum, isObject, tidy, type CheckContext } from "./_checkContext";

/** entryAge < initialAgeMedian < retirementAge. @internal */
export function checkAges({ s, issues }: CheckContext): void {
  if (!isObject(s.behavior)) return;
  const { entryAge, initialAgeMedian, retirementAge } = s.behavior;
  if (isNum(entryAge) && isNum(retirementAge) && retirementAge <= entryAge) {
    issues.add(["behavior", "retirementAge"], `must be above entryAge (${tidy(entryAge)}), got ${tidy(retirementAge)}`);
  } else if (isNum(entryAge) && isNum(retirementAge) && isNum(initialAgeMedian)) {
    if (!(initialAgeMedian > entryAge && initialAgeMedian < retirementAge)) {
      issues.add(
        ["behavior", "initialAgeMedian"],
        `must be between entryAge (${tidy(entryAge)}) and retirementAge ` +
          `(${tidy(retirementAge)}), got ${tidy(initialAgeMedian)}`,
      );
    }
  }
}

/**
 * `behavior.nests`: every nest names at least two known regions, no region is in two nests (nor
 * twice in one), and no two nests share a name (the name is the nest's parameter path). @internal
 */
export function checkNests({ s, issues, region }: CheckContext): void {
  if (!isObject(s.behavior) || !Array.isArray(s.behavior.nests)) return;
  const nestOf = new Map<string, string>();
  const names = new Set<string>();
  s.behavior.nests.forEach((nest: unknown, n) => {
    if (!isObject(nest)) return;
    const at = ["behavior", "nests", n];
    if (typeof nest.name === "string") {
      if (names.has(nest.name)) issues.add([...at, "name"], `nest name ${showValue(nest.name)} is used twice`);
      names.add(nest.name);
    }
    if (!Array.isArray(nest.regions)) return;
    if (nest.regions.length < 2)
      issues.add([...at, "regions"], `a nest needs at least 2 regions, got ${nest.regions.length}`);
    const name = typeof nest.name === "string" ? nest.name : `#${n}`;
    nest.regions.forEach((code: unknown, k) => {
      if (!region(code, [...at, "regions", k]) || typeof code !== "string") return;
      const other = nestOf.get(code);
      if (other !== undefined) {
        const where = other === name ? `twice in nest ${name}` : `in nests ${other} and ${name}`;
        issues.add([...at, "regions", k], `region ${code} is ${where}: nests must not overlap`);
      } else nestOf.set(code, name);
    });
  });
}
