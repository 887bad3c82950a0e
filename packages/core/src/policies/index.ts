/**
 * Constructors of the built-in policy kinds (docs/model.md 3.3.1, docs/policies.md), each filling the defaults of
 * the fields it does not set (the defaults live with each kind, in `policies/kinds/`). A policy is
 * plain data: these only save typing.
 * @module
 */
import type {
  CustomPolicy,
  EconomicCooperationPolicy,
  InvestmentPolicy,
  LanguageAccessPolicy,
  OpenWorkPermitPolicy,
  RegulatoryAlignmentPolicy,
  ResearchCooperationPolicy,
  TalentExchangePolicy,
  TaxIncentivePolicy,
  VisaRegimePolicy,
} from "../scenario/types";
import { customKind } from "./kinds/custom";
import { economicCooperationKind } from "./kinds/economicCooperation";
import { investmentKind } from "./kinds/investment";
import { languageAccessKind } from "./kinds/languageAccess";
import { openWorkPermitKind } from "./kinds/openWorkPermit";
import { regulatoryAlignmentKind } from "./kinds/regulatoryAlignment";
import { researchCooperationKind } from "./kinds/researchCooperation";
import { talentExchangeKind } from "./kinds/talentExchange";
import { taxIncentiveKind } from "./kinds/taxIncentive";
import { visaRegimeKind } from "./kinds/visaRegime";

/** The fields a policy constructor takes: the required ones, and any others to override the defaults. */
export type PolicyInput<P, Required extends keyof P> = Pick<P, Required> & Partial<Omit<P, "kind" | Required>>;

/**
 * Research cooperation: partners' research ecosystems up (logit units for researchers) and the
 * moving cost between partners down. Defaults: `ecosystemBoost` 0.1, `movingCostCut` 0.3,
 * `researchersOnly` true.
 *
 * @example
 * policies.researchCooperation({ partners: ["DE", "CA"], from: 2026.12, ecosystemBoost: 0.1 })
 */
export function researchCooperation(
  p: PolicyInput<ResearchCooperationPolicy, "partners" | "from">,
): ResearchCooperationPolicy {
  return { kind: "researchCooperation", ...researchCooperationKind.defaults, ...p };
}

/**
 * Economic cooperation: yearly AI investment added in each partner, USD billion (one number for
 * all partners or one per partner). Default: 0.2 each.
 *
 * @example
 * policies.economicCooperation({ partners: ["DE", "CA"], from: 2026.12, investment: { DE: 0.3, CA: 0.2 } })
 */
export function economicCooperation(
  p: PolicyInput<EconomicCooperationPolicy, "partners" | "from">,
): EconomicCooperationPolicy {
  return { kind: "economicCooperation", ...economicCooperationKind.defaults, ...p };
}

/**
 * Regulatory alignment (mutual recognition of certified AI systems): a system certified in one
 * partner needs no second conformity assessment in another, so each partner's investment rises by
 * `investmentElasticity × certifiedShare × assessmentCost × exportShare`. Defaults (European
 * Commission's AI Act impact assessment and trade shares, docs/model.md): `certifiedShare` 0.1,
 * `assessmentCost` 0.032, `exportShare` 0.012, `investmentElasticity` 1, `frictionCut` 0.
 *
 * @example
 * policies.regulatoryAlignment({ partners: ["DE", "CA"], from: 2027, rampYears: 2 })
 */
export function regulatoryAlignment(
  p: PolicyInput<RegulatoryAlignmentPolicy, "partners" | "from">,
): RegulatoryAlignmentPolicy {
  return { kind: "regulatoryAlignment", ...regulatoryAlignmentKind.defaults, ...p };
}

/**
 * Talent exchange: for moves between partners, admission up (`admissionBoost` removes that share
 * of the refusal probability), visa friction down, and optional yearly `slots` (people) per
 * destination: a route that eligible applicants try first, those without a place falling back on
 * the destination's rule. Defaults: `admissionBoost` 0.5, `frictionCut` 0.2, `slots` 0.
 *
 * @example
 * policies.talentExchange({ partners: ["DE", "CA"], from: 2027, slots: 500 })
 */
export function talentExchange(p: PolicyInput<TalentExchangePolicy, "partners" | "from">): TalentExchangePolicy {
  return { kind: "talentExchange", ...talentExchangeKind.defaults, ...p };
}

/**
 * A region's visa rules for a group of citizenships (default: every citizenship that needs
 * admission there): a new rule, a salary threshold, an employer-paid fee, a lottery cap or
 * kind, a processing delay.
 *
 * @example
 * policies.visaRegime({ region: "SV", fee: 0, from: 2026.72 }) // the USD 100,000 fee lapses
 */
export function visaRegime(p: PolicyInput<VisaRegimePolicy, "region" | "from">): VisaRegimePolicy {
  return { kind: "visaRegime", ...visaRegimeKind.defaults, ...p };
}

/**
 * An open work permit: `region` admits holders of a temporary status in `holdersIn`, up to
 * `places` people (per year if `perYear`). Defaults: `perYear` false, `permanent` false.
 *
 * @example
 * // Canada's 2023 permit for US H-1B holders: 10,000 places
 * policies.openWorkPermit({ region: "CA", holdersIn: ["SV", "USR"], places: 10_000, from: 2023.54, until: 2024.54 })
 */
export function openWorkPermit(
  p: PolicyInput<OpenWorkPermitPolicy, "region" | "holdersIn" | "places" | "from">,
): OpenWorkPermitPolicy {
  return { kind: "openWorkPermit", ...openWorkPermitKind.defaults, ...p };
}

/**
 * A region's investment path: `amount` USD billion per year added while in force.
 *
 * @example
 * policies.investment({ region: "DE", amount: 0.5, from: 2027, until: 2031 })
 */
export function investment(p: PolicyInput<InvestmentPolicy, "region" | "amount" | "from">): InvestmentPolicy {
  return { kind: "investment", ...investmentKind.defaults, ...p };
}

/**
 * The share of a region's jobs open to English speakers, moving to `englishJobShare` (over
 * `rampYears` if given).
 *
 * @example
 * policies.languageAccess({ region: "DE", englishJobShare: 0.6, from: 2027, rampYears: 4 })
 */
export function languageAccess(
  p: PolicyInput<LanguageAccessPolicy, "region" | "englishJobShare" | "from">,
): LanguageAccessPolicy {
  return { kind: "languageAccess", ...languageAccessKind.defaults, ...p };
}

/**
 * A lower tax for newcomers, returnees or both, for the first `years` after arrival.
 * Defaults: `years` 5, `target` "both".
 *
 * @example
 * policies.taxIncentive({ region: "CA", reduction: 0.1, from: 2027 })
 */
export function taxIncentive(p: PolicyInput<TaxIncentivePolicy, "region" | "reduction" | "from">): TaxIncentivePolicy {
  return { kind: "taxIncentive", ...taxIncentiveKind.defaults, ...p };
}

/**
 * Any numeric parameter by path, set each period to a mathjs expression of `year` (calendar
 * time), `t` (reported period index) and `base` (the value before this policy). The expression
 * may use arithmetic and math functions only.
 *
 * @example
 * policies.custom({ path: "regions.DE.investment", expression: "base * 1.1 ^ (year - 2026)", from: 2026 })
 */
export function custom(p: PolicyInput<CustomPolicy, "path" | "expression" | "from">): CustomPolicy {
  return { kind: "custom", ...customKind.defaults, ...p };
}
