import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { decodeCursor, pageOf, pageSize } from '../../kernel/pagination.ts';
import { maskPhone, namesOf } from '../registry/index.ts';
import { allowedActions, type State } from './machine.ts';
import { partiesOf, seesInternal } from './parties.ts';
import { ticketVisible } from './scope.ts';
import type { TicketRow } from './tables.ts';

export interface TicketFilter {
  state?: State[];
  open?: boolean;
  estateId?: string;
  companyId?: string;
  departmentId?: string;
  categoryId?: string;
  mine?: boolean;
  overdue?: boolean;
  q?: string;
  sort?: 'due' | 'recent';
  cursor?: string;
  limit?: number;
}

const MAX_TIME = 8.64e15;

/** Overdue: its current clock ran out while someone still had to act (a paused clock is never overdue). */
export function isOverdue(t: Pick<TicketRow, 'resolution_due' | 'resolved_at' | 'closed_at' | 'paused_since'>) {
  return (
    !t.resolved_at &&
    !t.closed_at &&
    !t.paused_since &&
    !!t.resolution_due &&
    clock.nowMs() > t.resolution_due.getTime()
  );
}

export async function listTickets(db: Executor, ctx: RequestContext, f: TicketFilter, all = false) {
  const limit = pageSize(all, f.limit);
  const byDue = f.sort === 'due';
  let q = db
    .selectFrom('tickets')
    .innerJoin('workorder_categories as c', 'c.id', 'tickets.category_id')
    .leftJoin('accounts as a', 'a.id', 'tickets.assignee_account_id')
    .selectAll('tickets')
    .select(['c.name as categoryName', 'c.code as categoryCode', 'a.display_name as assigneeName'])
    .where(ticketVisible(ctx.actor));
  if (f.state?.length) q = q.where('tickets.state', 'in', f.state);
  if (f.open || byDue) q = q.where('tickets.closed_at', 'is', null);
  if (f.estateId) q = q.where('tickets.estate_id', '=', f.estateId);
  if (f.companyId) q = q.where('tickets.company_id', '=', f.companyId);
  if (f.departmentId) q = q.where('tickets.department_id', '=', f.departmentId);
  if (f.categoryId) q = q.where('tickets.category_id', '=', f.categoryId);
  if (f.mine) q = q.where('tickets.assignee_account_id', '=', ctx.actor.accountId);
  if (f.overdue)
    q = q
      .where('tickets.resolution_due', '<', clock.now())
      .where('tickets.resolved_at', 'is', null)
      .where('tickets.closed_at', 'is', null)
      .where('tickets.paused_since', 'is', null);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '\\$&')}%`;
    q = q.where((eb) => eb.or([eb('tickets.number', 'like', like), eb('tickets.description', 'like', like)]));
  }
  const cursor = decodeCursor(f.cursor);
  if (byDue) {
    const due = sql<Date>`coalesce(tickets.resolution_due, 'infinity'::timestamptz)`;
    // A row comparison, so the next page starts inside the queue index instead of filtering after it.
    if (cursor) q = q.where(sql<boolean>`(${due}, tickets.id) > (${new Date(Number(cursor.key))}, ${cursor.id}::uuid)`);
    q = q.orderBy(due).orderBy('tickets.id');
  } else {
    if (cursor)
      q = q.where((eb) =>
        eb.or([
          eb('tickets.submitted_at', '<', new Date(Number(cursor.key))),
          eb.and([eb('tickets.submitted_at', '=', new Date(Number(cursor.key))), eb('tickets.id', '<', cursor.id)]),
        ]),
      );
    q = q.orderBy('tickets.submitted_at', 'desc').orderBy('tickets.id', 'desc');
  }
  const rows = await q.limit(limit + 1).execute();
  const names = await namesOf(
    db,
    rows.flatMap((r) => [r.estate_id, r.responsible_id, r.department_id, r.company_id]),
  );
  const items = rows.map((r) => ({ ...summary(r, names), categoryName: r.categoryName, assigneeName: r.assigneeName }));
  return pageOf(items, limit, (r) =>
    byDue ? (r.resolutionDue ? new Date(r.resolutionDue).getTime() : MAX_TIME) : new Date(r.submittedAt).getTime(),
  );
}

/** A ticket as lists show it: the reporter's phone masked, the name hidden when they asked for anonymity. */
function summary(t: TicketRow, names: Record<string, string>) {
  return {
    id: t.id,
    number: t.number,
    state: t.state,
    kind: t.kind,
    priority: t.priority,
    channel: t.channel,
    description: t.description,
    estateId: t.estate_id,
    estateName: names[t.estate_id] ?? '',
    companyName: t.company_id ? (names[t.company_id] ?? null) : null,
    placeKind: t.place_kind,
    placeText: t.place_text,
    reporterName: t.anonymous ? null : t.reporter_name,
    reporterPhone: maskPhone(t.reporter_phone),
    anonymous: t.anonymous,
    responsibleKind: t.responsible_kind,
    responsibleName: t.responsible_id ? (names[t.responsible_id] ?? null) : null,
    departmentName: t.department_id ? (names[t.department_id] ?? null) : null,
    submittedAt: t.submitted_at.toISOString(),
    responseDue: t.response_due?.toISOString() ?? null,
    resolutionDue: t.resolution_due?.toISOString() ?? null,
    respondedAt: t.responded_at?.toISOString() ?? null,
    resolvedAt: t.resolved_at?.toISOString() ?? null,
    closedAt: t.closed_at?.toISOString() ?? null,
    paused: !!t.paused_since,
    overdue: isOverdue(t),
    responseOverdue: !t.responded_at && !!t.response_due && clock.nowMs() > t.response_due.getTime(),
    reworkCount: t.rework_count,
    reopenCount: t.reopen_count,
    satisfaction: t.satisfaction,
    feedbackSolved: t.feedback_solved,
    version: t.version,
  };
}

export async function loadVisible(db: Executor, ctx: RequestContext, id: string) {
  const t = await db
    .selectFrom('tickets')
    .selectAll()
    .where('id', '=', id)
    .where(ticketVisible(ctx.actor))
    .executeTakeFirst();
  if (!t) throw notFound('workorders.ticket_not_found');
  return t;
}

/** One ticket with its timeline, photos, whistles and the actions the caller may take next. */
export async function getTicket(db: Executor, ctx: RequestContext, id: string) {
  const t = await loadVisible(db, ctx, id);
  const internal = seesInternal(ctx.actor, t);
  let events = db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', id);
  if (!internal) events = events.where('internal', '=', false);
  const [timeline, photos, whistles, category, assignee] = await Promise.all([
    events.orderBy('at').orderBy('id').execute(),
    db
      .selectFrom('ticket_photos')
      .select(['id', 'event_id', 'type'])
      .where('ticket_id', '=', id)
      .orderBy('created_at')
      .execute(),
    internal
      ? db.selectFrom('ticket_whistles').selectAll().where('ticket_id', '=', id).orderBy('whistled_at').execute()
      : Promise.resolve([]),
    categoryPath(db, t.category_id),
    t.assignee_account_id
      ? db.selectFrom('accounts').select('display_name').where('id', '=', t.assignee_account_id).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const names = await namesOf(db, [
    t.estate_id,
    t.responsible_id,
    t.department_id,
    t.company_id,
    ...whistles.map((w) => w.department_id),
  ]);
  return {
    ...summary(t, names),
    categoryId: t.category_id,
    categoryPath: category,
    assigneeName: assignee?.display_name ?? null,
    unitId: t.unit_id,
    buildingId: t.building_id,
    lat: t.lat,
    lng: t.lng,
    feedbackComment: t.feedback_comment,
    allowedActions: allowedActions(t.state, partiesOf(ctx.actor, t)),
    photos: photos.map((p) => ({ id: p.id, eventId: p.event_id, url: `/api/v1/workorders/photos/${p.id}` })),
    timeline: timeline.map((e) => ({
      id: e.id,
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      actorName: e.actor_name,
      actorParty: e.actor_party,
      note: e.note,
      reason: e.reason,
      photoIds: e.photo_ids,
      internal: e.internal,
      at: e.at.toISOString(),
    })),
    whistles: whistles.map((w) => ({
      departmentId: w.department_id,
      departmentName: names[w.department_id] ?? '',
      whistledAt: w.whistled_at.toISOString(),
      reportDue: w.report_due.toISOString(),
      reportedAt: w.reported_at?.toISOString() ?? null,
      reportedLate: w.reported_late,
      declinedAt: w.declined_at?.toISOString() ?? null,
      declineReason: w.decline_reason,
      repliedAt: w.replied_at?.toISOString() ?? null,
    })),
  };
}

async function categoryPath(db: Executor, leafId: string) {
  const rows = await sql<{ name: string; level: number }>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, name, level FROM workorder_categories WHERE id = ${leafId}
      UNION ALL SELECT c.id, c.parent_id, c.name, c.level FROM workorder_categories c JOIN up ON c.id = up.parent_id)
    SELECT name, level FROM up ORDER BY level`.execute(db);
  return rows.rows.map((r) => r.name).join(' › ');
}

/** The caller's full phone number, for those who must call back; every read is audited. */
export async function readContact(db: Executor, ctx: RequestContext, id: string) {
  const t = await loadVisible(db, ctx, id);
  const p = partiesOf(ctx.actor, t);
  if (!(p.has('handler') || p.has('assignee') || p.has('street') || p.has('department'))) throw forbidden();
  await audit(db, ctx, { action: 'read_pii', entityType: 'ticket', entityId: id, estateId: t.estate_id });
  return { name: t.reporter_name, phone: t.reporter_phone };
}
