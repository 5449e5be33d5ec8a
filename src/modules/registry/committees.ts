import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { coversEstate, writableEstate } from './access.ts';
import { registryPolicy } from './policy.ts';
import { estateVisible } from './scope.ts';
import type { HandoverItem } from './tables.ts';

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

const today = () => new Date(clock.nowMs() + 8 * 3_600_000).toISOString().slice(0, 10);

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
            handedAt: h.handed_at.toISOString(),
            receivedAt: h.received_at?.toISOString() ?? null,
          }
        : null,
    };
  });
}

/** The persons among `ids` who own a unit in the estate; committee members must be owners there. */
async function ownersAmong(db: Executor, estateId: string, ids: string[]) {
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

function checkPositions(positions: Position[]) {
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

async function insertMembers(
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

async function runnable(trx: Executor, ctx: RequestContext, committeeId: string) {
  const c = await committeeForUpdate(trx, committeeId);
  const estate = await trx.selectFrom('estates').selectAll().where('id', '=', c.estate_id).executeTakeFirstOrThrow();
  if (!coversEstate(ctx.actor, registryPolicy.runCommittees, estate)) throw forbidden();
  return c;
}

/**
 * A member leaves (resigned, recalled by the owners, sold their home…). The first alternate from the election
 * takes the seat; a director who leaves leaves the post empty until the committee names another.
 */
export async function removeMember(
  db: Executor,
  ctx: RequestContext,
  memberId: string,
  input: { reason: string; version: number },
) {
  const estateId = await db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('committee_members').selectAll().where('id', '=', memberId).executeTakeFirst();
    if (!m) throw notFound();
    const c = await runnable(trx, ctx, m.committee_id);
    if (c.version !== input.version) throw versionConflict();
    if (c.status !== 'active') throw new DomainError('registry.committee_not_active', 409);
    if (m.left_on) throw new DomainError('registry.member_already_left', 409);
    await trx
      .updateTable('committee_members')
      .set({ left_on: today(), left_reason: input.reason })
      .where('id', '=', memberId)
      .execute();
    const taken = new Set(c.seated.map((s) => s.person_id));
    const next = c.alternates.find((a) => !taken.has(a.personId));
    if (next) {
      const names = await ownersAmong(trx, c.estate_id, [next.personId]);
      // An alternate who has since sold their home cannot step in; the seat then waits for a by-election.
      if (names.size)
        await insertMembers(trx, c.id, [{ personId: next.personId, position: 'member' }], 'alternate', today(), names);
    }
    await trx
      .updateTable('committees')
      .set((eb) => ({
        version: eb('version', '+', 1),
        alternates: JSON.stringify(c.alternates.filter((a) => a.personId !== next?.personId)),
      }))
      .where('id', '=', c.id)
      .execute();
    await audit(trx, ctx, {
      action: 'committee.leave',
      entityType: 'committee',
      entityId: c.id,
      estateId: c.estate_id,
      before: { member: m.name, position: m.position },
      after: { reason: input.reason, alternate: next?.name ?? null },
    });
    return c.estate_id;
  });
  return listCommittees(db, ctx, estateId);
}

/** The committee names its director (主任) and deputies (副主任) among its seated members. */
export async function setPositions(
  db: Executor,
  ctx: RequestContext,
  committeeId: string,
  input: { version: number; positions: { memberId: string; position: Position }[] },
) {
  const estateId = await db.transaction().execute(async (trx) => {
    const c = await runnable(trx, ctx, committeeId);
    if (c.version !== input.version) throw versionConflict();
    if (c.status !== 'active') throw new DomainError('registry.committee_not_active', 409);
    const wanted = new Map(input.positions.map((p) => [p.memberId, p.position]));
    if ([...wanted.keys()].some((id) => !c.seated.some((s) => s.id === id)))
      throw new DomainError('registry.not_a_member', 400);
    const after = c.seated.map((s) => ({ id: s.id, position: wanted.get(s.id) ?? s.position }));
    checkPositions(after.map((a) => a.position));
    for (const a of after.filter((x) => wanted.has(x.id)))
      await trx.updateTable('committee_members').set({ position: a.position }).where('id', '=', a.id).execute();
    await trx
      .updateTable('committees')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', c.id)
      .execute();
    await audit(trx, ctx, {
      action: 'committee.positions',
      entityType: 'committee',
      entityId: c.id,
      estateId: c.estate_id,
      after: input.positions,
    });
    return c.estate_id;
  });
  return listCommittees(db, ctx, estateId);
}

/** 履职承诺: the member signs it online themselves, or the committee records the one signed on paper. */
export async function signCommitment(db: Executor, ctx: RequestContext, memberId: string, text: string) {
  return db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('committee_members').selectAll().where('id', '=', memberId).executeTakeFirst();
    if (!m) throw notFound();
    const self = ctx.actor.kind === 'resident' && !!m.person_id && ctx.actor.personId === m.person_id;
    if (!self) await runnable(trx, ctx, m.committee_id);
    if (m.left_on) throw new DomainError('registry.member_already_left', 409);
    if (m.commitment_signed_at) throw new DomainError('registry.commitment_signed', 409);
    const at = clock.now();
    await trx
      .updateTable('committee_members')
      .set({ commitment_signed_at: at, commitment_text: text })
      .where('id', '=', memberId)
      .execute();
    await audit(trx, ctx, {
      action: 'committee.commitment',
      entityType: 'committee',
      entityId: m.committee_id,
      after: { member: m.name, self, text },
    });
    return { signedAt: at.toISOString() };
  });
}

/**
 * 移交: a committee whose successor is seated (or whose term ran out with none) lists the seals, records, accounts
 * and keys it hands over. Receipt is confirmed by someone else, and only then has the old committee ended.
 */
export async function handOver(db: Executor, ctx: RequestContext, committeeId: string, items: HandoverItem[]) {
  return db.transaction().execute(async (trx) => {
    const c = await runnable(trx, ctx, committeeId);
    const termOver = !!c.term_end && c.term_end < today();
    if (!(c.status === 'handover' || (c.status === 'active' && termOver)))
      throw new DomainError('registry.handover_not_due', 409);
    const exists = await trx
      .selectFrom('committee_handovers')
      .select('id')
      .where('from_committee', '=', c.id)
      .executeTakeFirst();
    if (exists) throw new DomainError('registry.handover_exists', 409);
    const successor = await trx
      .selectFrom('committees')
      .select('id')
      .where('estate_id', '=', c.estate_id)
      .where('status', '=', 'active')
      .where('id', '<>', c.id)
      .executeTakeFirst();
    const row = {
      id: newId(),
      estate_id: c.estate_id,
      from_committee: c.id,
      to_committee: successor?.id ?? null,
      items: JSON.stringify(items),
      handed_by: ctx.actor.accountId,
      handed_at: clock.now(),
    };
    await trx.insertInto('committee_handovers').values(row).execute();
    await audit(trx, ctx, {
      action: 'committee.handover',
      entityType: 'committee',
      entityId: c.id,
      estateId: c.estate_id,
      after: { to: row.to_committee, items },
    });
    return { id: row.id };
  });
}

/** The receiving side (the new committee, or the street office keeping things meanwhile) confirms the list. */
export async function confirmHandover(db: Executor, ctx: RequestContext, handoverId: string) {
  return db.transaction().execute(async (trx) => {
    const h = await trx
      .selectFrom('committee_handovers')
      .selectAll()
      .where('id', '=', handoverId)
      .forUpdate()
      .executeTakeFirst();
    if (!h) throw notFound();
    await runnable(trx, ctx, h.from_committee);
    if (h.received_at) throw new DomainError('registry.handover_confirmed', 409);
    if (h.handed_by === ctx.actor.accountId) throw new DomainError('registry.handover_same_person', 409);
    const at = clock.now();
    await trx
      .updateTable('committee_handovers')
      .set({ received_by: ctx.actor.accountId, received_at: at })
      .where('id', '=', h.id)
      .execute();
    await trx
      .updateTable('committees')
      .set((eb) => ({
        status: 'ended',
        ended_on: today(),
        end_reason: h.to_committee ? 'succeeded' : 'term_over',
        version: eb('version', '+', 1),
      }))
      .where('id', '=', h.from_committee)
      .execute();
    await audit(trx, ctx, {
      action: 'committee.handover_confirm',
      entityType: 'committee',
      entityId: h.from_committee,
      estateId: h.estate_id,
    });
    return { receivedAt: at.toISOString() };
  });
}
