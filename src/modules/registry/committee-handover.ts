import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { runnable, today } from './committees.ts';
import type { HandoverItem } from './tables.ts';

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
