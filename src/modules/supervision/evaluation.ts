import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { activeCompanies } from '../registry/index.ts';
import { barEnds, type Ranked, rank, redAndBlack, scoreFromSums } from './credit.ts';
import { scoreManagers } from './managers.ts';
import { creditSettings, today } from './records.ts';

/** '2026Q3' → its last day. */
export function quarterEnd(period: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) throw new DomainError('credit.period_invalid', 400);
  const month = Number(m[2]) * 3;
  return new Date(Date.UTC(Number(m[1]), month, 0)).toISOString().slice(0, 10);
}

/** 基础信息分 for a period, set by the authority company by company. */
export async function saveBases(
  db: Db,
  ctx: RequestContext,
  period: string,
  bases: { companyId: string; points: number; note?: string }[],
) {
  quarterEnd(period);
  const { scheme } = await creditSettings(db);
  if (bases.some((b) => b.points > scheme.baseMax)) throw new DomainError('credit.base_too_high', 400);
  if (await db.selectFrom('credit_periods').select('id').where('id', '=', period).executeTakeFirst())
    throw new DomainError('credit.period_published', 409, { period });
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('credit_bases')
      .values(bases.map((b) => ({ period, company_id: b.companyId, points: b.points, note: b.note ?? null })))
      .onConflict((oc) =>
        oc
          .columns(['period', 'company_id'])
          .doUpdateSet((eb) => ({ points: eb.ref('excluded.points'), note: eb.ref('excluded.note') })),
      )
      .execute();
    await audit(trx, ctx, {
      action: 'credit.bases',
      entityType: 'credit_period',
      entityId: period,
      after: { count: bases.length },
    });
  });
  return { period, count: bases.length };
}

/**
 * Publishes a quarter: every company in business scored as on the quarter's last day (records approved and in
 * force then), ranked city-wide, and the red and black lists drawn from this and the earlier published quarters.
 * Refused while an objection to a record that counts is still open. Once published, a quarter does not change.
 */
export async function publishPeriod(db: Db, ctx: RequestContext, period: string) {
  const end = quarterEnd(period);
  if (today() <= end) throw new DomainError('credit.period_not_ended', 409, { period, end });
  const { scheme, listRules } = await creditSettings(db);
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(7320006)`.execute(trx);
    if (await trx.selectFrom('credit_periods').select('id').where('id', '=', period).executeTakeFirst())
      throw new DomainError('credit.period_published', 409, { period });
    const later = await trx.selectFrom('credit_periods').select('id').where('id', '>', period).executeTakeFirst();
    if (later) throw new DomainError('credit.period_order', 409, { period: later.id });
    const open = await trx
      .selectFrom('credit_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('objection_state', '=', 'open')
      .where('on_date', '<=', end)
      .where('valid_until', '>=', end)
      .executeTakeFirstOrThrow();
    if (Number(open.n)) throw new DomainError('credit.objections_open', 409, { count: Number(open.n) });
    // Added up by the database, company by company: a city has a thousand companies and a hundred thousand records.
    const fails = scheme.items.filter((i) => i.kind === 'fail').map((i) => i.code);
    const [companies, sums] = await Promise.all([
      activeCompanies(trx),
      sql<{ company_id: string; base: number | null; good: string | null; bad: string | null; failed: boolean | null }>`
        SELECT coalesce(b.company_id, r.company_id) AS company_id, b.points AS base, r.good::text, r.bad::text, r.failed
        FROM (SELECT company_id, points FROM credit_bases WHERE period = ${period}) b
        FULL JOIN (
          SELECT company_id,
            sum(points) FILTER (WHERE points > 0 AND item <> ALL(${fails}::text[])) AS good,
            -sum(points) FILTER (WHERE points < 0) AS bad,
            bool_or(item = ANY(${fails}::text[])) AS failed
          FROM credit_records
          WHERE state = 'approved' AND on_date <= ${end}::date AND valid_until >= ${end}::date
          GROUP BY company_id
        ) r ON r.company_id = b.company_id`.execute(trx),
    ]);
    const byCompany = new Map(
      sums.rows.map((r) => [
        r.company_id,
        { base: r.base ?? 0, good: Number(r.good ?? 0), bad: Number(r.bad ?? 0), failed: !!r.failed },
      ]),
    );
    const none = { base: 0, good: 0, bad: 0, failed: false };
    const scores = companies.map((c) => ({ companyId: c.id, ...scoreFromSums(scheme, byCompany.get(c.id) ?? none) }));
    const ranked = rank(scores);
    const byId = new Map(scores.map((s) => [s.companyId, s]));
    await trx
      .insertInto('credit_periods')
      .values({ id: period, published_at: clock.now(), published_by: ctx.actor.accountId })
      .execute();
    // One statement, its columns as arrays: a thousand rows bind as nine parameters.
    const rows = ranked.map((r) => ({ ...(byId.get(r.companyId) as (typeof scores)[number]), rank: r.rank }));
    const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    await sql`
      INSERT INTO credit_results (period, company_id, base, good, bad, total, grade, failed, rank)
      SELECT ${period}, * FROM unnest(${col('companyId')}::uuid[], ${col('base')}::int[], ${col('good')}::int[],
        ${col('bad')}::int[], ${col('total')}::int[], ${col('grade')}::text[], ${col('failed')}::boolean[],
        ${col('rank')}::int[])`.execute(trx);
    const managers = await scoreManagers(trx, scheme, period, end);
    // The lists: this quarter and the ones before it, oldest first.
    const earlier = await trx
      .selectFrom('credit_results')
      .select(['period', 'company_id', 'total', 'failed', 'rank'])
      .where('period', '<', period)
      .orderBy('period')
      .execute();
    const periods = new Map<string, Ranked[]>();
    for (const r of earlier)
      periods.set(r.period, [
        ...(periods.get(r.period) ?? []),
        { companyId: r.company_id, total: r.total, failed: r.failed, rank: r.rank },
      ]);
    const lists = redAndBlack([...periods.values(), ranked], listRules);
    const from = today();
    const sanctions = [
      ...lists.red.map((companyId) => ({
        companyId,
        kind: 'red' as const,
        reason: `连续 ${listRules.consecutive} 次评价位列前 ${listRules.size} 名`,
      })),
      ...lists.black.map((companyId) => ({
        companyId,
        kind: 'black' as const,
        reason: `连续 ${listRules.consecutive} 次评价位列后 ${listRules.size} 名，${listRules.barMonths} 个月内不得参与本市物业项目招投标`,
      })),
    ];
    if (sanctions.length)
      await trx
        .insertInto('sanctions')
        .values(
          sanctions.map((s) => ({
            id: newId(),
            company_id: s.companyId,
            kind: s.kind,
            period,
            starts_on: from,
            ends_on: barEnds(from, listRules.barMonths),
            reason: s.reason,
          })),
        )
        .execute();
    await audit(trx, ctx, {
      action: 'credit.publish',
      entityType: 'credit_period',
      entityId: period,
      after: { companies: ranked.length, managers, red: lists.red.length, black: lists.black.length },
    });
    return { period, companies: ranked.length, managers, red: lists.red, black: lists.black };
  });
}
