import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { audit, canonicalJson } from '../../kernel/audit.ts';
import { insertChunks } from '../../kernel/bulk.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { fillVacancies, seatCommittee, votingUnits } from '../registry/index.ts';
import { canOrganise, DAY_MS, loadMatter, wrongState } from './matters.ts';
import { petitionShortfall } from './petition.ts';
import { rollRows } from './roll.ts';
import type { MatterRow, MatterState } from './tables.ts';
import { ELECTION_ITEM, followMajority, rollOf, tallyElection, tallyMatter } from './tally.ts';

// A matter's way from the 公告 to the seats: announced with a frozen roll, closed with a sealed tally, published.

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
