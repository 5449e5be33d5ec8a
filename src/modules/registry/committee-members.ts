import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, notFound, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import {
  checkPositions,
  committeeForUpdate,
  insertMembers,
  listCommittees,
  ownersAmong,
  type Position,
  runnable,
  today,
} from './committees.ts';

// A committee's members over its term: their positions, their 履职承诺, and who leaves and who steps in.

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
    const c = self ? await committeeForUpdate(trx, m.committee_id) : await runnable(trx, ctx, m.committee_id);
    if (c.status !== 'active') throw new DomainError('registry.committee_not_active', 409);
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
      estateId: c.estate_id,
      after: { member: m.name, self, text },
    });
    return { signedAt: at.toISOString() };
  });
}
