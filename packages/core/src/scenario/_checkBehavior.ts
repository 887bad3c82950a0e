/**
 * Cross-field checks of the behaviour: the ages of a life in the market come in order.
 * @internal
 * @module
 */
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
