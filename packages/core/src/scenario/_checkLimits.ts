/**
 * Cross-field checks of what the engine can hold: the sizes of its indices, its id space
 * (periods, entrants per region and period in agents), the compounding of labour demand, and
 * the memory of the population.
 * @internal
 * @module
 */
import { AGENT_ID_LIMITS as ENGINE_LIMITS, entrantsPerRegionPeriodLimit } from "../engine/_agentColumns";
import { agentSlots, estimateMemoryBytes, memoryMessage } from "./_memoryEstimate";
import { entries, isInt, isNum, isObject, tidy, type CheckContext } from "./_checkContext";
import type { Scenario } from "./types";

/** Largest growth of labour demand over a run, as a logarithm (e^25 is about 7e10-fold). */
const MAX_LOG_DEMAND_GROWTH = 25;

/** Sizes the engine's indices can hold: regions and citizenships (uint8 columns). @internal */
export function checkIndexSizes({ issues, regionCodes, citizenshipCodes }: CheckContext): void {
  if (regionCodes !== undefined) {
    if (regionCodes.length === 0) issues.add(["regions"], "must define at least one region");
    if (regionCodes.length > ENGINE_LIMITS.regions) {
      issues.add(
        ["regions"],
        `has ${regionCodes.length} regions, above the engine's limit of ${ENGINE_LIMITS.regions}`,
      );
    }
  }
  if (citizenshipCodes !== undefined) {
    if (citizenshipCodes.length === 0) issues.add(["citizenships"], "must define at least one citizenship");
    if (citizenshipCodes.length > ENGINE_LIMITS.citizenships) {
      issues.add(
        ["citizenships"],
        `has ${citizenshipCodes.length} citizenships, above the engine's limit of ${ENGINE_LIMITS.citizenships}`,
      );
    }
  }
}

/**
 * The run's limits: its periods and each region's entrants per period against the engine's id
 * space, labour demand's compounding, and the population's memory against `maxBytes`. @internal
 */
export function checkRunLimits(ctx: CheckContext, maxBytes: number): void {
  const { s, issues, regionCodes, ppy, people, peopleKnown } = ctx;
  const years = isInt(s.years) && s.years >= 1 ? s.years : undefined;
  const burnIn = isInt(s.burnInYears) && s.burnInYears >= 0 ? s.burnInYears : undefined;
  if (years !== undefined && burnIn !== undefined && ppy !== undefined) {
    const periods = (years + burnIn) * ppy;
    if (periods > ENGINE_LIMITS.periods) {
      issues.add(
        ["years"],
        `the run has ${periods} periods ((years + burnInYears) x periodsPerYear = (${years} ` +
          `+ ${burnIn}) x ${ppy}), above the engine's limit of ${ENGINE_LIMITS.periods}`,
      );
    }
  }
  if (years !== undefined && burnIn !== undefined) checkDemandGrowth(ctx, years + burnIn);
  const agents = s.agents === undefined ? people : isInt(s.agents) && s.agents >= 1 ? s.agents : undefined;
  const scale = peopleKnown && people > 0 && agents !== undefined ? people / agents : undefined;
  const entrantsKnown =
    regionCodes !== undefined &&
    entries(s.regions).every(([, d]) => isObject(d) && isNum(d.entrants) && d.entrants >= 0);
  if (
    scale !== undefined &&
    ppy !== undefined &&
    regionCodes !== undefined &&
    regionCodes.length <= ENGINE_LIMITS.regions
  ) {
    const limit = entrantsPerRegionPeriodLimit(regionCodes.length);
    for (const [r, def] of entries(s.regions)) {
      const e = isObject(def) ? def.entrants : undefined;
      if (!isNum(e) || e < 0) continue;
      const perPeriod = e / scale / ppy;
      if (perPeriod > limit) {
        issues.add(
          ["regions", r, "entrants"],
          `makes ${Math.ceil(perPeriod)} agents per period (entrants / scale / periodsPerYear = ${tidy(e)} ` +
            `/ ${tidy(scale)} / ${ppy}), above the engine's limit of ${limit} with ${regionCodes.length} regions; ` +
            `lower \`agents\` to raise the scale`,
        );
      }
    }
  }

  // Memory.
  if (scale !== undefined && entrantsKnown && years !== undefined && burnIn !== undefined) {
    const bytes = estimateMemoryBytes(s as unknown as Scenario);
    if (bytes > maxBytes) issues.add(["agents"], memoryMessage(bytes, agentSlots(s as unknown as Scenario), maxBytes));
  }
}

/**
 * Labour demand compounds demandGrowth over burn-in and the reported years: beyond e^25-fold
 * the wage level would leave the range where e^(log wage) is finite (docs/reliability.md).
 */
function checkDemandGrowth({ s, issues }: CheckContext, runYears: number): void {
  for (const [r, def] of entries(s.regions)) {
    const g = isObject(def) ? def.demandGrowth : undefined;
    if (!isNum(g) || g <= -1 || g > 0.5) continue;
    const growth = runYears * Math.log1p(g);
    if (growth > MAX_LOG_DEMAND_GROWTH) {
      issues.add(
        ["regions", r, "demandGrowth"],
        `compounds to e^${tidy(growth)} over the ${runYears} years of the run ((years + burnInYears) ` +
          `x ln(1 + demandGrowth)), above e^${MAX_LOG_DEMAND_GROWTH}; lower it or shorten the run`,
      );
    }
  }
}
