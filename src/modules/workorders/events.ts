import type { Executor } from '../../kernel/db.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import type { Party } from './machine.ts';
import type { TicketRow } from './tables.ts';

export interface TimelineEntry {
  action: string;
  from: string | null;
  to: string;
  party: Party | 'resident' | 'company' | 'community' | 'street' | 'department' | 'system';
  at: Date;
  note?: string | null;
  reason?: string | null;
  photoIds?: string[];
  internal?: boolean;
  data?: unknown;
}

/** One timeline entry; photos named here are attached to the ticket and the entry. */
export async function recordEvent(
  db: Executor,
  ctx: RequestContext | null,
  t: Pick<TicketRow, 'id'>,
  e: TimelineEntry,
): Promise<string> {
  const { id, insert } = eventInsert(db, ctx, t, e);
  await insert.execute();
  if (e.photoIds?.length) await attachPhotos(db, ctx, t.id, id, e.photoIds);
  return id;
}

/** The entry's INSERT, not yet run (photos are attached separately, with attachPhotos). */
export function eventInsert(db: Executor, ctx: RequestContext | null, t: Pick<TicketRow, 'id'>, e: TimelineEntry) {
  const id = newId();
  const insert = db.insertInto('ticket_events').values({
    id,
    ticket_id: t.id,
    action: e.action,
    from_state: e.from,
    to_state: e.to,
    actor_account_id: ctx?.actor.accountId ?? null,
    actor_name: ctx?.actor.displayName ?? '系统',
    actor_party: e.party,
    note: e.note ?? null,
    reason: e.reason ?? null,
    photo_ids: e.photoIds ?? [],
    internal: e.internal ?? false,
    data: e.data === undefined ? null : JSON.stringify(e.data),
    at: e.at,
  });
  return { id, insert };
}

/** Photos are uploaded first (by the same account) and attached once; anything else is refused. */
export async function attachPhotos(
  db: Executor,
  ctx: RequestContext | null,
  ticketId: string,
  eventId: string,
  ids: string[],
) {
  const unique = [...new Set(ids)];
  const res = await db
    .updateTable('ticket_photos')
    .set({ ticket_id: ticketId, event_id: eventId })
    .where('id', 'in', unique)
    .where('ticket_id', 'is', null)
    .where('uploaded_by', '=', ctx?.actor.accountId ?? '00000000-0000-0000-0000-000000000000')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== unique.length) throw new DomainError('workorders.photo_unknown', 400);
}
