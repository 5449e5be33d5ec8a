import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { audit, canonicalJson } from '../../kernel/audit.ts';
import { insertChunks } from '../../kernel/bulk.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import {
  committeeForUpdate,
  coversEstate,
  estatePlace,
  fillVacancies,
  ownerOfUnit,
  seatCommittee,
  visibleEstateIds,
  votingUnits,
} from '../registry/index.ts';
import { petitionShortfall } from './petition.ts';
import { ORGANISERS } from './policy.ts';
import { rollRows } from './roll.ts';
import { rulesOf } from './rules.ts';
import type { MatterPurpose, MatterRow, MatterState } from './tables.ts';
import { ELECTION_ITEM, followMajority, rollOf, tallyElection, tallyMatter } from './tally.ts';

/** Matters: drafted, announced with a frozen roll, voted in their window, closed with a sealed, tallied result. */

const DAY_MS = 86_400_000;

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
  return db.transaction().execute(async (trx) => {
    if (input.committeeId) {
      const c = await committeeForUpdate(trx, input.committeeId);
      if (c.estate_id !== estate.id || c.status !== 'active') throw new DomainError('voting.committee_invalid', 400);
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

/** Moves a matter along; anything but the expected state is a 409 that names where it stands. */
async function advance(
  db: Executor,
  ctx: RequestContext,
  id: string,
  version: number,
  from: MatterState[],
  change: (trx: Executor, m: MatterRow, now: Date) => Promise<Partial<MatterRow>>,
  action: string,
) {
  return db.transaction().execute(async (trx) => {
    const m = await loadMatter(trx, ctx, id, 'update');
    if (!canOrganise(ctx, m)) throw forbidden();
    if (m.version !== version) throw versionConflict();
    if (!from.includes(m.state)) throw wrongState(m.state, action);
    const now = clock.now();
    const patch = await change(trx, m, now);
    const after = await trx
      .updateTable('matters')
      .set({
        ...patch,
        result: patch.result ? JSON.stringify(patch.result) : undefined,
        version: m.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      action: `matter.${action}`,
      entityType: 'matter',
      entityId: id,
      estateId: m.estate_id,
      before: { state: m.state },
      after: { state: after.state },
    });
    return { id, state: after.state, version: after.version };
  });
}

/** 公告: the text is fixed from here, and the roll is frozen from the registry as it stands now. */
export const announceMatter = (db: Executor, ctx: RequestContext, id: string, version: number) =>
  advance(
    db,
    ctx,
    id,
    version,
    ['draft'],
    async (trx, m, now) => {
      if (m.opens_at.getTime() < now.getTime() + m.notice_days * DAY_MS)
        throw new DomainError('voting.notice_too_short', 400, { days: m.notice_days });
      const units = await votingUnits(trx, m.estate_id, {
        buildingIds: m.scope_kind === 'buildings' ? m.scope_ids : undefined,
        unitIds: m.scope_kind === 'units' ? m.scope_ids : undefined,
      });
      const rows = rollRows(units);
      if (!rows.length) throw new DomainError('voting.roll_empty', 400);
      if (m.proposer_kind === 'petition') {
        const short = petitionShortfall(m.petition_units, rows);
        if (short?.missing) throw new DomainError('voting.unit_not_on_roll', 400, { unit: short.missing });
        if (short) throw new DomainError('voting.petition_short', 400, short);
      }
      // In chunks: a big estate's roll would pass PostgreSQL's limit on parameters in one statement.
      await insertChunks(
        trx,
        'roll_entries',
        rows.map((r) => ({
          matter_id: m.id,
          voter_key: r.voterKey,
          person_id: r.personId,
          area: r.area,
          units: JSON.stringify(r.units),
          building_ids: r.buildingIds,
          objection: null,
        })),
      );
      const buildings = new Map<string, { name: string; area: number; persons: number }>();
      for (const r of rows) {
        for (const u of r.units) {
          const b = buildings.get(u.buildingId) ?? { name: u.buildingName, area: 0, persons: 0 };
          b.area += u.area;
          buildings.set(u.buildingId, b);
        }
        for (const id of r.buildingIds) (buildings.get(id) as { persons: number }).persons += 1;
      }
      await insertChunks(
        trx,
        'roll_buildings',
        [...buildings].map(([building_id, b]) => ({ matter_id: m.id, building_id, ...b })),
      );
      return {
        state: 'announced',
        announced_at: now,
        roll_area: rows.reduce((sum, r) => sum + r.area, 0),
        roll_persons: rows.length,
      };
    },
    'announce',
  );

export const cancelMatter = (db: Executor, ctx: RequestContext, id: string, version: number, reason: string) =>
  advance(
    db,
    ctx,
    id,
    version,
    ['draft', 'announced'],
    async (_trx, m, now) => {
      // Cancelling is possible until voting opens; after that the owners' ballots decide.
      if (m.state === 'announced' && now >= m.opens_at) throw new DomainError('voting.already_open', 409);
      return { state: 'cancelled', cancel_reason: reason };
    },
    'cancel',
  );

/** Closes voting after its window: seals the ballots' hash chain in order and stores the tally. */
export const closeMatter = (db: Executor, ctx: RequestContext, id: string, version: number) =>
  advance(
    db,
    ctx,
    id,
    version,
    ['announced'],
    async (trx, m, now) => {
      if (now < m.closes_at) throw new DomainError('voting.still_open', 409, { closesAt: m.closes_at.toISOString() });
      await sealBallots(trx, m.id);
      return { state: 'closed', closed_at: now, result: await tallyOf(trx, m) };
    },
    'close',
  );

/** 公示: the result becomes public, with the export anyone can recount. */
export const publishMatter = (db: Executor, ctx: RequestContext, id: string, version: number) =>
  advance(
    db,
    ctx,
    id,
    version,
    ['closed'],
    async (_t, _m, now) => ({ state: 'published', published_at: now }),
    'publish',
  );

/**
 * The elected take their seats once the result is published and final: a new committee with the term given (at
 * most five years) and the alternates in order, or, after a by-election, the vacancies filled. A tie for the last
 * seat needs a runoff first.
 */
export const seatElected = (
  db: Executor,
  ctx: RequestContext,
  id: string,
  input: { version: number; termStart?: string; termEnd?: string; director?: string; deputies?: string[] },
) =>
  advance(
    db,
    ctx,
    id,
    input.version,
    ['published'],
    async (trx, m, now) => {
      if (m.purpose !== 'election' && m.purpose !== 'by_election') throw new DomainError('voting.not_an_election', 409);
      if (m.seated_at) throw new DomainError('voting.already_seated', 409);
      const result = m.result as { elected: string[]; alternates: string[]; unresolvedTie: string[] };
      if (result.unresolvedTie.length) throw new DomainError('voting.runoff_needed', 409);
      if (!result.elected.length) throw new DomainError('voting.nobody_elected', 409);
      const candidates = await trx
        .selectFrom('matter_candidates')
        .select(['id', 'person_id'])
        .where('matter_id', '=', m.id)
        .execute();
      const person = new Map(candidates.map((c) => [c.id, c.person_id as string]));
      if (m.purpose === 'by_election') {
        await fillVacancies(
          trx,
          ctx,
          m.committee_id as string,
          result.elected.map((c) => person.get(c) as string),
        );
        return { seated_at: now };
      }
      const { termStart, termEnd, director, deputies = [] } = input;
      if (!termStart || !termEnd || !director) throw new DomainError('voting.seat_details_required', 400);
      if ([director, ...deputies].some((c) => !result.elected.includes(c)))
        throw new DomainError('voting.position_not_elected', 400);
      await seatCommittee(trx, ctx, {
        estateId: m.estate_id,
        electedBy: m.id,
        seats: m.seats as number,
        termStart,
        termEnd,
        members: result.elected.map((c) => ({
          personId: person.get(c) as string,
          position: c === director ? 'director' : deputies.includes(c) ? 'deputy_director' : 'member',
        })),
        alternates: result.alternates.map((c) => person.get(c) as string),
      });
      return { seated_at: now };
    },
    'seat',
  );

/** The tally from the frozen roll and the counted ballots, with the same code as `anju tally`. */
export async function tallyOf(db: Executor, m: MatterRow) {
  const [roll, ballots] = await Promise.all([
    db.selectFrom('roll_entries').select(['voter_key', 'area']).where('matter_id', '=', m.id).execute(),
    db
      .selectFrom('ballots')
      .select(['voter_key', 'choice', 'choices'])
      .where('matter_id', '=', m.id)
      .where('superseded_at', 'is', null)
      .execute(),
  ]);
  const r = rollOf(roll.map((e) => ({ id: e.voter_key, personId: e.voter_key, area: Number(e.area) })));
  if (m.item !== ELECTION_ITEM) {
    const strict = tallyMatter(
      m.item,
      r,
      ballots.map((b) => ({ voterId: b.voter_key, choice: b.choice as 'agree' })),
    );
    return m.show_follow_majority ? { ...strict, alternative: followMajority(m.item, strict) } : strict;
  }
  const candidates = await db
    .selectFrom('matter_candidates')
    .select('id')
    .where('matter_id', '=', m.id)
    .orderBy('sort')
    .execute();
  return tallyElection(
    r,
    m.seats as number,
    candidates.map((c) => c.id),
    ballots.map((b) => ({ voterId: b.voter_key, choices: b.choices ?? [] })),
  );
}

/** Every ballot, in the order cast, chained: hash = SHA-256(previous hash ‖ canonical JSON of the ballot). */
async function sealBallots(trx: Executor, matterId: string) {
  const rows = await trx
    .selectFrom('ballots')
    .selectAll()
    .where('matter_id', '=', matterId)
    .orderBy('cast_at')
    .orderBy('id')
    .execute();
  const prevs: string[] = [];
  const hashes: string[] = [];
  let prev = '0'.repeat(64);
  for (const [i, b] of rows.entries()) {
    prevs.push(prev);
    prev = ballotHash(prev, i + 1, b);
    hashes.push(prev);
  }
  // One statement for the whole chain, however many ballots.
  await sql`
    UPDATE ballots b SET seq = v.seq, prev_hash = v.prev, hash = v.hash
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((_, i) => i + 1)}::int[], ${prevs}::text[],
                ${hashes}::text[]) AS v(id, seq, prev, hash)
    WHERE b.id = v.id`.execute(trx);
}

export function ballotHash(
  prev: string,
  seq: number,
  b: { receipt: string; choice: string | null; choices: string[] | null; cast_at: Date; superseded_at: Date | null },
) {
  const body = canonicalJson({
    seq,
    receipt: b.receipt,
    choice: b.choice,
    choices: b.choices,
    castAt: b.cast_at.toISOString(),
    superseded: b.superseded_at !== null,
  });
  return createHash('sha256').update(prev).update(body).digest('hex');
}
