/**
 * The policies' fiscal cost of a period per region, in USD (docs/model.md 3.3.14, `fiscalCost`):
 * the public investment the policies add and the tax revenue that tax incentives forgo.
 */
import type { CompiledScenario } from "../kernel/_compile";
import { policyWeight, type PeriodParams } from "../kernel/_period";
import { ownValue } from "../_ownValue";
import type { Policy } from "../scenario/types";
import type { PeriodTables } from "../kernel/_tables";
import { Flag, type AgentColumns } from "./_agentColumns";

/**
 * The public investment the policies in force at calendar time `time` add per region, in USD for
 * one period: the `amount` of `investment` policies and the `investment` of `economicCooperation`
 * policies (USD billion a year), times their weight (ramp), × 1e9 / periodsPerYear. Written into
 * `out`, which it returns.
 */
export function addedInvestmentCost(
  cs: CompiledScenario,
  policies: readonly Policy[],
  time: number,
  out: Float64Array,
): Float64Array {
  const perPeriod = 1e9 / cs.scenario.periodsPerYear;
  out.fill(0);
  for (const p of policies) {
    if (p.kind !== "investment" && p.kind !== "economicCooperation") continue;
    const w = policyWeight(p, time);
    if (w <= 0) continue;
    if (p.kind === "investment") {
      out[cs.regions.indexOf(p.region)] += w * p.amount * perPeriod;
      continue;
    }
    for (const code of p.partners) {
      const amount = typeof p.investment === "number" ? p.investment : (ownValue(p.investment, code) ?? 0);
      out[cs.regions.indexOf(code)] += w * amount * perPeriod;
    }
  }
  return out;
}

/**
 * Adds to `out` the tax revenue forgone in internal period t by each region's tax incentive: over
 * the active agents who hold it at the end of the period (targeted, and whose last move between
 * countries was less than the incentive's `years` ago, as in the decision's value of staying),
 * reduction × gross wage e^(mu_j + sigma_j z) / periodsPerYear, times `scale` people per agent.
 * Reads the agents only in periods with an incentive in force; no allocation.
 */
export function addForgoneTax(
  cs: CompiledScenario,
  params: PeriodParams,
  T: PeriodTables,
  a: AgentColumns,
  t: number,
  scale: number,
  out: Float64Array,
): void {
  const R = out.length;
  let any = false;
  for (let j = 0; j < R; j++) if (params.taxReduction[j] > 0) any = true;
  if (!any) return;
  const ppy = cs.scenario.periodsPerYear;
  const sigma = cs.off.region.skillReturn;
  const { flags, region, citizenship, arrivedPeriod, skill } = a;
  for (let i = 0; i < a.used; i++) {
    const f = flags[i];
    if ((f & Flag.Active) === 0 || (f & Flag.Arrived) === 0) continue;
    const j = region[i];
    const reduction = params.taxReduction[j];
    if (reduction <= 0 || params.taxWindow[j] <= t - arrivedPeriod[i]) continue;
    // Target bits: 1 newcomers (non-citizens), 2 returnees (citizens of the region's country).
    const citizen = cs.citizenCountry[citizenship[i]] === cs.regionCountry[j];
    if ((params.taxTarget[j] & (citizen ? 2 : 1)) === 0) continue;
    out[j] += (reduction * Math.exp(T.mu[j] + params.vec[sigma + j] * skill[i]) * scale) / ppy;
  }
}
