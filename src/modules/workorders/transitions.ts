import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, notFound, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { departmentFor } from '../registry/index.ts';
import { clocksOf, currentConfig, deadline, type Settings, type WorkorderConfig } from './config.ts';
import { pickAssignee } from './dispatch.ts';
import { recordEvent } from './events.ts';
import { ACTIONS, type Action, allowedActions, nextState, type Party, type State } from './machine.ts';
import { tellAccount, tellDepartment, tellHandler, tellReporter, tellStreet } from './notices.ts';
import { partiesOf, responsibleNow } from './parties.ts';
import { applyRollup } from './rollups.ts';
import { ticketVisible } from './scope.ts';
import type { Interval } from './sla.ts';
import type { Satisfaction, TicketRow } from './tables.ts';

export interface TransitionInput {
  action: Action;
  version?: number;
  note?: string;
  reason?: string;
  photoIds?: string[];
  internal?: boolean;
  assigneeAccountId?: string;
  teamId?: string;
  duplicateOf?: string;
  categoryId?: string;
  departmentId?: string;
  feedback?: { solved: boolean; satisfaction: Satisfaction; comment?: string };
}

type Patch = Partial<TicketRow>;
const pausesOf = (t: TicketRow): Interval[] => t.pauses ?? [];

/** Locks the ticket for the change: a second writer waits, then sees the state the first one left. */
async function lockTicket(trx: Executor, ctx: RequestContext, id: string): Promise<TicketRow> {
  const t = await trx
    .selectFrom('tickets')
    .selectAll()
    .where('id', '=', id)
    .where(ticketVisible(ctx.actor))
    .forUpdate()
    .executeTakeFirst();
  if (!t) throw notFound('workorders.ticket_not_found');
  return t;
}

/** The party an event is shown as: the most specific one the action allows. */
function actingParty(action: Action, parties: Set<Party>): Party {
  const by: readonly Party[] = ACTIONS[action].by;
  return by.find((p) => parties.has(p)) as Party;
}

export async function transition(db: Executor, ctx: RequestContext, id: string, input: TransitionInput) {
  const config = await currentConfig(db);
  return db.transaction().execute(async (trx) => {
    const t = await lockTicket(trx, ctx, id);
    const parties = partiesOf(ctx.actor, t);
    const spec = ACTIONS[input.action];
    const allowed = allowedActions(t.state, parties);
    if (!spec.by.some((p: Party) => parties.has(p))) throw new DomainError('forbidden', 403);
    if (!allowed.includes(input.action))
      throw new DomainError('workorders.invalid_transition', 409, {
        action: input.action,
        state: t.state,
        allowed: allowed.join(', ') || '—',
      });
    if (input.version !== undefined && input.version !== t.version) throw versionConflict();
    for (const field of (spec as { requires?: readonly string[] }).requires ?? []) {
      const given = (input as unknown as Record<string, unknown>)[field];
      if (given === undefined || given === null || (typeof given === 'string' && !given.trim()))
        throw new DomainError('workorders.field_required', 400, { field }, [{ field, code: 'validation.required' }]);
    }
    const now = clock.now();
    const reworkTo = await reworkState(trx, t);
    const to = nextState(input.action, t.state, reworkTo);
    const patch = await effects(trx, ctx, t, input, now, config);
    const after = await save(trx, t, { ...patch, state: patch.state ?? to }, now);
    await recordEvent(trx, ctx, t, {
      action: input.action,
      from: t.state,
      to: after.state,
      party: actingParty(input.action, parties),
      at: now,
      note: input.note,
      reason: input.reason,
      photoIds: input.photoIds,
      internal: input.internal && !parties.has('reporter'),
      data: eventData(input, after),
    });
    await announce(trx, input.action, after);
    await audit(trx, ctx, {
      action: `ticket.${input.action}`,
      entityType: 'ticket',
      entityId: t.id,
      estateId: t.estate_id,
      before: { state: t.state, version: t.version },
      after: { state: after.state, version: after.version },
    });
    return { id: after.id, state: after.state, version: after.version };
  });
}

/** Writes the patch with the derived fields (who is responsible, version) and keeps the rollups in step. */
export async function save(trx: Executor, t: TicketRow, patch: Patch, now: Date): Promise<TicketRow> {
  const next = { ...t, ...patch } as TicketRow;
  const { pauses, ...rest } = patch;
  const set = {
    ...rest,
    ...(pauses ? { pauses: JSON.stringify(pauses) } : {}),
    ...responsibleNow(next),
    version: t.version + 1,
    updated_at: now,
  };
  const after = await trx
    .updateTable('tickets')
    .set(set)
    .where('id', '=', t.id)
    .where('version', '=', t.version)
    .returningAll()
    .executeTakeFirst();
  if (!after) throw versionConflict();
  await applyRollup(trx, t, after);
  return after;
}

/** Rework goes back to whoever resolved it: the department if it replied, otherwise the handler. */
async function reworkState(trx: Executor, t: TicketRow): Promise<State> {
  if (t.state !== 'resolved') return 'in_progress';
  const last = await trx
    .selectFrom('ticket_events')
    .select('from_state')
    .where('ticket_id', '=', t.id)
    .where('to_state', '=', 'resolved')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return (last?.from_state as State | undefined) ?? 'in_progress';
}

const eventData = (input: TransitionInput, after: TicketRow) => {
  const d: Record<string, unknown> = {};
  if (input.feedback) d.feedback = input.feedback;
  if (input.action === 'dispatch') d.assignee = after.assignee_account_id;
  if (input.action === 'whistle') d.departmentId = after.department_id;
  if (input.action === 'reclassify') d.categoryId = after.category_id;
  if (input.action === 'merge') d.duplicateOf = after.duplicate_of;
  return Object.keys(d).length ? d : undefined;
};

/** What each action changes besides the state. */
async function effects(
  trx: Executor,
  ctx: RequestContext,
  t: TicketRow,
  input: TransitionInput,
  now: Date,
  { settings, calendar: cal, leaves }: WorkorderConfig,
): Promise<Patch> {
  const nowMs = now.getTime();
  const leaf = leaves.get(t.category_id);
  if (!leaf) throw notFound('workorders.category_not_leaf');
  const ownClocks = (from: number, pauses: Interval[], l = leaf) => {
    const clocks = clocksOf(l, t.priority, settings);
    const response = deadline(
      from,
      clocks.map((c) => c.response),
      cal,
      pauses,
      settings,
      nowMs,
    );
    const resolution = deadline(
      from,
      clocks.map((c) => c.resolution),
      cal,
      pauses,
      settings,
      nowMs,
    );
    return { response_due: response.due, resolution_due: resolution.due, remind_at: resolution.remindAt };
  };
  switch (input.action) {
    case 'accept':
      // A department's matter: accepted by the first receiver, then straight to the street for the whistle.
      return { accepted_at: now, ...(leaf.handler === 'department' ? { state: 'escalation_requested' } : {}) };
    case 'reject':
    case 'out_of_scope':
      return { remind_at: null, closed_at: now };
    case 'merge': {
      const original = await trx
        .selectFrom('tickets')
        .select(['id', 'estate_id', 'state'])
        .where(
          /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(input.duplicateOf as string) ? 'id' : 'number',
          '=',
          input.duplicateOf as string,
        )
        .where(ticketVisible(ctx.actor))
        .executeTakeFirst();
      if (!original || original.id === t.id || original.estate_id !== t.estate_id || original.state === 'merged')
        throw new DomainError('workorders.duplicate_invalid', 400);
      return { duplicate_of: original.id, remind_at: null, closed_at: now };
    }
    case 'dispatch': {
      const pick = await pickAssignee(trx, t, leaf.code, input, now);
      return { ...pick, dispatched_at: t.dispatched_at ?? now };
    }
    case 'start': {
      // Starting without a dispatch is the handler taking it on themselves.
      const self = t.assignee_account_id ?? ctx.actor.accountId;
      return { responded_at: t.responded_at ?? now, dispatched_at: t.dispatched_at ?? now, assignee_account_id: self };
    }
    case 'wait':
      return { paused_since: now };
    case 'resume': {
      const pauses = [...pausesOf(t), { from: (t.paused_since as Date).getTime(), to: nowMs }];
      const clocks = ownClocks(t.submitted_at.getTime(), pauses);
      return { paused_since: null, pauses, ...withoutResponse(t, clocks) };
    }
    case 'resolve':
    case 'reply':
      if (input.action === 'reply') await closeWhistle(trx, t, { replied_at: now });
      return { resolved_at: now, resolved_late: t.resolution_due !== null && now > t.resolution_due, remind_at: null };
    case 'request_escalation':
      return {};
    case 'refuse_escalation':
      return {};
    case 'whistle':
      return whistle(trx, t, input, now, settings, cal, leaf.department_kind);
    case 'report': {
      const w = await openWhistle(trx, t);
      const late = now > w.report_due;
      await trx
        .updateTable('ticket_whistles')
        .set({ reported_at: now, reported_late: late })
        .where('id', '=', w.id)
        .execute();
      return { responded_at: t.responded_at ?? now, reported_in_time: t.reported_in_time + (late ? 0 : 1) };
    }
    case 'decline':
      await closeWhistle(trx, t, { declined_at: now, decline_reason: input.reason ?? null });
      return { decline_count: t.decline_count + 1, remind_at: null };
    case 'confirm':
      return { verified_at: now };
    case 'send_back':
      return { rework_count: t.rework_count + 1, resolved_at: null, resolved_late: null };
    case 'feedback': {
      const f = input.feedback as NonNullable<TransitionInput['feedback']>;
      return {
        feedback_solved: f.solved,
        satisfaction: f.satisfaction,
        feedback_comment: f.comment ?? null,
        closed_at: now,
        closed_count: t.closed_count + 1,
      };
    }
    case 'reopen': {
      const limit = (t.closed_at as Date).getTime() + settings.reopenDays * 86_400_000;
      if (nowMs > limit) throw new DomainError('workorders.reopen_expired', 409, { days: settings.reopenDays });
      const clocks = ownClocks(nowMs, []);
      return {
        ...clocks,
        reopen_count: t.reopen_count + 1,
        closed_at: null,
        resolved_at: null,
        resolved_late: null,
        verified_at: null,
        feedback_solved: null,
        satisfaction: null,
        feedback_comment: null,
        breached: false,
      };
    }
    case 'reclassify': {
      const next = leaves.get(input.categoryId as string);
      if (!next?.active) throw new DomainError('workorders.category_not_leaf', 400);
      // Only a ticket already dispatched was sent the wrong way; sorting it before dispatch is routine.
      const moved =
        t.dispatched_at !== null && (next.handler !== leaf.handler || next.department_kind !== leaf.department_kind);
      const handlerKind: TicketRow['handler_kind'] =
        next.handler === 'street' ? 'street' : t.company_id ? 'company' : 'community';
      return {
        category_id: next.id,
        kind: next.kind as string,
        handler_kind: handlerKind,
        reroute_count: t.reroute_count + (moved ? 1 : 0),
        ...(t.resolved_at ? {} : withoutResponse(t, ownClocks(t.submitted_at.getTime(), pausesOf(t), next))),
      };
    }
    case 'comment':
      return {};
  }
}

/** Once responded, the response deadline is history: keep it as it was met or missed. */
const withoutResponse = (t: TicketRow, c: Patch): Patch =>
  t.responded_at ? { ...c, response_due: t.response_due } : c;

async function openWhistle(trx: Executor, t: TicketRow) {
  const w = await trx
    .selectFrom('ticket_whistles')
    .selectAll()
    .where('ticket_id', '=', t.id)
    .where('department_id', '=', t.department_id as string)
    .where('declined_at', 'is', null)
    .orderBy('whistled_at', 'desc')
    .executeTakeFirst();
  if (!w) throw notFound();
  return w;
}

async function closeWhistle(
  trx: Executor,
  t: TicketRow,
  set: { replied_at?: Date; declined_at?: Date; decline_reason?: string | null },
) {
  const w = await openWhistle(trx, t);
  await trx.updateTable('ticket_whistles').set(set).where('id', '=', w.id).execute();
}

/** 吹哨: to the department the table names for the place, unless the street names another. */
async function whistle(
  trx: Executor,
  t: TicketRow,
  input: TransitionInput,
  now: Date,
  settings: Settings,
  cal: WorkorderConfig['calendar'],
  departmentKind: string | null,
): Promise<Patch> {
  const nowMs = now.getTime();
  let departmentId = input.departmentId;
  if (!departmentId) {
    const d = departmentKind ? await departmentFor(trx, departmentKind, t.region_path) : undefined;
    if (!d)
      throw new DomainError('workorders.department_required', 400, {}, [
        { field: 'departmentId', code: 'validation.required' },
      ]);
    departmentId = d.id;
  }
  const earlier = await trx
    .selectFrom('ticket_whistles')
    .select('department_id')
    .where('ticket_id', '=', t.id)
    .execute();
  const rerouted = earlier.some((w) => w.department_id !== departmentId);
  const report = deadline(nowMs, [settings.report], cal, [], settings, nowMs);
  const handling = deadline(nowMs, [settings.department], cal, [], settings, nowMs);
  await trx
    .insertInto('ticket_whistles')
    .values({
      id: newId(),
      ticket_id: t.id,
      department_id: departmentId,
      region_path: t.region_path,
      whistled_at: now,
      report_due: report.due as Date,
      reported_at: null,
      reported_late: null,
      declined_at: null,
      decline_reason: null,
      replied_at: null,
    })
    .execute();
  return {
    department_id: departmentId,
    // A whistle is a dispatch to a department: it counts towards 响应率 and 派单准确率 like a dispatch to staff.
    dispatched_at: t.dispatched_at ?? now,
    reroute_count: t.reroute_count + (rerouted ? 1 : 0),
    whistle_count: t.whistle_count + 1,
    // The department's own clock replaces the company's.
    resolution_due: handling.due,
    remind_at: handling.remindAt,
    breached: false,
  };
}

/** Notifications: the resident at each step, the handler on dispatch, the street and department on escalation. */
async function announce(trx: Executor, action: Action | 'breach_escalate', t: TicketRow) {
  const params = { number: t.number, state: t.state };
  if (action !== 'comment') await tellReporter(trx, t, `workorders.notice.${t.state}`, params);
  if (action === 'dispatch' && t.assignee_account_id)
    await tellAccount(trx, t.assignee_account_id, 'workorders.notice.assigned', params);
  if (t.state === 'escalation_requested') await tellStreet(trx, t, 'workorders.notice.escalation', params);
  if (action === 'whistle' && t.department_id)
    await tellDepartment(trx, t.department_id, 'workorders.notice.whistle', params);
  if (action === 'send_back' || action === 'reopen') await tellHandler(trx, t, 'workorders.notice.rework', params);
}
