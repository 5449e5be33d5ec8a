import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import { shanghaiDate } from './calendar.ts';
import { COUNTERS, type Counters, countersOf, difference, ZERO } from './metrics.ts';
import type { TicketRow } from './tables.ts';

/** Keeps ticket_rollups equal to the sum of every ticket's counters, in the same transaction as the change. */

const factsOf = (t: TicketRow) => ({
  dispatchedAt: t.dispatched_at,
  respondedAt: t.responded_at,
  responseDue: t.response_due,
  feedbackSolved: t.feedback_solved,
  satisfaction: t.satisfaction,
  resolvedAt: t.resolved_at,
  resolvedLate: t.resolved_late,
  breached: t.breached,
  closedCount: t.closed_count,
  reopenCount: t.reopen_count,
  declineCount: t.decline_count,
  rerouteCount: t.reroute_count,
  whistleCount: t.whistle_count,
  reportedInTime: t.reported_in_time,
});

const keyOf = (t: TicketRow) => ({
  month: `${shanghaiDate(t.submitted_at.getTime()).slice(0, 7)}-01`,
  estate_id: t.estate_id,
  company_id: t.company_id,
  department_id: t.department_id,
  region_path: t.region_path,
});
const sameKey = (a: ReturnType<typeof keyOf>, b: ReturnType<typeof keyOf>) =>
  a.month === b.month &&
  a.estate_id === b.estate_id &&
  a.company_id === b.company_id &&
  a.department_id === b.department_id;

async function add(db: Executor, key: ReturnType<typeof keyOf>, delta: Counters): Promise<void> {
  if (COUNTERS.every((c) => delta[c] === 0)) return;
  await db
    .insertInto('ticket_rollups')
    .values({ ...key, ...delta })
    .onConflict((oc) =>
      oc
        .columns(['month', 'estate_id', 'company_id', 'department_id'])
        .doUpdateSet(
          Object.fromEntries(COUNTERS.map((c) => [c, sql`ticket_rollups.${sql.ref(c)} + excluded.${sql.ref(c)}`])),
        ),
    )
    .execute();
}

export async function applyRollup(db: Executor, before: TicketRow | null, after: TicketRow): Promise<void> {
  const was = before ? countersOf(factsOf(before)) : ZERO;
  const now = countersOf(factsOf(after));
  if (before && !sameKey(keyOf(before), keyOf(after))) {
    await add(db, keyOf(before), difference(ZERO, was));
    await add(db, keyOf(after), now);
  } else {
    await add(db, keyOf(after), difference(now, was));
  }
}
