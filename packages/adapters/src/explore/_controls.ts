/**
 * The explorer's controls as data: what each one is called, what it changes in the scenario
 * (a dotted path under `set:` of a scenario file, or a field of a policy the group adds), its
 * range and step for the input, and a line of help. The page draws them; the state module turns
 * their values into a scenario file; no code elsewhere knows the parameters.
 * @internal
 * @module
 */
import { getParameter, policies, scenarios, type Policy, type Scenario } from "@talentflow/core";

/** A number typed into a field. */
export interface NumberControl {
  readonly kind: "number";
  /** Key in the state and the URL, e.g. `research.boost`. */
  readonly id: string;
  readonly label: string;
  readonly help: string;
  /** Hints for the input's arrows; the validator, not these, decides what is accepted. */
  readonly min: number;
  readonly max?: number;
  readonly step: number;
  /** Dotted paths of the scenario file's `set:` this value goes to. */
  readonly set?: readonly string[];
  /** Or: the field of the group's policy. */
  readonly field?: string;
  /** The value when nothing is changed, read from the baseline or the group's policy. */
  readonly initial: (baseline: Scenario) => number;
}

/** A switch: a group's policy on or off, or a change written only when on. */
export interface ToggleControl {
  readonly kind: "toggle";
  readonly id: string;
  readonly label: string;
  readonly help: string;
  /** When on: these `set:` values; when off: `off` (or nothing). */
  readonly set?: Readonly<Record<string, unknown>>;
  readonly off?: Readonly<Record<string, unknown>>;
  readonly initial: boolean;
}

/** Any control of the page. */
export type Control = NumberControl | ToggleControl;

/** A fieldset of the page: a policy (switched by its first control) or a set of parameters. */
export interface ControlGroup {
  readonly id: string;
  readonly legend: string;
  readonly help: string;
  /** The policy this group adds to the baseline while its `<id>.on` switch is on, with its fields set. */
  readonly policy?: () => Policy;
  readonly controls: readonly Control[];
}

const alliance = () => scenarios.alliancePolicies();
const lastPolicy = (s: Scenario): Policy => s.policies[s.policies.length - 1];
const fieldOf = (make: () => Policy, field: string) => () =>
  Number((make() as unknown as Record<string, unknown>)[field]);
const onSwitch = (id: string, label: string, help: string): ToggleControl => ({
  kind: "toggle",
  id: `${id}.on`,
  label,
  help,
  initial: false,
});

/** The policies the groups add, from core's own scenarios so that the presets match them exactly. */
const POLICY_TEMPLATES = {
  research: () => alliance()[0],
  economic: () => alliance()[1],
  regulatory: () => alliance()[2],
  exchange: () => alliance()[3],
  fastTrack: () => lastPolicy(scenarios.canadaFastTrack({ agents: 1, years: 1 })),
  englishJobs: () => lastPolicy(scenarios.germanyEnglishJobs({ agents: 1, years: 1 })),
  investDE: () => policies.investment({ label: "Germany: more AI investment", region: "DE", amount: 0.5, from: 2027 }),
  investCA: () => policies.investment({ label: "Canada: more AI investment", region: "CA", amount: 0.5, from: 2027 }),
  taxDE: () =>
    policies.taxIncentive({ label: "Germany: lower tax for newcomers", region: "DE", reduction: 0.1, from: 2027 }),
  taxCA: () =>
    policies.taxIncentive({ label: "Canada: lower tax for newcomers", region: "CA", reduction: 0.1, from: 2027 }),
} satisfies Record<string, () => Policy>;

const policyNumber = (
  group: keyof typeof POLICY_TEMPLATES,
  field: string,
  label: string,
  help: string,
  range: { min: number; max?: number; step: number },
): NumberControl => ({
  kind: "number",
  id: `${group}.${field}`,
  label,
  help,
  ...range,
  field,
  initial: fieldOf(POLICY_TEMPLATES[group], field),
});

const US_FEE_PATHS = ["policies.0.fee", "policies.1.fee"];

/** Every group of controls, in the order of the page (and of the policies in the scenario file). */
export const CONTROL_GROUPS: readonly ControlGroup[] = [
  {
    id: "us",
    legend: "United States visas",
    help: "The baseline's US rules: the H-1B fee, the lottery's cap and its wage-weighted draw.",
    controls: [
      {
        kind: "number",
        id: "us.fee",
        label: "Fee per new H-1B petition for a hire abroad (USD)",
        help: "USD 100,000 since 21 September 2025; 0 removes it.",
        min: 0,
        step: 10_000,
        set: US_FEE_PATHS,
        initial: (b) => Number(getParameter(b, US_FEE_PATHS[0])),
      },
      {
        kind: "toggle",
        id: "us.feeLapses",
        label: "The fee lapses on 21 September 2026",
        help: "The proclamation set it for 12 months unless extended; the baseline assumes it is extended.",
        set: { "policies.0.until": 2026.72, "policies.1.until": 2026.72 },
        initial: false,
      },
      {
        kind: "number",
        id: "us.cap",
        label: "H-1B lottery selections a year (people in the modelled AI pool)",
        help: "The modelled AI pool's share of USCIS's selections: 2,664 a year.",
        min: 0,
        step: 100,
        set: ["lotteries.US-H1B.cap"],
        initial: (b) => Number(getParameter(b, "lotteries.US-H1B.cap")),
      },
      {
        kind: "toggle",
        id: "us.weighted",
        label: "Wage-weighted H-1B selection from March 2026",
        help: "Higher wage levels get more entries in the draw (final rule of 29 December 2025).",
        set: { "policies.2.weighted": true },
        off: { "policies.2.weighted": false },
        initial: true,
      },
    ],
  },
  {
    id: "de",
    legend: "Germany's Blue Card",
    help: "The EU Blue Card's salary threshold for non-Germans.",
    controls: [
      {
        kind: "number",
        id: "de.threshold",
        label: "Blue Card salary threshold (USD a year)",
        help: "EUR 45,934 in 2026 (USD 49,609 at 1.08); admission is likelier at or above it.",
        min: 0,
        step: 1000,
        set: ["visas.DE.*.threshold"],
        initial: (b) => Number(getParameter(b, "visas.DE.*.threshold")),
      },
    ],
  },
  {
    id: "research",
    legend: "Alliance: research cooperation",
    help: "Germany and Canada from 14 February 2026: stronger research ecosystems, cheaper moves for researchers.",
    policy: POLICY_TEMPLATES.research,
    controls: [
      onSwitch("research", "Research cooperation on", "The first pillar of the Germany–Canada declaration."),
      policyNumber("research", "ecosystemBoost", "Research ecosystem boost (logit units)", "Added in both.", {
        min: 0,
        step: 0.05,
      }),
      policyNumber("research", "movingCostCut", "Moving cost cut between partners (logit units)", "Researchers.", {
        min: 0,
        step: 0.1,
      }),
    ],
  },
  {
    id: "economic",
    legend: "Alliance: economic cooperation",
    help: "Joint AI applications and start-ups: yearly investment added in Germany and Canada.",
    policy: POLICY_TEMPLATES.economic,
    controls: [
      onSwitch("economic", "Economic cooperation on", "The second pillar of the declaration."),
      policyNumber("economic", "investment", "Investment added in each partner (USD billion a year)", "Ramps in.", {
        min: 0,
        step: 0.05,
      }),
    ],
  },
  {
    id: "regulatory",
    legend: "Alliance: regulatory alignment",
    help: "Mutual recognition of certified AI systems: a second conformity assessment is saved.",
    policy: POLICY_TEMPLATES.regulatory,
    controls: [
      onSwitch("regulatory", "Regulatory alignment on", "The third pillar of the declaration."),
      policyNumber("regulatory", "certifiedShare", "Share of AI investment needing certification", "0 to 1.", {
        min: 0,
        max: 1,
        step: 0.05,
      }),
    ],
  },
  {
    id: "exchange",
    legend: "Alliance: talent exchange",
    help: "A dedicated route for scientists and developers between Germany and Canada.",
    policy: POLICY_TEMPLATES.exchange,
    controls: [
      onSwitch("exchange", "Talent exchange on", "The fourth pillar of the declaration."),
      policyNumber("exchange", "slots", "Places a year per destination (people)", "Tried before the usual rule.", {
        min: 0,
        step: 100,
      }),
      policyNumber("exchange", "frictionCut", "Visa friction cut (logit units)", "Faster processing.", {
        min: 0,
        step: 0.05,
      }),
    ],
  },
  {
    id: "fastTrack",
    legend: "Canada: fast track for H-1B holders",
    help: "An open work permit with permanent residence for temporary-status holders in the US, from mid-2026.",
    policy: POLICY_TEMPLATES.fastTrack,
    controls: [
      onSwitch("fastTrack", "Fast track on", "As in the built-in scenario canadaFastTrack."),
      policyNumber("fastTrack", "places", "Permits a year (people)", "The 2023 one-off permit had 10,000.", {
        min: 0,
        step: 500,
      }),
    ],
  },
  {
    id: "englishJobs",
    legend: "Germany: jobs open to English speakers",
    help: "The share of German AI jobs open to English speakers rises over four years from 2027.",
    policy: POLICY_TEMPLATES.englishJobs,
    controls: [
      onSwitch("englishJobs", "More English-speaking jobs on", "As in the built-in scenario germanyEnglishJobs."),
      policyNumber("englishJobs", "englishJobShare", "Share of jobs open to English speakers", "0.4 now.", {
        min: 0,
        max: 1,
        step: 0.05,
      }),
    ],
  },
  {
    id: "investDE",
    legend: "Germany: more AI investment",
    help: "Yearly AI investment added in Germany from 2027.",
    policy: POLICY_TEMPLATES.investDE,
    controls: [
      onSwitch("investDE", "German investment on", "Raises the demand for AI workers in Germany."),
      policyNumber("investDE", "amount", "Investment added (USD billion a year)", "Germany's is 1.91.", {
        min: 0,
        step: 0.1,
      }),
    ],
  },
  {
    id: "investCA",
    legend: "Canada: more AI investment",
    help: "Yearly AI investment added in Canada from 2027.",
    policy: POLICY_TEMPLATES.investCA,
    controls: [
      onSwitch("investCA", "Canadian investment on", "Raises the demand for AI workers in Canada."),
      policyNumber("investCA", "amount", "Investment added (USD billion a year)", "Canada's is 1.61.", {
        min: 0,
        step: 0.1,
      }),
    ],
  },
  {
    id: "taxDE",
    legend: "Germany: tax incentive for newcomers",
    help: "A lower income tax for migrants and returning Germans for their first years, from 2027.",
    policy: POLICY_TEMPLATES.taxDE,
    controls: [
      onSwitch("taxDE", "German tax incentive on", "For newcomers and returnees."),
      policyNumber("taxDE", "reduction", "Tax cut (share: 0.1 is ten points)", "Below the tax rate.", {
        min: 0,
        max: 1,
        step: 0.01,
      }),
      policyNumber("taxDE", "years", "Years after arrival", "How long the cut lasts.", { min: 0, step: 1 }),
    ],
  },
  {
    id: "taxCA",
    legend: "Canada: tax incentive for newcomers",
    help: "A lower income tax for migrants and returning Canadians for their first years, from 2027.",
    policy: POLICY_TEMPLATES.taxCA,
    controls: [
      onSwitch("taxCA", "Canadian tax incentive on", "For newcomers and returnees."),
      policyNumber("taxCA", "reduction", "Tax cut (share: 0.1 is ten points)", "Below the tax rate.", {
        min: 0,
        max: 1,
        step: 0.01,
      }),
      policyNumber("taxCA", "years", "Years after arrival", "How long the cut lasts.", { min: 0, step: 1 }),
    ],
  },
];

/** The run's own settings: sizes, replications and the master seed. */
export const RUN_CONTROLS: readonly NumberControl[] = [
  {
    kind: "number",
    id: "agents",
    label: "Agents",
    help: "Simulated people; each stands for several real ones (477,600 in all).",
    min: 1000,
    step: 10_000,
    initial: () => 100_000,
  },
  {
    kind: "number",
    id: "years",
    label: "Years",
    help: "Reported years from 2026.",
    min: 1,
    step: 1,
    initial: () => 10,
  },
  {
    kind: "number",
    id: "replications",
    label: "Replications",
    help: "Paired runs of the scenario and the baseline (2 to 50).",
    min: 2,
    max: 50,
    step: 1,
    initial: () => 5,
  },
  {
    kind: "number",
    id: "seed",
    label: "Seed",
    help: "Master seed of the random numbers.",
    min: 0,
    step: 1,
    initial: () => 1,
  },
];

/** The built-in scenarios a reader starts from, and the switches each turns on or off. */
export const PRESETS: Readonly<Record<string, { readonly label: string; readonly values: Record<string, boolean> }>> = {
  baseline: { label: "Baseline: the status quo of 2026", values: {} },
  alliance2026: {
    label: "Germany–Canada AI alliance (14 February 2026)",
    values: { "research.on": true, "economic.on": true, "regulatory.on": true, "exchange.on": true },
  },
  usFeeLapses: { label: "The US H-1B fee lapses in September 2026", values: { "us.feeLapses": true } },
  canadaFastTrack: { label: "Canada's fast track for H-1B holders", values: { "fastTrack.on": true } },
  germanyEnglishJobs: { label: "Germany opens more jobs to English speakers", values: { "englishJobs.on": true } },
};

/** Every control, run settings first. */
export const ALL_CONTROLS: readonly Control[] = [...RUN_CONTROLS, ...CONTROL_GROUPS.flatMap((g) => g.controls)];
