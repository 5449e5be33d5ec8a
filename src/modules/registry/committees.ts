import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { coversEstate, writableEstate } from './access.ts';
import { registryPolicy } from './policy.ts';
import { estateVisible } from './scope.ts';

/**
 * Owners' committees (业主委员会) and the property management committees (物业管理委员会) that stand in where none
 * can be formed: terms, members and their roles, who joins and leaves, the 履职承诺, and the handover (移交).
 */

export type Position = 'director' | 'deputy_director' | 'member';
type Affiliation = 'owner' | 'street' | 'community' | 'other';
export interface SeatInput {
  personId: string;
  position: Position;
}

/** 《业主大会和业主委员会指导规则》 art. 33: a committee's term is at most five years. */
export function termTooLong(start: string, end: string) {
  const limit = new Date(`${start}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() + 5);
  return end <= start || end > limit.toISOString().slice(0, 10);
}

export const today = () => new Date(clock.nowMs() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function listCommittees(db: Executor, ctx: RequestContext, estateId: string) {
  const visible = await db
    .selectFrom('estates')
    .select('id')
    .where('id', '=', estateId)
    .where(estateVisible(ctx.actor))
    .executeTakeFirst();
  if (!visible) throw notFound();
  const committees = await db
    .selectFrom('committees')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('created_at', 'desc')
    .execute();
  const ids = committees.map((c) => c.id);
  const [members, handovers] = ids.length
    ? await Promise.all([
        db.selectFrom('committee_members').selectAll().where('committee_id', 'in', ids).execute(),
        db.selectFrom('committee_handovers').selectAll().where('from_committee', 'in', ids).execute(),
      ])
    : [[], []];
  const order = { director: 0, deputy_director: 1, member: 2 };
  return committees.map((c) => {
    const h = handovers.find((x) => x.from_committee === c.id);
    return {
      id: c.id,
      estateId: c.estate_id,
      kind: c.kind,
      termStart: c.term_start,
      termEnd: c.term_end,
      status: c.status,
      // Still active after its term: the street office must see that an election is overdue.
      expired: c.status === 'active' && !!c.term_end && c.term_end < today(),
      seats: c.seats,
      electedBy: c.elected_by,
      alternates: c.alternates.filter(
        (a) => !members.some((m) => m.committee_id === c.id && m.person_id === a.personId),
      ),
      endedOn: c.ended_on,
      endReason: c.end_reason,
      version: c.version,
      members: members
        .filter((m) => m.committee_id === c.id)
        .sort((a, b) => Number(!!a.left_on) - Number(!!b.left_on) || order[a.position] - order[b.position])
        .map((m) => ({
          id: m.id,
          personId: m.person_id,
          name: m.name,
          affiliation: m.affiliation,
          position: m.position,
          source: m.source,
          joinedOn: m.joined_on,
          leftOn: m.left_on,
          leftReason: m.left_reason,
          commitmentSignedAt: m.commitment_signed_at?.toISOString() ?? null,
        })),
      handover: h
        ? {
            id: h.id,
            toCommittee: h.to_committee,
            items: h.items,
            handedBy: h.handed_by,
            handedAt: h.handed_at.toISOString(),
            receivedAt: h.received_at?.toISOString() ?? null,
          }
        : null,
    };
  });
}

/** The persons among `ids` who own a unit in the estate; committee members must be owners there. */
export async function ownersAmong(db: Executor, estateId: string, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db
    .selectFrom('unit_owners')
    .innerJoin('persons', 'persons.id', 'unit_owners.person_id')
    .select(['persons.id', 'persons.name'])
    .distinct()
    .where('unit_owners.estate_id', '=', estateId)
    .where('persons.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function checkPositions(positions: Position[]) {
  if (positions.filter((p) => p === 'director').length !== 1) throw new DomainError('registry.one_director', 400);
}

/** A new committee takes office: the one before it keeps only the duty to hand over (status 'handover'). */
async function succeed(trx: Executor, estateId: string) {
  const before = await trx
    .updateTable('committees')
    .set((eb) => ({ status: 'handover', version: eb('version', '+', 1) }))
    .where('estate_id', '=', estateId)
    .where('status', '=', 'active')
    .returning('id')
    .executeTakeFirst();
  return before?.id ?? null;
}

/**
 * Records a committee: an owners' committee seated before the platform, or a 物业管理委员会 set up by the street
 * office with officials, the community and owners' representatives.
 */
export async function recordCommittee(
  db: Executor,
  ctx: RequestContext,
  estateId: string,
  input: {
    kind: 'owners_committee' | 'management_committee';
    termStart: string;
    termEnd: string;
    members: { personId?: string; name?: string; affiliation?: Affiliation; position: Position }[];
  },
) {
  if (termTooLong(input.termStart, input.termEnd)) throw new DomainError('registry.term_too_long', 400);
  checkPositions(input.members.map((m) => m.position));
  await db.transaction().execute(async (trx) => {
    await writableEstate(trx, ctx.actor, estateId, registryPolicy.editCommittees);
    const members = input.members.map((m) => ({
      ...m,
      affiliation: input.kind === 'owners_committee' ? 'owner' : (m.affiliation ?? 'owner'),
    }));
    const personIds = members.filter((m) => m.personId).map((m) => m.personId as string);
    const owners = await ownersAmong(trx, estateId, personIds);
    for (const m of members) {
      if (m.affiliation === 'owner' && !(m.personId && owners.has(m.personId)))
        throw new DomainError('registry.not_estate_person', 400);
      if (m.affiliation !== 'owner' && !m.name?.trim()) throw new DomainError('registry.member_name_required', 400);
    }
    const predecessor = await succeed(trx, estateId);
    const row = {
      id: newId(),
      estate_id: estateId,
      kind: input.kind,
      term_start: input.termStart,
      term_end: input.termEnd,
      seats: members.length,
    };
    await trx.insertInto('committees').values(row).execute();
    await trx
      .insertInto('committee_members')
      .values(
        members.map((m) => ({
          id: newId(),
          committee_id: row.id,
          person_id: m.personId ?? null,
          name: m.personId && owners.has(m.personId) ? (owners.get(m.personId) as string) : (m.name as string).trim(),
          affiliation: m.affiliation,
          position: m.position,
          source: input.kind === 'management_committee' ? 'appointed' : 'recorded',
          joined_on: input.termStart,
        })),
      )
      .execute();
    await audit(trx, ctx, {
      action: 'create',
      entityType: 'committee',
      entityId: row.id,
      estateId,
      after: { ...row, predecessor, members },
    });
  });
  return listCommittees(db, ctx, estateId);
}

/**
 * Seats the committee an election (a voting matter, art. 278 item 3) chose. The caller has checked that it may
 * organise the estate's votes and that the result is final; positions come from the new committee's first meeting.
 */
export async function seatCommittee(
  trx: Executor,
  ctx: RequestContext,
  input: {
    estateId: string;
    electedBy: string;
    seats: number;
    termStart: string;
    termEnd: string;
    members: SeatInput[];
    alternates: string[];
  },
) {
  if (termTooLong(input.termStart, input.termEnd)) throw new DomainError('registry.term_too_long', 400);
  checkPositions(input.members.map((m) => m.position));
  const names = await ownersAmong(trx, input.estateId, [...input.members.map((m) => m.personId), ...input.alternates]);
  const predecessor = await succeed(trx, input.estateId);
  const id = newId();
  await trx
    .insertInto('committees')
    .values({
      id,
      estate_id: input.estateId,
      kind: 'owners_committee',
      term_start: input.termStart,
      term_end: input.termEnd,
      elected_by: input.electedBy,
      seats: input.seats,
      alternates: JSON.stringify(input.alternates.map((personId) => ({ personId, name: names.get(personId) ?? '' }))),
    })
    .execute();
  await insertMembers(trx, id, input.members, 'elected', input.termStart, names);
  await audit(trx, ctx, {
    action: 'committee.seat',
    entityType: 'committee',
    entityId: id,
    estateId: input.estateId,
    after: { electedBy: input.electedBy, predecessor, members: input.members, alternates: input.alternates },
  });
  return id;
}

export async function insertMembers(
  trx: Executor,
  committeeId: string,
  members: SeatInput[],
  source: 'elected' | 'by_election' | 'alternate',
  joinedOn: string,
  names: Map<string, string>,
) {
  const unknown = members.find((m) => !names.has(m.personId));
  if (unknown) throw new DomainError('registry.not_estate_person', 400);
  if (!members.length) return;
  await trx
    .insertInto('committee_members')
    .values(
      members.map((m) => ({
        id: newId(),
        committee_id: committeeId,
        person_id: m.personId,
        name: names.get(m.personId) as string,
        position: m.position,
        source,
        joined_on: joinedOn,
      })),
    )
    .execute();
}

/** The committee a by-election fills or a review concerns, locked, with its seated members. */
export async function committeeForUpdate(trx: Executor, committeeId: string) {
  const c = await trx.selectFrom('committees').selectAll().where('id', '=', committeeId).forUpdate().executeTakeFirst();
  if (!c) throw notFound('registry.committee_not_found');
  const seated = await trx
    .selectFrom('committee_members')
    .select(['id', 'person_id', 'position'])
    .where('committee_id', '=', committeeId)
    .where('left_on', 'is', null)
    .execute();
  return { ...c, seated };
}

/** 补选: those elected to fill vacancies join the committee until the end of its term. */
export async function fillVacancies(trx: Executor, ctx: RequestContext, committeeId: string, personIds: string[]) {
  const c = await committeeForUpdate(trx, committeeId);
  if (c.status !== 'active') throw new DomainError('registry.committee_not_active', 409);
  const vacancies = (c.seats ?? c.seated.length) - c.seated.length;
  if (personIds.length > vacancies) throw new DomainError('registry.no_vacancy', 409, { vacancies });
  const names = await ownersAmong(trx, c.estate_id, personIds);
  const members = personIds.map((personId) => ({ personId, position: 'member' as const }));
  await insertMembers(trx, committeeId, members, 'by_election', today(), names);
  await audit(trx, ctx, {
    action: 'committee.fill',
    entityType: 'committee',
    entityId: committeeId,
    estateId: c.estate_id,
    after: { members: personIds },
  });
}

export async function runnable(trx: Executor, ctx: RequestContext, committeeId: string) {
  const c = await committeeForUpdate(trx, committeeId);
  const estate = await trx.selectFrom('estates').selectAll().where('id', '=', c.estate_id).executeTakeFirstOrThrow();
  if (!coversEstate(ctx.actor, registryPolicy.runCommittees, estate)) throw forbidden();
  return c;
}
