import { clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db.ts';
import { defineRecurringJob } from '../../kernel/jobs.ts';
import { recordEvent } from './events.ts';
import type { State } from './machine.ts';
import { tellHandler, tellStreet } from './notices.ts';
import { defineRollupJob } from './rollups.ts';
import { save } from './transitions.ts';

const BATCH = 200;
const COMPANY_STATES: State[] = ['submitted', 'accepted', 'dispatched', 'in_progress'];

/**
 * The SLA clocks' side effects, run by the job queue every minute: a reminder before a breach, automatic
 * escalation to the street on a breach, and the street told when a department misses its report deadline.
 * Each ticket is its own short transaction, so a long sweep never blocks other writers.
 */
export async function sweepClocks(db: Db): Promise<{ reminded: number; breached: number; lateReports: number }> {
  const now = clock.now();
  let reminded = 0;
  let breached = 0;
  let lateReports = 0;

  const toRemind = await db
    .selectFrom('tickets')
    .select('id')
    .where('remind_at', '<=', now)
    .where('paused_since', 'is', null)
    .limit(BATCH)
    .execute();
  for (const { id } of toRemind) {
    await db.transaction().execute(async (trx) => {
      const t = await trx.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      if (!t.remind_at || t.remind_at > now || t.paused_since) return;
      await trx.updateTable('tickets').set({ remind_at: null }).where('id', '=', id).execute();
      await tellHandler(trx, t, 'workorders.notice.reminder', {
        number: t.number,
        due: t.resolution_due?.toISOString(),
      });
      reminded++;
    });
  }

  const toBreach = await db
    .selectFrom('tickets')
    .select('id')
    .where('resolution_due', '<', now)
    .where('resolved_at', 'is', null)
    .where('closed_at', 'is', null)
    .where('breached', '=', false)
    .where('paused_since', 'is', null)
    .limit(BATCH)
    .execute();
  for (const { id } of toBreach) {
    await db.transaction().execute(async (trx) => {
      const t = await trx.selectFrom('tickets').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      if (t.breached || t.resolved_at || t.closed_at || t.paused_since || !t.resolution_due || t.resolution_due >= now)
        return;
      const escalate = COMPANY_STATES.includes(t.state);
      const after = await save(
        trx,
        t,
        { breached: true, remind_at: null, ...(escalate ? { state: 'escalation_requested' } : {}) },
        now,
      );
      await recordEvent(trx, null, t, {
        action: escalate ? 'breach_escalate' : 'breach',
        from: t.state,
        to: after.state,
        party: 'system',
        at: now,
        data: { due: t.resolution_due.toISOString() },
      });
      await tellStreet(trx, after, 'workorders.notice.breach', { number: t.number, state: after.state });
      breached++;
    });
  }

  const lateWhistles = await db
    .selectFrom('ticket_whistles')
    .innerJoin('tickets', 'tickets.id', 'ticket_whistles.ticket_id')
    .selectAll('tickets')
    .select(['ticket_whistles.id as whistleId'])
    .where('ticket_whistles.report_due', '<', now)
    .where('ticket_whistles.reported_at', 'is', null)
    .where('ticket_whistles.declined_at', 'is', null)
    .where('ticket_whistles.late_notified', '=', false)
    .limit(BATCH)
    .execute();
  for (const w of lateWhistles) {
    await db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('ticket_whistles')
        .set({ late_notified: true })
        .where('id', '=', w.whistleId)
        .where('late_notified', '=', false)
        .executeTakeFirst();
      if (!Number(res.numUpdatedRows)) return;
      await tellStreet(trx, w, 'workorders.notice.report_late', { number: w.number });
      lateReports++;
    });
  }
  return { reminded, breached, lateReports };
}

export function defineWorkorderJobs(): void {
  defineRecurringJob('workorders.sla', 60_000, ({ db }) => sweepClocks(db));
  defineRollupJob();
}
