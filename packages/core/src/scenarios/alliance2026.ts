import { economicCooperation, regulatoryAlignment, researchCooperation, talentExchange } from "../policies/index";
import type { Policy, Scenario } from "../scenario/types";
import { withPolicies } from "../scenario/withPolicies";
import { assertKnownKeys } from "../_knownKeys";
import { baseline, SCENARIO_OPTION_KEYS, type ScenarioOptions } from "./baseline";

/** Calendar time of the joint declaration of intent, 14 February 2026 (docs/scenarios.md). */
export const DECLARATION_TIME = 2026.12;

/**
 * The four pillars of the Germany-Canada joint declaration of intent on AI (14 February 2026) as
 * policies. The declaration names no magnitudes; each number is sourced or an argued assumption
 * (docs/model.md 3.3.1, data/sources/alliance.csv).
 */
export function alliancePolicies(from = DECLARATION_TIME): Policy[] {
  return [
    researchCooperation({
      label: "DE-CA research cooperation",
      partners: ["DE", "CA"],
      from,
      // Assumed: half the research-ecosystem gap between Germany (0.2) and Silicon Valley (0.4),
      // the order of Canada's association to Horizon Europe's Pillar II (docs/model.md 3.3.1).
      ecosystemBoost: 0.1,
      // Assumed: joint appointments and exchange programmes, a sixth of the 3.0 moving cost, researchers only.
      movingCostCut: 0.5,
      researchersOnly: true,
    }),
    economicCooperation({
      label: "DE-CA economic cooperation (joint AI applications, start-ups)",
      partners: ["DE", "CA"],
      from,
      // Assumed: USD 0.25bn a year each, about a third of Germany's federal AI spending a year
      // (EUR 5bn over 2019-25) and 70% of Canada's Budget 2024 AI measures a year (docs/model.md 3.3.1).
      investment: 0.25,
      rampYears: 2,
    }),
    regulatoryAlignment({
      label: "DE-CA regulatory alignment (mutual recognition of certified AI systems)",
      partners: ["DE", "CA"],
      from,
      // The second conformity assessment saved (docs/model.md 3.3.1): 5-15% of AI systems are
      // high-risk and one assessment costs EUR 3,500-7,500 of a EUR 170,000 system (European
      // Commission, SWD(2021) 84); about 1% of each partner's exports go to the other (assumed).
      certifiedShare: 0.1,
      assessmentCost: 0.032,
      exportShare: 0.01,
      investmentElasticity: 1,
      // Recognition of products does not ease visas.
      frictionCut: 0,
      rampYears: 2,
    }),
    talentExchange({
      label: "DE-CA talent exchange (easier exchange of scientists and developers)",
      partners: ["DE", "CA"],
      from,
      // The places are the route: every eligible applicant tries them first, so no boost of the rule.
      admissionBoost: 0,
      // Assumed: a dedicated route's processing, a quarter of the typical 0.4 friction.
      frictionCut: 0.1,
      // Assumed: yearly places per destination, the size of a pilot; demand, not the places, limits
      // how many are used (docs/model.md 3.3.1).
      slots: 500,
    }),
  ];
}

/**
 * The baseline plus the Germany-Canada AI alliance from 14 February 2026: research cooperation,
 * economic cooperation, regulatory alignment and talent exchange.
 *
 * @example
 * const alliance = scenarios.alliance2026({ agents: 50_000 });
 * alliance.policies.filter((p) => p.from === 2026.12).length // => 4
 */
export function alliance2026(options: ScenarioOptions = {}): Scenario {
  assertKnownKeys(options, SCENARIO_OPTION_KEYS, "scenarios.alliance2026");
  return withPolicies(baseline(options), alliancePolicies(), {
    name: "alliance2026",
    description: "Baseline plus the four pillars of the Germany-Canada AI declaration of 14 February 2026.",
  });
}
