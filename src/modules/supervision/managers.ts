import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import { forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { namesOf, staffNames } from '../registry/index.ts';
import { type CreditScheme, scoreFromSums } from './credit.ts';

/**
 * 项目负责人 evaluation. A manager starts each quarter from full marks (`MANAGER_START`, 100 points) and is scored,
 * like a company, by the good and bad records that name them and are in force on the quarter's last day; the same
 * caps, grades and failing items apply. The records count for their company all the same.
 */
export const MANAGER_START = 10_000;

/** Scores the managers named in records in force on `end`, inside the publication's transaction. */
export async function scoreManagers(trx: Executor, scheme: CreditScheme, period: string, end: string) {
  const fails = scheme.items.filter((i) => i.kind === 'fail').map((i) => i.code);
  const sums = await sql<{ staff_id: string; company_id: string; good: string; bad: string; failed: boolean }>`
    SELECT staff_id, min(company_id::text) AS company_id,
      coalesce(sum(points) FILTER (WHERE points > 0 AND item <> ALL(${fails}::text[])), 0)::text AS good,
      coalesce(-sum(points) FILTER (WHERE points < 0), 0)::text AS bad,
      bool_or(item = ANY(${fails}::text[])) AS failed
    FROM credit_records
    WHERE staff_id IS NOT NULL AND state = 'approved' AND on_date <= ${end}::date AND valid_until >= ${end}::date
    GROUP BY staff_id`.execute(trx);
  const rows = sums.rows.map((r) => {
    const s = scoreFromSums(
      { ...scheme, baseMax: MANAGER_START },
      { base: MANAGER_START, good: Number(r.good), bad: Number(r.bad), failed: r.failed },
    );
    return { period, staff_id: r.staff_id, company_id: r.company_id, ...pick(s) };
  });
  if (rows.length) await trx.insertInto('manager_results').values(rows).execute();
  return rows.length;
}

const pick = (s: ReturnType<typeof scoreFromSums>) => ({
  good: s.good,
  bad: s.bad,
  total: s.total,
  grade: s.grade,
  failed: s.failed,
});

/** A published quarter's manager results: the authorities see every manager, a company its own. */
export async function managerResults(db: Executor, ctx: RequestContext, period: string) {
  const authority = ctx.actor.bindings.some((b) => b.role === 'city_regulator' || b.role === 'district_regulator');
  const own = ctx.actor.bindings.filter((b) => b.scopeType === 'company' && b.scopeId).map((b) => b.scopeId as string);
  if (!authority && !own.length) throw forbidden();
  let q = db.selectFrom('manager_results').selectAll().where('period', '=', period);
  if (!authority) q = q.where('company_id', 'in', own);
  const rows = await q.orderBy('failed').orderBy('total', 'desc').orderBy('staff_id').execute();
  const [people, companies] = await Promise.all([
    staffNames(
      db,
      rows.map((r) => r.staff_id),
    ),
    namesOf(
      db,
      rows.map((r) => r.company_id),
    ),
  ]);
  return rows.map((r) => ({
    staffId: r.staff_id,
    name: people[r.staff_id] ?? '',
    companyId: r.company_id,
    company: companies[r.company_id] ?? '',
    good: r.good,
    bad: r.bad,
    total: r.total,
    grade: r.grade,
    failed: r.failed,
  }));
}
