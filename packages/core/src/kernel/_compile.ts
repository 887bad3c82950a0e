import type { Scenario, VisaRule } from "../scenario/types";
import { Issues } from "../_issues";
import { ownValue } from "../_ownValue";
import { RuleKind, writeVisaRule } from "./_visaRule";

/** Numeric fields of a region that live in the parameter vector. */
export const REGION_FIELDS = [
  "initialStock",
  "grossWage",
  "skillReturn",
  "taxRate",
  "costOfLiving",
  "investment",
  "amenity",
  "researchEcosystem",
  "englishJobShare",
  "demandGrowth",
  "entrants",
  "entrySkillMean",
  "germanShare",
  "researcherShare",
  "temporaryShare",
] as const;

/** Numeric fields of a visa rule that live in the parameter vector. */
export const RULE_FIELDS = [
  "admission",
  "threshold",
  "high",
  "low",
  "permanence",
  "fee",
  "duration",
  "renewal",
] as const;

/** Numeric fields of a lottery that live in the parameter vector. */
export const LOTTERY_FIELDS = ["cap", "initialSelectionRate"] as const;

/**
 * A scenario compiled into indices and one flat vector of every numeric parameter, so that
 * policies act on array slots and a period's parameters are one copy of the base vector.
 * Pairs are expanded: `movingCost.DE->CA` exists for every ordered pair of regions, and
 * `visaFriction.IN->SV` and `visas.SV.IN.fee` for every (citizenship, region).
 */
export interface CompiledScenario {
  readonly scenario: Scenario;
  readonly regions: readonly string[];
  readonly citizenships: readonly string[];
  readonly countries: readonly string[];
  readonly lotteries: readonly string[];
  /** Country index of each region. */
  readonly regionCountry: Int32Array;
  /** Country index of each citizenship (the country of its home region). */
  readonly citizenCountry: Int32Array;
  /** Home region of each citizenship. */
  readonly citizenHome: Int32Array;
  /** freeMove[a * K + b] = 1 when citizens of country a move freely into country b. */
  readonly freeMove: Uint8Array;
  /** Base parameter vector and the index of every path in it. */
  readonly base: Float64Array;
  readonly index: ReadonlyMap<string, number>;
  /** Offsets into the vector. */
  readonly off: Offsets;
  /** Rule kind per (region j, citizenship c) at j * C + c, before policies. */
  readonly ruleKind: Uint8Array;
  /** Does the rule grant permanent residence at once? j * C + c. */
  readonly rulePermanent: Uint8Array;
  /** Lottery index of a lottery rule (j * C + c), -1 otherwise. */
  readonly ruleLottery: Int32Array;
  /** Lottery index of each region, -1 if none. */
  readonly regionLottery: Int32Array;
  /** Wage-weighted flag of each lottery before policies. */
  readonly lotteryWeighted: Uint8Array;
  readonly lotteryPeriod: Int32Array;
  readonly lotteryStartDelay: Int32Array;
  /** Share of a lottery's eligible entrants who are graduates waiting in place; 0 without `graduates`. */
  readonly lotteryGraduateShare: Float64Array;
  /**
   * A graduate's longest wait in the pool, periods: round(years x periodsPerYear), at least 1 by
   * validation; 0 without `graduates`.
   */
  readonly lotteryGraduateTerm: Int32Array;
  /** Names of the nests of `behavior.nests`, in the order listed. */
  readonly nests: readonly string[];
  /** Nest index of each region, -1 for a region in no nest (docs/model.md 3.3.4). */
  readonly nestOf: Int32Array;
  /** Shares: entrant and initial citizenship mixes, cumulative, R x C. */
  readonly entrantMixCdf: Float64Array;
  readonly initialMixCdf: Float64Array;
}

/** Offsets of the parameter groups in the vector. */
export interface Offsets {
  behavior: Record<string, number>;
  /** region field f of region j: region[f] + j. */
  region: Record<(typeof REGION_FIELDS)[number], number>;
  /** network weight of citizenship c: network + c. */
  network: number;
  /** moving cost r -> j: movingCost + r * R + j. */
  movingCost: number;
  /** visa friction c -> j: visaFriction + c * R + j. */
  visaFriction: number;
  /** rule field f of (j, c): rule[f] + j * C + c. */
  rule: Record<(typeof RULE_FIELDS)[number], number>;
  /** lottery field f of lottery l: lottery[f] + l. */
  lottery: Record<(typeof LOTTERY_FIELDS)[number], number>;
  /** dissimilarity lambda of nest n: nestLambda + n (last in the vector, so no nests change no slot). */
  nestLambda: number;
}

const BEHAVIOR_FIELDS = [
  "beta",
  "alpha",
  "gamma",
  "homeBias",
  "considerRate",
  "languagePenalty",
  "ageCost",
  "tempPenalty",
  "exitRate",
  "entryAge",
  "retirementAge",
  "initialAgeMedian",
  "feeAdmissionFactor",
  "delayCost",
  "wageElasticity",
  "demandElasticity",
  "firstJobChoice",
] as const;

/** Parses `A->B` or `A<->B`. */
export function parsePairKey(key: string): { from: string; to: string; both: boolean } | undefined {
  const both = key.indexOf("<->");
  if (both > 0) return { from: key.slice(0, both), to: key.slice(both + 3), both: true };
  const one = key.indexOf("->");
  if (one > 0) return { from: key.slice(0, one), to: key.slice(one + 2), both: false };
  return undefined;
}

/** The rule of (region, citizenship): the citizenship's own, else the region's `*` rule. */
export function ruleFor(s: Scenario, region: string, citizenship: string): VisaRule | undefined {
  const rules = ownValue(s.visas, region);
  if (!rules) return undefined;
  return ownValue(rules, citizenship) ?? ownValue(rules, "*");
}

/** The sorted codes of a scenario and the country structure between them. */
interface Codes {
  readonly regions: string[];
  /** Nest names in the order listed (nests keep their order: it keys their random streams). */
  readonly nests: string[];
  readonly nestOf: Int32Array;
  readonly citizenships: string[];
  readonly lotteries: string[];
  readonly countries: string[];
  readonly regionCountry: Int32Array;
  readonly citizenCountry: Int32Array;
  readonly citizenHome: Int32Array;
  readonly freeMove: Uint8Array;
}

/**
 * Compiles a validated scenario into indices and the base parameter vector.
 * Throws a ValidationError if something the validator cannot see is inconsistent.
 */
export function compileScenario(s: Scenario): CompiledScenario {
  const issues = new Issues(`scenario "${s.name}" is invalid`);
  const codes = indexCodes(s, issues);
  const { index, off, size } = layoutParameters(codes);
  const base = new Float64Array(size);
  writeBehaviorRegionsAndNetworks(s, codes, off, base);
  writeMovingCosts(s, codes, off, base, issues);
  writeVisaFrictions(s, codes, off, base, issues);
  const rules = compileVisaRules(s, codes, off, base, issues);
  const lotteries = compileLotteries(s, codes, off, base);
  (s.behavior.nests ?? []).forEach((nest, n) => (base[off.nestLambda + n] = nest.lambda));
  issues.throwIfAny();
  return {
    scenario: s,
    regions: codes.regions,
    citizenships: codes.citizenships,
    countries: codes.countries,
    lotteries: codes.lotteries,
    regionCountry: codes.regionCountry,
    citizenCountry: codes.citizenCountry,
    citizenHome: codes.citizenHome,
    freeMove: codes.freeMove,
    nests: codes.nests,
    nestOf: codes.nestOf,
    base,
    index,
    off,
    ...rules,
    ...lotteries,
    entrantMixCdf: citizenshipMixCdf(s, codes, "entrantCitizenship"),
    initialMixCdf: citizenshipMixCdf(s, codes, "initialCitizenship"),
  };
}

/**
 * Codes in sorted order, the countries in order of first region, each citizenship's home, and free movement between
 * countries.
 */
function indexCodes(s: Scenario, issues: Issues): Codes {
  // Indices follow the sorted codes (UTF-16 order, no locale), not the order the keys were
  // written in: indices key agent ids and random streams, and the same scenario written in another
  // key order has the same hash, so it must give the same results.
  const regions = Object.keys(s.regions).sort();
  const citizenships = Object.keys(s.citizenships).sort();
  const lotteries = Object.keys(s.lotteries).sort();
  const countries: string[] = [];
  const regionCountry = new Int32Array(regions.length);
  regions.forEach((code, j) => {
    const country = s.regions[code].country;
    let k = countries.indexOf(country);
    if (k < 0) k = countries.push(country) - 1;
    regionCountry[j] = k;
  });
  const citizenCountry = new Int32Array(citizenships.length);
  const citizenHome = new Int32Array(citizenships.length);
  citizenships.forEach((code, c) => {
    const home = regions.indexOf(s.citizenships[code].home);
    if (home < 0) issues.add(`citizenships.${code}.home`, `unknown region "${s.citizenships[code].home}"`);
    citizenHome[c] = Math.max(home, 0);
    citizenCountry[c] = regionCountry[Math.max(home, 0)];
  });
  const K = countries.length;
  const freeMove = new Uint8Array(K * K);
  for (const group of s.freeMovement) {
    const idx = group.map((g) => countries.indexOf(g)).filter((k) => k >= 0);
    for (const a of idx) for (const b of idx) freeMove[a * K + b] = 1;
  }
  const nests = (s.behavior.nests ?? []).map((nest) => nest.name);
  const nestOf = new Int32Array(regions.length).fill(-1);
  (s.behavior.nests ?? []).forEach((nest, n) => {
    for (const code of nest.regions) {
      const j = regions.indexOf(code);
      if (j < 0) issues.add(`behavior.nests.${n}.regions`, `unknown region "${code}"`);
      else nestOf[j] = n;
    }
  });
  return {
    regions,
    nests,
    nestOf,
    citizenships,
    lotteries,
    countries,
    regionCountry,
    citizenCountry,
    citizenHome,
    freeMove,
  };
}

/** The layout of the parameter vector: the slot of every path and the offset of every group. */
function layoutParameters({ regions, citizenships, lotteries, nests }: Codes): {
  index: Map<string, number>;
  off: Offsets;
  size: number;
} {
  const R = regions.length;
  const C = citizenships.length;
  const L = lotteries.length;
  const index = new Map<string, number>();
  let n = 0;
  const behavior: Record<string, number> = {};
  for (const f of BEHAVIOR_FIELDS) {
    behavior[f] = n;
    index.set(`behavior.${f}`, n++);
  }
  const regionOff = {} as Offsets["region"];
  for (const f of REGION_FIELDS) {
    regionOff[f] = n;
    regions.forEach((code, j) => index.set(`regions.${code}.${f}`, n + j));
    n += R;
  }
  const network = n;
  citizenships.forEach((code, c) => index.set(`citizenships.${code}.network`, n + c));
  n += C;
  const movingCost = n;
  regions.forEach((a, r) => regions.forEach((b, j) => index.set(`movingCost.${a}->${b}`, n + r * R + j)));
  n += R * R;
  const visaFriction = n;
  citizenships.forEach((a, c) => regions.forEach((b, j) => index.set(`visaFriction.${a}->${b}`, n + c * R + j)));
  n += C * R;
  const ruleOff = {} as Offsets["rule"];
  for (const f of RULE_FIELDS) {
    ruleOff[f] = n;
    regions.forEach((j, jj) => citizenships.forEach((c, cc) => index.set(`visas.${j}.${c}.${f}`, n + jj * C + cc)));
    n += R * C;
  }
  const lotteryOff = {} as Offsets["lottery"];
  for (const f of LOTTERY_FIELDS) {
    lotteryOff[f] = n;
    lotteries.forEach((l, ll) => index.set(`lotteries.${l}.${f}`, n + ll));
    n += L;
  }
  const nestLambda = n;
  nests.forEach((name, k) => index.set(`behavior.nests.${name}.lambda`, n + k));
  n += nests.length;
  return {
    index,
    off: {
      behavior,
      region: regionOff,
      network,
      movingCost,
      visaFriction,
      rule: ruleOff,
      lottery: lotteryOff,
      nestLambda,
    },
    size: n,
  };
}

/** Behaviour, the regions' numeric fields and the citizenships' network weights into the vector. */
function writeBehaviorRegionsAndNetworks(
  s: Scenario,
  { regions, citizenships }: Codes,
  off: Offsets,
  base: Float64Array,
): void {
  for (const f of BEHAVIOR_FIELDS) base[off.behavior[f]] = s.behavior[f] ?? 0;
  for (const f of REGION_FIELDS) regions.forEach((code, j) => (base[off.region[f] + j] = s.regions[code][f]));
  citizenships.forEach((code, c) => (base[off.network + c] = s.citizenships[code].network));
}

/** Moving costs into the vector: `A<->B` sets both directions. */
function writeMovingCosts(s: Scenario, { regions }: Codes, off: Offsets, base: Float64Array, issues: Issues): void {
  const R = regions.length;
  for (const [key, value] of Object.entries(s.movingCost)) {
    const pair = parsePairKey(key);
    const r = pair ? regions.indexOf(pair.from) : -1;
    const j = pair ? regions.indexOf(pair.to) : -1;
    if (r < 0 || j < 0) {
      issues.add(`movingCost.${key}`, "must be REGION->REGION or REGION<->REGION with known regions");
      continue;
    }
    base[off.movingCost + r * R + j] = value;
    if (pair!.both) base[off.movingCost + j * R + r] = value;
  }
}

/** Visa frictions into the vector: the "*" entries first, then specific citizenships override them. */
function writeVisaFrictions(
  s: Scenario,
  { regions, citizenships, citizenCountry, regionCountry }: Codes,
  off: Offsets,
  base: Float64Array,
  issues: Issues,
): void {
  const R = regions.length;
  const frictionEntries = Object.entries(s.visaFriction).map(([key, value]) => ({
    key,
    value,
    pair: parsePairKey(key),
  }));
  for (const pass of [true, false]) {
    for (const { key, value, pair } of frictionEntries) {
      if (!pair || pair.both) {
        if (pass) issues.add(`visaFriction.${key}`, "must be CITIZENSHIP->REGION or *->REGION");
        continue;
      }
      if ((pair.from === "*") !== pass) continue;
      const j = regions.indexOf(pair.to);
      const cs = pair.from === "*" ? citizenships.map((_, c) => c) : [citizenships.indexOf(pair.from)];
      if (j < 0 || cs.some((c) => c < 0)) {
        issues.add(`visaFriction.${key}`, "names an unknown citizenship or region");
        continue;
      }
      for (const c of cs) base[off.visaFriction + c * R + j] = value;
    }
  }
  // Citizens of the destination's country face no friction (a definition: docs/model.md 3.3.2).
  citizenships.forEach((_, c) =>
    regions.forEach((__, j) => {
      if (citizenCountry[c] === regionCountry[j]) base[off.visaFriction + c * R + j] = 0;
    }),
  );
}

/** The rule of every (region, citizenship): its kind, permanence and lottery, and its numbers into the vector. */
function compileVisaRules(
  s: Scenario,
  { regions, citizenships, lotteries }: Codes,
  off: Offsets,
  base: Float64Array,
  issues: Issues,
) {
  const R = regions.length;
  const C = citizenships.length;
  const ruleOff = off.rule;
  const ruleKind = new Uint8Array(R * C);
  const rulePermanent = new Uint8Array(R * C);
  const ruleLottery = new Int32Array(R * C).fill(-1);
  regions.forEach((j, jj) =>
    citizenships.forEach((c, cc) => {
      const rl = ruleFor(s, j, c);
      const at = jj * C + cc;
      if (!rl) {
        // No rule: citizens need none; for anyone else the region is closed (probability 0).
        ruleKind[at] = RuleKind.Probability;
        base[ruleOff.admission + at] = 0;
        return;
      }
      const l = writeVisaRule(rl, at, { ruleKind, rulePermanent, ruleLottery }, base, ruleOff, lotteries);
      if (rl.rule === "lottery" && l < 0)
        issues.add(`visas.${j}.${rl === ownValue(s.visas[j], c) ? c : "*"}.pool`, `unknown lottery "${rl.pool}"`);
    }),
  );
  return { ruleKind, rulePermanent, ruleLottery };
}

/** Each lottery's numbers into the vector, its flags and timing, and the lottery of each region. */
function compileLotteries(s: Scenario, { regions, lotteries }: Codes, off: Offsets, base: Float64Array) {
  const L = lotteries.length;
  const regionLottery = new Int32Array(regions.length).fill(-1);
  const lotteryWeighted = new Uint8Array(L);
  const lotteryPeriod = new Int32Array(L);
  const lotteryStartDelay = new Int32Array(L);
  const lotteryGraduateShare = new Float64Array(L);
  const lotteryGraduateTerm = new Int32Array(L);
  const ppy = s.periodsPerYear;
  lotteries.forEach((name, l) => {
    const lot = s.lotteries[name];
    for (const f of LOTTERY_FIELDS) base[off.lottery[f] + l] = lot[f];
    lotteryWeighted[l] = lot.weighted ? 1 : 0;
    lotteryPeriod[l] = lot.period;
    lotteryStartDelay[l] = lot.startDelay;
    if (lot.graduates !== undefined) {
      lotteryGraduateShare[l] = lot.graduates.share;
      lotteryGraduateTerm[l] = Math.round(lot.graduates.years * ppy); // at least 1: validation
    }
    for (const code of lot.regions) {
      const j = regions.indexOf(code);
      if (j >= 0) regionLottery[j] = l;
    }
  });
  return {
    regionLottery,
    lotteryWeighted,
    lotteryPeriod,
    lotteryStartDelay,
    lotteryGraduateShare,
    lotteryGraduateTerm,
  };
}

/** Cumulative citizenship shares of each region's entrants or initial population, R x C. */
function citizenshipMixCdf(
  s: Scenario,
  { regions, citizenships }: Codes,
  pick: "entrantCitizenship" | "initialCitizenship",
): Float64Array {
  const C = citizenships.length;
  const out = new Float64Array(regions.length * C);
  regions.forEach((code, j) => {
    let acc = 0;
    const shares = s.regions[code][pick];
    citizenships.forEach((c, cc) => {
      acc += ownValue(shares, c) ?? 0;
      out[j * C + cc] = acc;
    });
    // Guard the last bin against rounding so every uniform draw finds a citizenship.
    for (let cc = C - 1; cc >= 0; cc--) {
      if ((ownValue(shares, citizenships[cc]) ?? 0) > 0) {
        out[j * C + cc] = Infinity;
        break;
      }
    }
  });
  return out;
}
