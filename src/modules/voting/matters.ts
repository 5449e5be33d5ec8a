import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import { type Executor, inTransaction } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { committeeForUpdate, coversEstate, estatePlace, ownerOfUnit, visibleEstateIds } from '../registry/index.ts';
import { ORGANISERS } from './policy.ts';
import { rulesOf } from './rules.ts';
import type { MatterPurpose, MatterRow } from './tables.ts';
import { ELECTION_ITEM } from './tally.ts';

/** Matters: drafted, announced with a frozen roll, voted in their window, closed with a sealed, tallied result. */

export const DAY_MS = 86_400_000;

export interface MatterInput {
  estateId: string;
  item: number;
  title: string;
  body: string;
  scopeKind?: 'estate' | 'buildings' | 'units';
  scopeIds?: string[];
  proposerKind: 'committee' | 'petition' | 'street' | 'community';
  /** A petition (提议): the units whose owners signed it. */
  petitionUnits?: string[];
  /** A by-election fills vacancies of, and a review (述职评议) concerns, this committee. */
  committeeId?: string;
  purpose?: 'decision' | 'review';
  /** At least the 议事规则's notice period. */
  noticeDays?: number;
  opensAt: string;
  closesAt: string;
  seats?: number;
  showFollowMajority?: boolean;
  /** Principals one proxy holder may represent (local rules, e.g. Weifang: 3). */
  proxyLimit?: number;
  /** Each candidate is an owner, named by a unit they own ("3栋 1201"). */
  candidates?: { unit: string; nomination: 'committee' | 'owners' | 'street' | 'self'; statement?: string }[];
}

/** Voting runs while the matter is announced and the clock is inside its window; 公示 ends in the archive. */
export function phaseOf(
  m: Pick<MatterRow, 'state' | 'opens_at' | 'closes_at' | 'published_at' | 'publicity_days'>,
  now = clock.now(),
) {
  if (
    m.state === 'published' &&
    m.published_at &&
    now.getTime() >= m.published_at.getTime() + m.publicity_days * DAY_MS
  )
    return 'archived';
  if (m.state !== 'announced') return m.state;
  if (now < m.opens_at) return 'announced';
  return now < m.closes_at ? 'open' : 'ended';
}

/** A 409 that says, in the caller's language, where the matter stands and what cannot be done there. */
export const wrongState = (phase: string, action: string) =>
  new DomainError('voting.wrong_state', 409, { state: `voting.phase.${phase}`, action: `voting.action.${action}` });

/**
 * The matter, if the caller may see it. 'update' for a change of state; 'share' for a ballot, so that closing
 * (which takes 'update') waits for ballots in flight and no ballot lands after the count.
 */
export async function loadMatter(db: Executor, ctx: RequestContext, id: string, lock?: 'update' | 'share') {
  let q = db
    .selectFrom('matters')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb('matters.estate_id', 'in', visibleEstateIds(ctx.actor)(eb as never)));
  if (lock === 'update') q = q.forUpdate();
  if (lock === 'share') q = q.forShare();
  const m = await q.executeTakeFirst();
  if (!m) throw notFound('voting.matter_not_found');
  return m;
}

export const canOrganise = (ctx: RequestContext, m: { estate_id: string; region_path: string }) =>
  coversEstate(ctx.actor, ORGANISERS, { id: m.estate_id, region_path: m.region_path, company_id: null });

export async function createMatter(db: Executor, ctx: RequestContext, input: MatterInput) {
  const estate = await estatePlace(db, input.estateId);
  if (!canOrganise(ctx, { estate_id: estate.id, region_path: estate.regionPath })) throw forbidden();
  const election = input.item === ELECTION_ITEM;
  if (election && (!input.seats || !input.candidates?.length))
    throw new DomainError('voting.election_needs_candidates', 400);
  if (election && input.seats && (input.candidates?.length ?? 0) < input.seats)
    throw new DomainError('voting.too_few_candidates', 400, { seats: input.seats });
  if (Date.parse(input.closesAt) <= Date.parse(input.opensAt)) throw new DomainError('voting.window_invalid', 400);
  if ((input.scopeKind ?? 'estate') !== 'estate' && !input.scopeIds?.length)
    throw new DomainError('voting.scope_required', 400);
  if (input.proposerKind === 'petition' && !input.petitionUnits?.length)
    throw new DomainError('voting.petition_units_required', 400);
  const purpose: MatterPurpose = election
    ? input.committeeId
      ? 'by_election'
      : 'election'
    : (input.purpose ?? 'decision');
  if (purpose === 'review' && !input.committeeId) throw new DomainError('voting.committee_required', 400);
  // A committee has an odd number of seats, 5 to 11, or 3 in a small estate; a by-election fills what is vacant.
  if (purpose === 'election' && input.seats && (input.seats % 2 === 0 || input.seats < 3 || input.seats > 11))
    throw new DomainError('voting.seats_invalid', 400);
  const rules = await rulesOf(db, estate.id);
  if (input.noticeDays !== undefined && input.noticeDays < rules.noticeDays)
    throw new DomainError('voting.notice_below_rules', 400, { days: rules.noticeDays });
  return inTransaction(db, async (trx) => {
    if (input.committeeId) {
      const c = await committeeForUpdate(trx, input.committeeId);
      if (c.estate_id !== estate.id || c.status !== 'active') throw new DomainError('voting.committee_invalid', 400);
      const vacancies = (c.seats ?? c.seated.length) - c.seated.length;
      if (election && (input.seats ?? 0) > vacancies)
        throw new DomainError('voting.seats_exceed_vacancies', 400, { vacancies });
    }
    const candidates = election ? await candidatePersons(trx, estate.id, input.candidates ?? []) : [];
    const id = newId();
    const row = {
      id,
      estate_id: estate.id,
      region_path: estate.regionPath,
      // 述职评议 is one of the "other major matters" of art. 278 item 9
      item: purpose === 'review' ? 9 : input.item,
      title: input.title,
      body: input.body,
      scope_kind: input.scopeKind ?? 'estate',
      scope_ids: input.scopeIds ?? [],
      proposer_kind: input.proposerKind,
      petition_units: input.proposerKind === 'petition' ? (input.petitionUnits ?? []) : [],
      purpose,
      committee_id: input.committeeId ?? null,
      notice_days: input.noticeDays ?? rules.noticeDays,
      publicity_days: rules.publicityDays,
      revote: rules.revote,
      paper_online: rules.paperOnline,
      opens_at: new Date(input.opensAt),
      closes_at: new Date(input.closesAt),
      seats: election ? (input.seats as number) : null,
      show_follow_majority: !election && (input.showFollowMajority ?? rules.followMajority),
      proxy_limit: input.proxyLimit ?? rules.proxyLimit,
      announced_at: null,
      closed_at: null,
      published_at: null,
      seated_at: null,
      cancel_reason: null,
      result: null,
      created_by: ctx.actor.accountId,
    };
    await trx.insertInto('matters').values(row).execute();
    if (candidates.length)
      await trx
        .insertInto('matter_candidates')
        .values(candidates.map((c, i) => ({ ...c, id: newId(), matter_id: id, sort: i })))
        .execute();
    await audit(trx, ctx, { action: 'create', entityType: 'matter', entityId: id, estateId: estate.id, after: row });
    return { id };
  });
}

/** Candidates must be owners: each is named by a unit they represent, and stands once. */
async function candidatePersons(trx: Executor, estateId: string, candidates: NonNullable<MatterInput['candidates']>) {
  type Candidate = NonNullable<MatterInput['candidates']>[number];
  const rows: { name: string; person_id: string; nomination: Candidate['nomination']; statement: string | null }[] = [];
  for (const c of candidates) {
    const owner = await ownerOfUnit(trx, estateId, c.unit);
    if (!owner) throw new DomainError('voting.candidate_not_owner', 400, { unit: c.unit });
    if (rows.some((r) => r.person_id === owner.personId))
      throw new DomainError('voting.candidate_twice', 400, { name: owner.name });
    rows.push({
      name: owner.name,
      person_id: owner.personId,
      nomination: c.nomination,
      statement: c.statement ?? null,
    });
  }
  return rows;
}
