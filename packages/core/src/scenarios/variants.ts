import { languageAccess, openWorkPermit } from "../policies/index";
import type { Scenario } from "../scenario/types";
import { withPolicies } from "../scenario/withPolicies";
import { assertKnownKeys } from "../_knownKeys";
import { baseline, SCENARIO_OPTION_KEYS, type ScenarioOptions } from "./baseline";

/**
 * The US fee of USD 100,000 per new H-1B petition for hires abroad lapses after its 12 months
 * (it took effect on 21 September 2025 "for 12 months unless extended"); the baseline assumes it
 * is extended.
 *
 * @example
 * scenarios.usFeeLapses().policies.filter((p) => p.kind === "visaRegime" && p.until === 2026.72).length // => 2
 */
export function usFeeLapses(options: ScenarioOptions = {}): Scenario {
  assertKnownKeys(options, SCENARIO_OPTION_KEYS, "scenarios.usFeeLapses");
  const s = baseline(options);
  for (const p of s.policies) if (p.kind === "visaRegime" && p.fee !== undefined) p.until = 2026.72;
  return { ...s, name: "usFeeLapses", description: "Baseline, but the US H-1B fee lapses on 21 September 2026." };
}

/**
 * Canada's fast track for H-1B holders (Budget 2025): an open work permit with permanent
 * residence for temporary-status holders in the US, 5,000 places a year from 2026 (the number of
 * places is an assumption; the 2023 one-off permit had 10,000, gone in two days).
 *
 * @example
 * scenarios.canadaFastTrack().policies.at(-1)?.kind // => "openWorkPermit"
 */
export function canadaFastTrack(options: ScenarioOptions = {}): Scenario {
  assertKnownKeys(options, SCENARIO_OPTION_KEYS, "scenarios.canadaFastTrack");
  return withPolicies(
    baseline(options),
    [
      openWorkPermit({
        label: "Canada: fast track for H-1B holders",
        region: "CA",
        holdersIn: ["SV", "USR"],
        places: 5000,
        perYear: true,
        permanent: true,
        from: 2026.5,
      }),
    ],
    {
      name: "canadaFastTrack",
      description: "Baseline plus a yearly Canadian open work permit with residence for US H-1B holders.",
    },
  );
}

/**
 * Germany opens more jobs to English speakers: the share of English-open jobs rises from 0.4 to
 * 0.6 over four years from 2027 (an assumption: Berlin start-ups are already near 0.6).
 *
 * @example
 * scenarios.germanyEnglishJobs().policies.at(-1)?.kind // => "languageAccess"
 */
export function germanyEnglishJobs(options: ScenarioOptions = {}): Scenario {
  assertKnownKeys(options, SCENARIO_OPTION_KEYS, "scenarios.germanyEnglishJobs");
  return withPolicies(
    baseline(options),
    [
      languageAccess({
        label: "Germany: more jobs open to English speakers",
        region: "DE",
        englishJobShare: 0.6,
        from: 2027,
        rampYears: 4,
      }),
    ],
    {
      name: "germanyEnglishJobs",
      description: "Baseline, with 60% of German AI jobs open to English speakers by 2031.",
    },
  );
}
