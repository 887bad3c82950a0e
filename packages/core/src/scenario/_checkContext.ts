/**
 * What every cross-field check of scenario validation reads: the raw input (anything in it may be
 * missing or of the wrong type), the collector its issues go to, the codes the scenario defines,
 * and the checkers of references to them (a region, a citizenship, a lottery pool). Built once
 * per validation and passed to each concern's check (`_check*.ts`).
 * @internal
 * @module
 */
import { showValue, type Issues, type Key } from "../_issues";

/** A plain object of the raw input. @internal */
export type Obj = Record<string, unknown>;

/** Whether `v` is a plain object (not null, not an array). @internal */
export function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
/** Whether `v` is a finite number. @internal */
export const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
/** Whether `v` is an integer. @internal */
export const isInt = (v: unknown): v is number => Number.isInteger(v);
/** The entries of `v` if it is a plain object, else none. @internal */
export const entries = (v: unknown): [string, unknown][] => (isObject(v) ? Object.entries(v) : []);
/** Codes as a message lists them: `DE, US, CA`. @internal */
export const list = (codes: readonly string[]): string => codes.join(", ");
/** A number in a message without floating-point noise: 0.97, not 0.9699999999999999. @internal */
export const tidy = (v: number): string => showValue(Number(v.toPrecision(12)));

/**
 * The scenario as the cross-field checks see it. A list of codes is undefined when its table is
 * broken (the schema reports that), and the checkers then report nothing: a wrong table never
 * hides another problem nor makes one up.
 * @internal
 */
export interface CheckContext {
  /** The raw scenario. */
  readonly s: Obj;
  /** Where the checks' issues go. */
  readonly issues: Issues;
  readonly regionCodes: string[] | undefined;
  readonly citizenshipCodes: string[] | undefined;
  readonly lotteryNames: string[] | undefined;
  /** periodsPerYear, if it is an integer in [1, 12]. */
  readonly ppy: number | undefined;
  /** The total initialStock over the regions, and whether every region's is known. */
  readonly people: number;
  readonly peopleKnown: boolean;
  /** Reports `value` at `path` unless it is a known region (or unless regions are unknown); true if known. */
  region(value: unknown, path: Key[]): boolean;
  /** Reports `value` at `path` unless it is a known citizenship (or `*` where `star` allows it); true if known. */
  citizenship(value: unknown, path: Key[], star?: boolean): boolean;
  /** {@link CheckContext.region} for each entry of an array, at its index. */
  regionList(value: unknown, path: Key[]): void;
  /** A lottery rule's pool names a lottery that serves the rule's region. */
  pool(rule: unknown, regionCode: unknown, path: Key[]): void;
}

/** The context of the cross-field checks of `s`, reporting to `issues`. @internal */
export function checkContext(s: Obj, issues: Issues): CheckContext {
  const regionCodes = isObject(s.regions) ? Object.keys(s.regions) : undefined;
  const citizenshipCodes = isObject(s.citizenships) ? Object.keys(s.citizenships) : undefined;
  const lotteryNames = isObject(s.lotteries) ? Object.keys(s.lotteries) : undefined;
  const ppy = isInt(s.periodsPerYear) && s.periodsPerYear >= 1 && s.periodsPerYear <= 12 ? s.periodsPerYear : undefined;

  const region = (value: unknown, path: Key[]): boolean => {
    if (regionCodes === undefined || typeof value !== "string") return false;
    if (regionCodes.includes(value)) return true;
    issues.add(path, `unknown region ${showValue(value)} (regions are ${list(regionCodes)})`);
    return false;
  };
  const citizenship = (value: unknown, path: Key[], star = false): boolean => {
    if (citizenshipCodes === undefined || typeof value !== "string") return false;
    if (citizenshipCodes.includes(value) || (star && value === "*")) return true;
    issues.add(
      path,
      `unknown citizenship ${showValue(value)} (citizenships ` +
        `are ${list(citizenshipCodes)}${star ? ", or * for any" : ""})`,
    );
    return false;
  };
  const regionList = (value: unknown, path: Key[]) => {
    if (Array.isArray(value)) value.forEach((v, i) => region(v, [...path, i]));
  };
  const pool = (rule: unknown, regionCode: unknown, path: Key[]) => {
    if (!isObject(rule) || rule.rule !== "lottery" || typeof rule.pool !== "string" || lotteryNames === undefined)
      return;
    const lottery = isObject(s.lotteries) ? s.lotteries[rule.pool] : undefined;
    if (!lotteryNames.includes(rule.pool)) {
      const names = lotteryNames.length === 0 ? "no lotteries are defined" : `lotteries are ${list(lotteryNames)}`;
      issues.add(path, `unknown lottery ${showValue(rule.pool)} (${names})`);
    } else if (
      typeof regionCode === "string" &&
      isObject(lottery) &&
      Array.isArray(lottery.regions) &&
      !lottery.regions.includes(regionCode)
    ) {
      issues.add(
        path,
        `lottery ${showValue(rule.pool)} draws for ${list(lottery.regions.map(String))}, not for ${regionCode}`,
      );
    }
  };
  const { people, peopleKnown } = initialPopulation(s, regionCodes);
  return {
    s,
    issues,
    regionCodes,
    citizenshipCodes,
    lotteryNames,
    ppy,
    people,
    peopleKnown,
    region,
    citizenship,
    regionList,
    pool,
  };
}

/** The total initialStock, known when there are regions and each has a number >= 0. */
function initialPopulation(s: Obj, regionCodes: string[] | undefined): { people: number; peopleKnown: boolean } {
  let people = 0;
  let peopleKnown = regionCodes !== undefined && regionCodes.length > 0;
  for (const [, def] of entries(s.regions)) {
    if (isObject(def) && isNum(def.initialStock) && def.initialStock >= 0) people += def.initialStock;
    else peopleKnown = false;
  }
  return { people, peopleKnown };
}
