import { audit } from '../../kernel/audit.ts';
import type { Db } from '../../kernel/db.ts';
import { DomainError } from '../../kernel/errors.ts';
import { type RequestContext, systemContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { defineRecurringJob } from '../../kernel/jobs.ts';
import { workorderMetrics } from '../workorders/index.ts';
import { barEnds, workorderItems } from './credit.ts';
import { quarterEnd } from './evaluation.ts';
import { creditSettings, today } from './records.ts';

const pct = (n: number, d: number) => `${((n * 100) / d).toFixed(2)}%`;

/**
 * Records drawn from an ended quarter's work-order figures (按时办结率, 满意率), one per company and item, dated
 * the quarter's last day and pending a person's approval like every record. Reads the work-order module's rollups
 * through its export; made once per quarter, company and item, however often it runs.
 */
export async function recordWorkorderMetrics(db: Db, ctx: RequestContext, period: string) {
  const end = quarterEnd(period);
  if (today() <= end) throw new DomainError('credit.period_not_ended', 409, { period, end });
  const { scheme, workorderRules } = await creditSettings(db);
  const known = new Set(scheme.items.map((i) => i.code));
  const first = `${end.slice(0, 5)}${String(Number(end.slice(5, 7)) - 2).padStart(2, '0')}`;
  const metrics = await workorderMetrics(db, null, { groupBy: 'company', from: first, to: end.slice(0, 7) });
  const points = new Map(scheme.items.map((i) => [i.code, i.points]));
  const rows = metrics.flatMap((m) => {
    const c = m.counters;
    const evidence = `${period} 工单：按时办结 ${c.on_time}/${c.due}${c.due ? `（${pct(c.on_time, c.due)}）` : ''}，满意 ${c.satisfied}/${c.rated}${c.rated ? `（${pct(c.satisfied, c.rated)}）` : ''}`;
    return workorderItems(workorderRules, { due: c.due, onTime: c.on_time, rated: c.rated, satisfied: c.satisfied })
      .filter((item) => known.has(item))
      .map((item) => ({
        id: newId(),
        company_id: m.key as string,
        item,
        points: points.get(item) as number,
        on_date: end,
        valid_until: barEnds(end, 12),
        evidence,
        source: 'workorders',
        source_ref: `${period}:${m.key}:${item}`,
        recorded_by: ctx.actor.accountId,
      }));
  });
  return db.transaction().execute(async (trx) => {
    const made = rows.length
      ? await trx
          .insertInto('credit_records')
          .values(rows)
          .onConflict((oc) => oc.columns(['source', 'source_ref']).doNothing())
          .returning(['id', 'company_id', 'item'])
          .execute()
      : [];
    if (made.length)
      await audit(trx, ctx, {
        action: 'credit.workorder_records',
        entityType: 'credit_period',
        entityId: period,
        after: { records: made },
      });
    return { period, companies: metrics.length, recorded: made.length };
  });
}

/** The last quarter that has ended before `day`: '2026Q3' on any day of 2026Q4. */
export function lastEndedQuarter(day: string) {
  const y = Number(day.slice(0, 4));
  const q = Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  return q === 0 ? `${y - 1}Q4` : `${y}Q${q}`;
}

// Once a day is enough: a quarter's records are drawn the first time the sweep runs after it ends.
defineRecurringJob('supervision.workorder-credit', 24 * 3_600_000, ({ db }) =>
  recordWorkorderMetrics(db as Db, systemContext('workorder-credit'), lastEndedQuarter(today())),
);
