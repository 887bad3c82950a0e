import { economicCooperation, regulatoryAlignment, researchCooperation, talentExchange } from "../policies/index";
import type { Policy, Scenario } from "../scenario/types";
import { withPolicies } from "../scenario/withPolicies";
import { assertKnownKeys } from "../_knownKeys";
import { baseline, SCENARIO_OPTION_KEYS, type ScenarioOptions } from "./baseline";

/** Calendar time of the joint declaration of intent, 14 February 2026 (docs/scenarios.md). */
export const DECLARATION_TIME = 2026.12;

/**
 * The four pillars of the Germany-Canada joint declaration of intent on AI (14 February 2026) as
 * policies. The declaration names no magnitudes; every number here is an assumption, chosen and
 * argued in docs/scenarios.md.
 */
export function alliancePolicies(from = DECLARATION_TIME): Policy[] {
  return [
    researchCooperation({
      label: "DE-CA research cooperation",
      partners: ["DE", "CA"],
      from,
      // Half the research-ecosystem gap between Germany (0.2) and Silicon Valley (0.4).
      ecosystemBoost: 0.1,
      // Joint appointments and exchange programmes: a sixth of the 3.0 moving cost, researchers only.
      movingCostCut: 0.5,
      researchersOnly: true,
    }),
    economicCooperation({
      label: "DE-CA economic cooperation (joint AI applications, start-ups)",
      partners: ["DE", "CA"],
      from,
      // USD 0.25bn a year each: the order of 1000 Koepfe Plus, about 13% and 16% of 2023 private AI investment.
      investment: 0.25,
      rampYears: 2,
    }),
    regulatoryAlignment({
      label: "DE-CA regulatory alignment (mutual recognition of certified AI systems)",
      partners: ["DE", "CA"],
      from,
      // Mutual recognition saves a second certification: 5% more investment in each partner.
      investmentGain: 0.05,
      frictionCut: 0.1,
      rampYears: 2,
    }),
    talentExchange({
      label: "DE-CA talent exchange (easier exchange of scientists and developers)",
      partners: ["DE", "CA"],
      from,
      // Halves the chance of a refusal between partners and a quarter of the typical 0.4 friction.
      admissionBoost: 0.5,
      frictionCut: 0.1,
      // Yearly places per destination with guaranteed admission: an assumption of a pilot's size.
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
