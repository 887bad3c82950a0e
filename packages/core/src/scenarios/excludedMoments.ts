/**
 * The candidate moments of data/sources/moments_candidates.csv that the model cannot compute yet,
 * each with what it lacks (docs/scenarios.md, "Moments: fitted, validated and missed").
 * @module
 */
import { SNV } from "./_momentSources";
import type { MomentSource, MomentUse } from "./momentTypes";

/** A candidate moment the model cannot compute, and why. */
export interface ExcludedMoment {
  id: string;
  name: string;
  value: number;
  se: number;
  /** The use the candidate list proposed. */
  use: MomentUse;
  source: MomentSource;
  /** What the model lacks to compute it. */
  reason: string;
}

/**
 * The candidate moments of data/sources/moments_candidates.csv that the model cannot compute,
 * each with what it lacks. They stay out of {@link BASELINE_MOMENTS} until the model or its rows
 * gain the mechanism.
 */
export const EXCLUDED_MOMENTS: readonly ExcludedMoment[] = [
  {
    id: "m10",
    name: "h1b_india_share",
    value: 0.756,
    se: 0.03,
    use: "fit",
    source: {
      publisher: "USCIS (via The Hindu)",
      title: "Characteristics of H-1B Specialty Occupation Workers FY2017",
      url: "http://www.thehindu.com/news/international/in-2016-2017-indians-accounted-for-more-than-74-of-h-1b-visas-uscis-report/article23809309.ece",
      year: "2017",
      quote: "the next year the figure increased to 75.6%",
    },
    reason: "The rows report lottery winners by region only, not by citizenship.",
  },
  {
    id: "m11",
    name: "de_ai_phd_abroad_us",
    value: 0.13,
    se: 0.019,
    use: "fit",
    source: SNV,
    reason:
      "Needs a cohort of researchers followed from their entry in Germany " +
      "(a PhD cohort's first jobs); the model reports no entry cohorts.",
  },
  {
    id: "m12",
    name: "de_ai_phd_abroad_europe_hubs",
    value: 0.12,
    se: 0.019,
    use: "fit",
    source: SNV,
    reason:
      "Needs the same entry cohort as m11 and a European hub " +
      "region (Switzerland, the UK), which the model lumps into ROW.",
  },
  {
    id: "m18",
    name: "canada_top3_stem_grads_abroad",
    value: 0.25,
    se: 0.05,
    use: "validation",
    source: {
      publisher: "Spicer, Olmstead, Goodman",
      title: "Reversing the Brain Drain",
      url: "http://robertvinet.com/blog/2018/05/04/canada-facing-another-brain-drain-as-talent-heads-abroad/",
      year: "2016",
      quote:
        "found 25 percent of recent science, technology, engineering and math (STEM) graduates from the University " +
        "of Waterloo, University of British Columbia and U of T were working outside Canada, mostly in the " +
        "United States.",
    },
    reason:
      "Graduates of three top schools stand for the top of the skill distribution; the rows report brain drain by " +
      "citizenship and age, not by skill. Without the skill restriction it is m02's counterpart (the current " +
      "baseline's target canada_stem_grads_abroad_share).",
  },
  {
    id: "m20",
    name: "ca_inflow_india_share",
    value: 0.47,
    se: 0.05,
    use: "validation",
    source: {
      publisher: "TECNA/CTN",
      title: "Tech Workforce Trends (Canada 2023)",
      url: "https://fvbb.com/ns/more-than-15-000-indian-tech-workers-moved/107920",
      year: "2023",
      quote: "Out of more than 32,000 tech workers, 15,097 came from India",
    },
    reason: "The rows report moves by origin and destination, not by citizenship (m21 checks the US share instead).",
  },
  {
    id: "m23",
    name: "de_ai_phd_abroad_total",
    value: 0.37,
    se: 0.028,
    use: "validation",
    source: { ...SNV, quote: "Doch im Umkehrschluss wandern eben 37 % der Talente ins Ausland ab." },
    reason: "Needs the entry cohort of researchers of m11.",
  },
  {
    id: "m25",
    name: "ca_ai_talent_growth",
    value: 0.38,
    se: 0.1,
    use: "validation",
    source: {
      publisher: "Deloitte Canada",
      title: "Impact and Opportunities 2023",
      url: "https://calgary.tech/?p=1546",
      year: "2018-2023",
      quote: "Canada’s cohort of AI talent rose an average of 38% annually in each of the preceding five years",
    },
    reason:
      "Growth of an AI skill tag on profiles, not of employment: it has no model " +
      "counterpart (it shows how far definitions drift; m13 is the employment growth).",
  },
];
