/**
 * Who joins the mean-field cohorts: the initial population and each period's entrants.
 * @internal
 * @module
 */
import { ownValue } from "../_ownValue";
import type { CompiledScenario } from "../kernel/_compile";
import { mayBeTemporary } from "../kernel/_freeMover";
import type { PeriodParams } from "../kernel/_period";
import type { Cohorts } from "./_cohorts";
import { FirstJobs } from "./_firstJobs";

/** Adds the initial population and each period's entrants to the cohorts, by region and citizenship. */
export class Population {
  private readonly cohorts: Cohorts;
  private readonly cs: CompiledScenario;
  private readonly initialAges: readonly number[];
  private readonly entrantAges: readonly number[];

  constructor(cohorts: Cohorts, cs: CompiledScenario) {
    this.cohorts = cohorts;
    this.cs = cs;
    this.initialAges = cohorts.bands.initialShares(cs.scenario.behavior.initialAgeMedian);
    this.entrantAges = cohorts.bands.entrantShares();
  }

  /** The initial population (docs/model.md 3.1): each region's stock, by its citizenship mix. */
  addInitial(): void {
    const { cs, cohorts } = this;
    const s = cs.scenario;
    cs.regions.forEach((code, j) => {
      const reg = s.regions[code];
      cs.citizenships.forEach((cc, c) => {
        const share = ownValue(reg.initialCitizenship, cc) ?? 0;
        if (share <= 0) return;
        const tempShare = mayBeTemporary(cs, c, j, cs.rulePermanent) ? reg.temporaryShare : 0;
        cohorts.add({
          region: j,
          citizenship: c,
          people: reg.initialStock * share,
          ages: this.initialAges,
          skillMean: reg.entrySkillMean,
          germanShare: reg.germanShare,
          researcherShare: reg.researcherShare,
          tempShare,
        });
      });
    });
  }

  /**
   * (7) The period's entrants, at the period's parameters; adds the people per region to `entries`.
   * Temporary entrants start a term of `expiryPeriods` (per citizenship and region) periods; where
   * a lottery has graduates, its share of them waits for the lottery instead (counted in
   * `lotteryEntrants`). The share `firstJobChoice` of the others chooses its first job next period.
   */
  addEntrants(
    params: PeriodParams,
    entries: Float64Array,
    expiryPeriods: Int32Array,
    lotteryEntrants: Float64Array,
  ): void {
    const { cs, cohorts } = this;
    const graduates = cohorts.graduates;
    const s = cs.scenario;
    const off = cs.off.region;
    const vec = params.vec;
    const firstJobChoice = vec[cs.off.behavior.firstJobChoice];
    // Allocated at the first period whose entrants choose (a policy may switch the choice on later).
    if (firstJobChoice > 0) cohorts.firstJobs ??= new FirstJobs(cohorts);
    cohorts.firstJobs?.begin(firstJobChoice);
    cs.regions.forEach((code, j) => {
      const people = vec[off.entrants + j] / s.periodsPerYear;
      if (people <= 0) return;
      const reg = s.regions[code];
      cs.citizenships.forEach((cc, c) => {
        const share = ownValue(reg.entrantCitizenship, cc) ?? 0;
        if (share <= 0) return;
        const temporary = mayBeTemporary(cs, c, j, params.rulePermanent);
        const graduateShare = temporary ? graduates?.shareAt(j, c, params.ruleLottery, params.rulePermanent) : 0;
        if (graduateShare) lotteryEntrants[j] += people * share * graduateShare;
        cohorts.add({
          region: j,
          citizenship: c,
          people: people * share,
          ages: this.entrantAges,
          skillMean: vec[off.entrySkillMean + j],
          germanShare: vec[off.germanShare + j],
          researcherShare: vec[off.researcherShare + j],
          tempShare: temporary ? 1 : 0,
          term: expiryPeriods[c * cs.regions.length + j],
          graduateShare,
          entrants: true,
        });
      });
      entries[j] += people;
    });
  }
}
