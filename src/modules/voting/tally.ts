/**
 * The legal tally of owners' joint decisions (业主共同决定), pure integer arithmetic. The platform and
 * `anju tally` both count with this file.
 *
 * Civil Code art. 278:
 * - Quorum: owners holding two-thirds or more (三分之二以上) of the exclusive area AND two-thirds or more of the
 *   owners take part. 以上 includes the number itself (art. 1259), so it is `3 × part ≥ 2 × whole`.
 * - Items (6) 筹集维修资金, (7) 改建、重建, (8) 改变共有部分用途或经营: three-quarters or more (四分之三以上) of the
 *   participating area AND of the participating owners agree: `4 × agree ≥ 3 × participating`.
 * - Every other item: more than half (过半数, strictly) of both: `2 × agree > participating`.
 * - Abstentions take part (count towards the quorum and the participating totals) but do not agree.
 * SPC interpretation on building-differentiated ownership arts. 8–9 decide the area and the headcount; the roll
 * (rollOf) applies them.
 *
 * Areas are integers in 0.01 m²; nothing here ever divides.
 */

export type Choice = 'agree' | 'oppose' | 'abstain';
export const CHOICES: readonly Choice[] = ['agree', 'oppose', 'abstain'];
export type Outcome = 'PASS' | 'FAIL' | 'NO_QUORUM';

/** The art. 278 items needing three-quarters: (6) raise the maintenance fund, (7) rebuild, (8) change common use. */
export const SPECIAL_MAJORITY_ITEMS: ReadonlySet<number> = new Set([6, 7, 8]);
/** Art. 278 item (3): electing or replacing the owners' committee. */
export const ELECTION_ITEM = 3;

/** The person all the developer's unsold and undelivered parts count as (SPC art. 9). */
export const DEVELOPER = 'developer';

export interface RollUnit {
  id: string;
  /** The counting person: the owner (co-owners through their representative), or DEVELOPER. */
  personId: string;
  /** The unit's area in 0.01 m² (registered, else surveyed, else contract: SPC art. 8). */
  area: number;
}

export interface RollPerson {
  personId: string;
  area: number;
  unitIds: string[];
}

/** The frozen roll (表决名册): one entry per counting person, with the area of all their units. */
export interface Roll {
  persons: Map<string, RollPerson>;
  totalArea: number;
  totalPersons: number;
}

/** One exclusive part is one person, but one owner of several parts is one person (SPC art. 9). */
export function rollOf(units: readonly RollUnit[]): Roll {
  const persons = new Map<string, RollPerson>();
  let totalArea = 0;
  for (const u of units) {
    const p = persons.get(u.personId) ?? { personId: u.personId, area: 0, unitIds: [] };
    p.area += u.area;
    p.unitIds.push(u.id);
    persons.set(u.personId, p);
    totalArea += u.area;
  }
  return { persons, totalArea, totalPersons: persons.size };
}

export interface Figures {
  totalArea: number;
  totalPersons: number;
  participatingArea: number;
  participatingPersons: number;
  agreeArea: number;
  agreePersons: number;
  opposeArea: number;
  opposePersons: number;
  abstainArea: number;
  abstainPersons: number;
}

/** 三分之二以上 of the area and of the persons took part. */
export const hasQuorum = (
  f: Pick<Figures, 'totalArea' | 'totalPersons' | 'participatingArea' | 'participatingPersons'>,
) =>
  f.totalPersons > 0 && 3 * f.participatingArea >= 2 * f.totalArea && 3 * f.participatingPersons >= 2 * f.totalPersons;

/** Whether `part` of `whole` agrees enough for the item: 过半数 (strictly more than half) or 四分之三以上. */
export function agrees(item: number, part: number, whole: number): boolean {
  return SPECIAL_MAJORITY_ITEMS.has(item) ? 4 * part >= 3 * whole : 2 * part > whole;
}

export interface Vote {
  voterId: string;
  choice: Choice;
}

/** The result of a matter (items 1–9 other than an election). Ballots must already be one per rolled person. */
export function tallyMatter(item: number, roll: Roll, votes: readonly Vote[]): Figures & { outcome: Outcome } {
  const f: Figures = {
    totalArea: roll.totalArea,
    totalPersons: roll.totalPersons,
    participatingArea: 0,
    participatingPersons: 0,
    agreeArea: 0,
    agreePersons: 0,
    opposeArea: 0,
    opposePersons: 0,
    abstainArea: 0,
    abstainPersons: 0,
  };
  for (const v of votes) {
    const area = (roll.persons.get(v.voterId) as RollPerson).area;
    f.participatingArea += area;
    f.participatingPersons += 1;
    f[`${v.choice}Area`] += area;
    f[`${v.choice}Persons`] += 1;
  }
  const outcome: Outcome = !hasQuorum(f)
    ? 'NO_QUORUM'
    : agrees(item, f.agreeArea, f.participatingArea) && agrees(item, f.agreePersons, f.participatingPersons)
      ? 'PASS'
      : 'FAIL';
  return { outcome, ...f };
}

export interface ElectionVote {
  voterId: string;
  /** Up to `seats` distinct candidates; none is a ballot that takes part without agreeing to anyone. */
  choices: readonly string[];
}

export interface CandidateCount {
  id: string;
  agreeArea: number;
  agreePersons: number;
  qualified: boolean;
}

export interface ElectionResult {
  outcome: Outcome;
  totalArea: number;
  totalPersons: number;
  participatingArea: number;
  participatingPersons: number;
  elected: string[];
  alternates: string[];
  /** Candidates tied for the last seat(s): a runoff is needed, the tally never picks among them. */
  unresolvedTie: string[];
  candidates: CandidateCount[];
}

/**
 * Committee election (item 3). A candidate qualifies with agreeing area > 1/2 of the participating area AND
 * agreeing persons > 1/2 of the participating persons. Qualified candidates rank by agreeing persons, then area;
 * the top `seats` are elected, the qualified rest become alternates in order. A tie that straddles the last seat
 * is reported, never settled silently; the tied candidates and everyone after them wait for the runoff.
 */
export function tallyElection(
  roll: Roll,
  seats: number,
  candidateIds: readonly string[],
  votes: readonly ElectionVote[],
): ElectionResult {
  const counts = new Map(candidateIds.map((id) => [id, { id, agreeArea: 0, agreePersons: 0, qualified: false }]));
  let participatingArea = 0;
  for (const v of votes) {
    const area = (roll.persons.get(v.voterId) as RollPerson).area;
    participatingArea += area;
    for (const c of v.choices) {
      const count = counts.get(c) as CandidateCount;
      count.agreeArea += area;
      count.agreePersons += 1;
    }
  }
  const f = {
    totalArea: roll.totalArea,
    totalPersons: roll.totalPersons,
    participatingArea,
    participatingPersons: votes.length,
  };
  const candidates = [...counts.values()];
  const none = { elected: [], alternates: [], unresolvedTie: [] };
  if (!hasQuorum(f)) return { outcome: 'NO_QUORUM', ...f, ...none, candidates };
  for (const c of candidates)
    c.qualified =
      agrees(ELECTION_ITEM, c.agreeArea, participatingArea) &&
      agrees(ELECTION_ITEM, c.agreePersons, f.participatingPersons);
  const ranked = candidates
    .filter((c) => c.qualified)
    .sort((a, b) => b.agreePersons - a.agreePersons || b.agreeArea - a.agreeArea);
  const same = (a: CandidateCount, b: CandidateCount) =>
    a.agreePersons === b.agreePersons && a.agreeArea === b.agreeArea;
  let elected = ranked.slice(0, seats);
  let unresolvedTie: CandidateCount[] = [];
  let rest = ranked.slice(seats);
  const last = elected.at(-1);
  if (last && rest[0] && same(last, rest[0])) {
    unresolvedTie = ranked.filter((c) => same(c, last));
    elected = elected.filter((c) => !same(c, last));
    rest = rest.filter((c) => !same(c, last));
  }
  const ids = (cs: CandidateCount[]) => cs.map((c) => c.id);
  return {
    outcome: elected.length + unresolvedTie.length > 0 ? 'PASS' : 'FAIL',
    ...f,
    elected: ids(elected),
    alternates: ids(rest),
    unresolvedTie: ids(unresolvedTie),
    candidates,
  };
}

/**
 * The contested local rule "未参与表决的业主视为同意多数意见": the owners who did not vote are counted as taking
 * part and siding with the participants' majority (agree or oppose, by headcount; none on a tie). Shown only as a
 * flagged alternative beside the strict result, never in its place: after the Civil Code its validity is disputed.
 */
export function followMajority(item: number, f: Figures): Figures & { outcome: Outcome; majority: Choice | null } {
  const majority: Choice | null =
    f.agreePersons > f.opposePersons ? 'agree' : f.opposePersons > f.agreePersons ? 'oppose' : null;
  const silentArea = f.totalArea - f.participatingArea;
  const silentPersons = f.totalPersons - f.participatingPersons;
  const g: Figures = { ...f };
  if (majority) {
    g.participatingArea = f.totalArea;
    g.participatingPersons = f.totalPersons;
    g[`${majority}Area`] += silentArea;
    g[`${majority}Persons`] += silentPersons;
  }
  const outcome: Outcome = !hasQuorum(g)
    ? 'NO_QUORUM'
    : agrees(item, g.agreeArea, g.participatingArea) && agrees(item, g.agreePersons, g.participatingPersons)
      ? 'PASS'
      : 'FAIL';
  return { ...g, outcome, majority };
}
