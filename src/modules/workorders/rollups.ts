import { sql } from 'kysely';
import type { Db, Executor } from '../../kernel/db.ts';
import { defineRecurringJob } from '../../kernel/jobs.ts';
import { shanghaiDate } from './calendar.ts';
import { COUNTERS, type Counters, countersOf, difference, ZERO } from './metrics.ts';
import type { TicketRow } from './tables.ts';

/**
 * Keeps the rollups equal to the sum of every ticket's counters. A change appends the difference to
 * ticket_rollup_deltas in its own transaction (append-only, so concurrent tickets of one estate never wait on a
 * shared row); foldRollups moves the deltas into ticket_rollups; readers sum both, so nothing is ever missing.
 */

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
type Key = ReturnType<typeof keyOf>;
const sameKey = (a: Key, b: Key) =>
  a.month === b.month &&
  a.estate_id === b.estate_id &&
  a.company_id === b.company_id &&
  a.department_id === b.department_id;
const isZero = (c: Counters) => COUNTERS.every((k) => c[k] === 0);

export async function applyRollup(db: Executor, before: TicketRow | null, after: TicketRow): Promise<void> {
  const rows = rollupDeltas(before, after);
  if (rows.length) await db.insertInto('ticket_rollup_deltas').values(rows).execute();
}

/** The delta rows a change appends: the ticket's counters after minus before, under its key(s). */
export function rollupDeltas(before: TicketRow | null, after: TicketRow) {
  const was = before ? countersOf(factsOf(before)) : ZERO;
  const now = countersOf(factsOf(after));
  const rows =
    before && !sameKey(keyOf(before), keyOf(after))
      ? [
          { ...keyOf(before), ...difference(ZERO, was) },
          { ...keyOf(after), ...now },
        ]
      : [{ ...keyOf(after), ...difference(now, was) }];
  return rows.filter((r) => !isZero(r));
}

/** Moves every delta into ticket_rollups in one statement: a delta is folded exactly once. */
export async function foldRollups(db: Executor): Promise<void> {
  const cols = sql.join(COUNTERS.map((c) => sql.ref(c)));
  const sums = sql.join(COUNTERS.map((c) => sql`sum(${sql.ref(c)})::int`));
  const updates = sql.join(
    COUNTERS.map((c) => sql`${sql.ref(c)} = ticket_rollups.${sql.ref(c)} + excluded.${sql.ref(c)}`),
  );
  await sql`
    WITH moved AS (DELETE FROM ticket_rollup_deltas RETURNING *)
    INSERT INTO ticket_rollups (month, estate_id, company_id, department_id, region_path, ${cols})
    SELECT month, estate_id, company_id, department_id, min(region_path), ${sums}
    FROM moved GROUP BY month, estate_id, company_id, department_id
    ON CONFLICT (month, estate_id, company_id, department_id) DO UPDATE SET ${updates}`.execute(db);
}

export function defineRollupJob(): void {
  defineRecurringJob('workorders.rollups', 5_000, ({ db }) => foldRollups(db as Db));
}
