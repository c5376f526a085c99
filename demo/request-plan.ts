import { findNature, NATURE_TABLE_VERSION, NATURES } from '../shared/reference/natures';
import { isDomesticViolenceNature } from '../shared/rules/domestic-violence';
import { MUNICIPALITY_TABLE, type Municipality } from './geography';
import { NATURE_PROFILES, natureProfile, type NatureProfile } from './nature-profiles';
import { Dice, unitFloat, weightedTable } from './random';
import { unitOfRegion, type DemoUnit } from './reference-data';
import { DAY_MS, localDayOfYear, localYear, SubmissionTimeline } from './timeline';

/** Deliberate defects (≈ 2 %) so the triage flags have something to show. */
export const FLAWS = ['fact_outside_state', 'too_many_authors', 'contact_missing', 'fact_too_old', 'duplicate_request'] as const;
export type Flaw = (typeof FLAWS)[number];

/** Who the victim of a domestic-violence request is: the first four may file online, the last two may not. */
export type DvProfile = 'woman' | 'trans_woman' | 'represented_minor' | 'elderly' | 'adult_man' | 'not_domestic';

export type RequesterKind = 'person_br' | 'person_foreign' | 'company';

/** The choices about request i that triage, claims and the REDS ledger depend on: cheap to recompute. */
export interface RequestPlan {
  index: number;
  protocol: string;
  submittedAt: number;
  natureCode: string;
  profile: NatureProfile;
  secret: boolean;
  requesterKind: RequesterKind;
  /** Filed by a legal representative for a minor (then the request has a victim). */
  represented: boolean;
  dv?: DvProfile;
  flaw?: Flaw;
  /** For a duplicate: the earlier request it repeats. */
  duplicateOf?: number;
  home: Municipality;
  factMunicipality: Municipality;
  unit: DemoUnit;
}

export interface RequestWindow {
  seed: number;
  nowMs: number;
  count: number;
  days: number;
}

export const STREAM = { plan: 1, content: 2, triage: 3, card: 4 } as const;

const NATURE_TABLE = weightedTable(NATURE_PROFILES.map((value) => ({ value, weight: value.share })));
const FLAW_RATE = 0.02;
const FLAW_TABLE = weightedTable<Flaw>([
  { value: 'fact_outside_state', weight: 30 },
  { value: 'contact_missing', weight: 25 },
  { value: 'too_many_authors', weight: 15 },
  { value: 'fact_too_old', weight: 15 },
  { value: 'duplicate_request', weight: 15 },
]);
const DV_TABLE = weightedTable<DvProfile>([
  { value: 'woman', weight: 72 },
  { value: 'trans_woman', weight: 3 },
  { value: 'elderly', weight: 7 },
  { value: 'adult_man', weight: 8 },
  { value: 'not_domestic', weight: 4 },
]);

/** Plans requests 0 … count−1 of a window; protocols and submission times grow with the index. */
export class RequestPlanner {
  private readonly dice = new Dice();
  private readonly timeline: SubmissionTimeline;
  private readonly yearStarts = new Map<number, number>();
  private carried: number | undefined;

  constructor(readonly window: RequestWindow) {
    this.timeline = new SubmissionTimeline(window.nowMs - window.days * DAY_MS, window.nowMs);
  }

  submittedAt(index: number): number {
    const { seed, count } = this.window;
    return this.timeline.at((index + unitFloat([seed, index], STREAM.plan)) / count);
  }

  plan(index: number): RequestPlan {
    return this.planAt(index, this.submittedAt(index));
  }

  /** Request `index` as if submitted at `submittedAt` (the intake simulator picks its own instants). */
  planAt(index: number, submittedAt: number): RequestPlan {
    const dice = this.dice.reseed(this.window.seed, index, STREAM.plan);
    const profile = dice.weighted(NATURE_TABLE);
    let flaw = dice.chance(FLAW_RATE) ? dice.weighted(FLAW_TABLE) : undefined;
    if (flaw === 'too_many_authors' && profile.authors[1] === 0) flaw = 'contact_missing';
    if (flaw === 'duplicate_request' && index < 2) flaw = undefined;
    const nature = findNature(NATURES, profile.code, NATURE_TABLE_VERSION);
    const dvNature = nature !== undefined && isDomesticViolenceNature(nature);
    const represented = dice.chance(profile.representativeShare);
    const dv = dvNature ? (represented ? 'represented_minor' : dice.weighted(DV_TABLE)) : undefined;
    const requesterKind: RequesterKind = dice.chance(profile.companyShare) ? 'company' : !dvNature && dice.chance(0.025) ? 'person_foreign' : 'person_br';
    const home = dice.weighted(MUNICIPALITY_TABLE);
    const factMunicipality = dice.chance(0.8) ? home : dice.weighted(MUNICIPALITY_TABLE);
    const duplicateOf = flaw === 'duplicate_request' ? index - dice.int(1, Math.min(index, 40)) : undefined;
    const own: RequestPlan = {
      index,
      protocol: this.protocol(index, submittedAt),
      submittedAt,
      natureCode: profile.code,
      profile,
      secret: dvNature,
      requesterKind,
      represented: represented && requesterKind !== 'company',
      ...(dv ? { dv } : {}),
      ...(flaw ? { flaw } : {}),
      home,
      factMunicipality,
      unit: unitOfRegion((flaw === 'fact_outside_state' ? home : factMunicipality).region),
    };
    if (duplicateOf === undefined) return own;
    // Planned last: planning the original reseeds the dice.
    const original = this.plan(duplicateOf);
    return { ...original, index, protocol: own.protocol, submittedAt, flaw: 'duplicate_request', duplicateOf };
  }

  /** DV-YYYY-NNNNNNNN: a yearly counter that starts where ~600 requests a day would have left it. */
  private protocol(index: number, submittedAt: number): string {
    const year = localYear(submittedAt);
    const first = this.firstIndexOfYear(year);
    this.carried ??= (localDayOfYear(this.submittedAt(0)) - 1) * 600;
    const carried = first === 0 ? this.carried : 0;
    return `DV-${year}-${String(carried + index - first + 1).padStart(8, '0')}`;
  }

  private firstIndexOfYear(year: number): number {
    const cached = this.yearStarts.get(year);
    if (cached !== undefined) return cached;
    let low = 0;
    let high = this.window.count - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (localYear(this.submittedAt(mid)) >= year) high = mid;
      else low = mid + 1;
    }
    this.yearStarts.set(year, low);
    return low;
  }
}

export { natureProfile };
