/**
 * Reading and setting one numeric parameter of a scenario by its dotted path, the names sweeps,
 * sensitivity analysis and calibration use.
 * @module
 */
import { Issues, showValue } from "../_issues";
import type { Scenario } from "../scenario/types";
import { cloneScenario } from "../scenario/withPolicies";

type Node = Record<string, unknown>;

function fail(path: string, message: string): never {
  throw Issues.single(path, message, "unknown parameter path");
}

function isNode(v: unknown): v is Node {
  return v !== null && typeof v === "object";
}

function pair(key: string): { from: string; to: string; both: boolean } | undefined {
  const both = key.indexOf("<->");
  if (both > 0) return { from: key.slice(0, both), to: key.slice(both + 3), both: true };
  const one = key.indexOf("->");
  if (one > 0) return { from: key.slice(0, one), to: key.slice(one + 2), both: false };
  return undefined;
}

/** Splits `movingCost.DE->CA` into segments; pair keys and lottery names contain no dots. */
function segments(path: unknown): string[] {
  if (typeof path !== "string" || path.length === 0)
    fail(String(path), "a parameter path must be a non-empty dotted string such as behavior.beta");
  return path.split(".");
}

/** Where a path's value lives: the object and key, after resolving pair keys and `*` rules. */
interface Slot {
  node: Node;
  key: string;
  /** Current value (pairs that are not written down cost 0). */
  value: number;
  /** Applied before writing (splitting a two-way key, copying a `*` rule). */
  prepare?: () => void;
  /** Why the path has no single value to read (a two-way key whose directions differ); writing is fine. */
  ambiguous?: string;
}

function locate(s: Scenario, path: string): Slot {
  const parts = segments(path);
  const [head, ...rest] = parts;
  if ((head === "movingCost" || head === "visaFriction") && rest.length === 1) {
    return locatePairKey(s, path, head, rest[0]);
  }
  if (head === "visas" && rest.length === 3) {
    const slot = locateStarRuleCopy(s, path, rest as [string, string, string]);
    if (slot) return slot;
  }
  if (head === "behavior" && rest.length === 3 && rest[0] === "nests") return locateNest(s, path, rest[1], rest[2]);
  return locateField(s, path, parts);
}

/** A field of a nest, by the nest's name (`behavior.nests.US.lambda`) or its index (`behavior.nests.0.lambda`). */
function locateNest(s: Scenario, path: string, name: string, field: string): Slot {
  const nests = s.behavior?.nests ?? [];
  const nest = nests.find((n) => n.name === name) ?? (/^\d+$/.test(name) ? nests[Number(name)] : undefined);
  if (nest === undefined) {
    const names = nests.map((n) => n.name).join(", ");
    fail(path, `behavior.nests has no nest ${JSON.stringify(name)}${names ? `; nests: ${names}` : " (no nests)"}`);
  }
  if (field !== "lambda") fail(path, `a nest's numeric field is lambda, got ${JSON.stringify(field)}`);
  return { node: nest as unknown as Node, key: field, value: nest.lambda };
}

/** A key of the `movingCost` or `visaFriction` table (`DE->CA`, `DE<->CA`, `*->CA`). */
function locatePairKey(s: Scenario, path: string, head: "movingCost" | "visaFriction", key: string): Slot {
  const regions = Object.keys(s.regions ?? {});
  const citizenships = Object.keys(s.citizenships ?? {});
  const table = s[head] as Record<string, number>;
  const p = pair(key);
  const fromOk =
    head === "movingCost" ? regions.includes(p?.from ?? "") : p?.from === "*" || citizenships.includes(p?.from ?? "");
  if (!p || !fromOk || !regions.includes(p.to) || (head === "visaFriction" && p.both)) {
    fail(
      path,
      head === "movingCost"
        ? `must be movingCost.REGION->REGION or REGION<->REGION with regions ${regions.join(", ")}`
        : `must be visaFriction.CITIZENSHIP->REGION (or *->REGION) with ` +
            `citizenships ${citizenships.join(", ")} and regions ${regions.join(", ")}`,
    );
  }
  if (Object.hasOwn(table, key)) return { node: table, key, value: table[key] };
  if (head === "visaFriction") {
    const star = table[`*->${p.to}`];
    return { node: table, key, value: p.from !== "*" && star !== undefined ? star : 0 };
  }
  if (p.both) {
    const shared = table[`${p.from}<->${p.to}`] ?? table[`${p.to}<->${p.from}`];
    const oneWay = table[`${p.from}->${p.to}`] ?? shared ?? 0;
    const reverse = table[`${p.to}->${p.from}`] ?? shared ?? 0;
    return {
      node: table,
      key,
      value: oneWay,
      ...(oneWay !== reverse
        ? {
            ambiguous:
              `has no single value: the two directions differ (${p.from}->${p.to} ${oneWay}, ` +
              `${p.to}->${p.from} ${reverse}); read ${head}.${p.from}->${p.to} and ${head}.${p.to}->${p.from}`,
          }
        : {}),
      prepare: () => {
        for (const k of [`${p.from}->${p.to}`, `${p.to}->${p.from}`, `${p.to}<->${p.from}`]) delete table[k];
      },
    };
  }
  // A one-way key that a two-way key sets: split it so that the reverse keeps its value.
  const twoWay = [`${p.from}<->${p.to}`, `${p.to}<->${p.from}`].find((k) => Object.hasOwn(table, k));
  if (twoWay !== undefined) {
    const old = table[twoWay];
    return {
      node: table,
      key,
      value: old,
      prepare: () => {
        delete table[twoWay];
        const reverse = `${p.to}->${p.from}`;
        if (!Object.hasOwn(table, reverse)) table[reverse] = old;
      },
    };
  }
  return { node: table, key, value: 0 };
}

/**
 * A field of `visas.REGION.CITIZENSHIP` where the citizenship has no rule of its own and follows
 * the region's `*` rule: a copy of that rule to change; undefined where the path names a rule of
 * its own (read as any other field).
 */
function locateStarRuleCopy(
  s: Scenario,
  path: string,
  [region, citizenship, field]: [string, string, string],
): Slot | undefined {
  const citizenships = Object.keys(s.citizenships ?? {});
  const rules = (s.visas && Object.hasOwn(s.visas, region) ? s.visas[region] : undefined) as Node | undefined;
  if (!rules)
    fail(path, `visas has no region ${JSON.stringify(region)}; regions: ${Object.keys(s.visas ?? {}).join(", ")}`);
  if (
    !Object.hasOwn(rules, citizenship) &&
    citizenship !== "*" &&
    citizenships.includes(citizenship) &&
    isNode(rules["*"])
  ) {
    // The citizenship follows the region's "*" rule: give it its own copy to change.
    const star = rules["*"] as Node;
    const absent = Object.hasOwn(star, field) ? undefined : absentMeans(["visas", region, citizenship, field]);
    if (typeof star[field] !== "number" && absent === undefined)
      fail(path, `the rule of visas.${region}.* has no numeric field ${JSON.stringify(field)}`);
    const own = cloneScenario(star);
    return {
      node: own,
      key: field,
      value: absent ?? (star[field] as number),
      prepare: () => {
        rules[citizenship] = own;
      },
    };
  }
  return undefined;
}

/**
 * The value an optional numeric field means when a scenario leaves it out (the value the engine
 * reads), so that it can be read, swept and varied like a written one: a behaviour's
 * `firstJobChoice` and a visa rule's `duration` and `renewal` mean 0. Undefined for the rest.
 */
function absentMeans(parts: readonly string[]): number | undefined {
  const last = parts[parts.length - 1];
  if (parts.length === 2 && parts[0] === "behavior" && last === "firstJobChoice") return 0;
  if (parts.length === 4 && parts[0] === "visas" && (last === "duration" || last === "renewal")) return 0;
  return undefined;
}

/** A numeric field by its dotted path. */
function locateField(s: Scenario, path: string, parts: readonly string[]): Slot {
  let node: unknown = s;
  for (let k = 0; k < parts.length - 1; k++) {
    const part = parts[k];
    if (!isNode(node) || !Object.hasOwn(node, part)) {
      const at = parts.slice(0, k).join(".");
      const keys = isNode(node) ? Object.keys(node).join(", ") : "";
      fail(
        path,
        `${at ? `${at} has` : "the scenario has"} no field ${JSON.stringify(part)}${keys ? `; fields: ${keys}` : ""}`,
      );
    }
    node = node[part];
  }
  const last = parts[parts.length - 1];
  const absent = absentMeans(parts);
  if (isNode(node) && !Object.hasOwn(node, last) && absent !== undefined) return { node, key: last, value: absent };
  if (!isNode(node) || !Object.hasOwn(node, last)) {
    const at = parts.slice(0, -1).join(".");
    const keys = isNode(node)
      ? Object.keys(node)
          .filter((k) => typeof node[k] === "number")
          .join(", ")
      : "";
    fail(path, `${at} has no field ${JSON.stringify(last)}${keys ? `; numeric fields: ${keys}` : ""}`);
  }
  const value = node[last];
  if (typeof value !== "number")
    fail(path, `is not a numeric parameter (it holds ${Array.isArray(value) ? "an array" : typeof value})`);
  return { node, key: last, value };
}

/**
 * The value of a numeric parameter, by its dotted path. Pairs that the scenario does not write
 * down read as the engine reads them: a moving cost set by `DE<->CA` is the value of `DE->CA`,
 * a missing one is 0; a citizenship without its own visa friction or rule reads the `*` entry.
 *
 * A two-way path (`movingCost.DE<->CA`) reads the value both directions share, and is refused
 * where they differ, so a sweep or calibration on it cannot silently start from one direction.
 *
 * @throws ValidationError naming the path if it does not lead to a number, or if it is a two-way
 *   moving cost whose directions differ.
 * @example
 * getParameter(scenarios.baseline(), "movingCost.DE->CA") // => 3 (from "DE<->CA")
 * getParameter(scenarios.baseline(), "regions.DE.taxRate") // => 0.42
 */
export function getParameter(scenario: Scenario, path: string): number {
  const slot = locate(scenario, path);
  if (slot.ambiguous !== undefined) throw Issues.single(path, slot.ambiguous, "ambiguous parameter path");
  return slot.value;
}

/**
 * Throws as {@link getParameter} does for a path that leads to no number, but accepts a two-way
 * moving cost whose directions differ: for callers that only write the path (sweeps). @internal
 */
export function assertParameterPath(scenario: Scenario, path: string): void {
  locate(scenario, path);
}

/**
 * A copy of the scenario with one numeric parameter set, by its dotted path: `behavior.beta`,
 * `regions.DE.taxRate`, `movingCost.DE->CA`, `visaFriction.IN->SV`, `lotteries.US-H1B.cap`,
 * `visas.SV.IN.fee`, `citizenships.CA.network`, `policies.0.amount`, `behavior.nests.US.lambda`
 * (a nest by its name). The input is not changed.
 *
 * Setting `movingCost.DE->CA` where the scenario writes `DE<->CA` splits the two-way entry into
 * two one-way entries, so `CA->DE` keeps its value; setting `DE<->CA` replaces both directions.
 * Setting the visa rule field of a citizenship that follows the region's `*` rule gives it its own
 * copy of that rule. The result is not validated here: a run validates it and names the field.
 *
 * @throws ValidationError naming the path if it does not lead to a numeric parameter, or if
 *   the value is not a number.
 * @example
 * const s = setParameter(scenarios.baseline(), "movingCost.DE->CA", 2);
 * s.movingCost["DE->CA"] // => 2
 * s.movingCost["CA->DE"] // => 3 (the old two-way value)
 */
export function setParameter(scenario: Scenario, path: string, value: number): Scenario {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw Issues.single(path, `must be set to a number, got ${showValue(value)}`, "invalid parameter value");
  }
  const out = cloneScenario(scenario);
  const slot = locate(out, path);
  slot.prepare?.();
  slot.node[slot.key] = value;
  return out;
}

/**
 * A copy of the scenario with several parameters set, in the order of the record's keys.
 *
 * @example
 * setParameters(scenarios.baseline(), { "behavior.beta": 0.7, "regions.CA.taxRate": 0.3 })
 */
export function setParameters(scenario: Scenario, values: Readonly<Record<string, number>>): Scenario {
  let out = scenario;
  for (const [path, value] of Object.entries(values)) out = setParameter(out, path, value);
  return out;
}
