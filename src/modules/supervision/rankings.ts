import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import { notFound } from '../../kernel/errors.ts';
import { companiesServingRegion, namesOf } from '../registry/index.ts';
import { inForce, rank } from './credit.ts';
import { quarterEnd } from './evaluation.ts';
import { today } from './records.ts';

/** What a published evaluation shows: the quarters, their rankings (city or district), the lists, the bases. */

/** The published quarters, newest first: public. */
export async function publishedPeriods(db: Executor) {
  const rows = await db.selectFrom('credit_periods').selectAll().orderBy('id', 'desc').execute();
  return rows.map((p) => ({ period: p.id, publishedAt: p.published_at.toISOString() }));
}

/**
 * The published ranking of a quarter, with names: public. City-wide by default; for a district, the companies
 * managing an estate in it, ranked among themselves by the same published scores (ties still share a rank).
 */
export async function ranking(db: Executor, period: string, districtId?: string) {
  quarterEnd(period);
  const p = await db.selectFrom('credit_periods').selectAll().where('id', '=', period).executeTakeFirst();
  if (!p) throw notFound('credit.period_not_found');
  const district = districtId ? await companiesServingRegion(db, districtId) : undefined;
  if (districtId && !district) throw notFound('credit.district_not_found');
  let q = db.selectFrom('credit_results').selectAll().where('period', '=', period);
  if (district)
    q = district.companyIds.length ? q.where('company_id', 'in', district.companyIds) : q.where(sql<SqlBool>`false`);
  const rows = await q.orderBy('rank').orderBy('company_id').execute();
  const ranks = district
    ? new Map(
        rank(rows.map((r) => ({ companyId: r.company_id, total: r.total, failed: r.failed }))).map((r) => [
          r.companyId,
          r.rank,
        ]),
      )
    : null;
  const names = await namesOf(
    db,
    rows.map((r) => r.company_id),
  );
  return {
    period,
    publishedAt: p.published_at.toISOString(),
    district: district ? { id: district.id, name: district.name } : null,
    companies: rows.map((r) => ({
      companyId: r.company_id,
      name: names[r.company_id] ?? '',
      rank: ranks?.get(r.company_id) ?? r.rank,
      cityRank: r.rank,
      total: r.total,
      grade: r.grade,
      failed: r.failed,
    })),
  };
}

/** A quarter's 基础信息分 as the authority set them, for checking before publication. */
export async function basesOf(db: Executor, period: string) {
  quarterEnd(period);
  const rows = await db.selectFrom('credit_bases').selectAll().where('period', '=', period).execute();
  const names = await namesOf(
    db,
    rows.map((r) => r.company_id),
  );
  return rows
    .map((r) => ({ companyId: r.company_id, name: names[r.company_id] ?? '', points: r.points, note: r.note }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** The red and black lists in force on a day, with names: public. */
export async function lists(db: Executor, on = today()) {
  const rows = await db
    .selectFrom('sanctions')
    .selectAll()
    .where('starts_on', '<=', on)
    .where('ends_on', '>=', on)
    .orderBy('kind')
    .execute();
  const names = await namesOf(
    db,
    rows.map((r) => r.company_id),
  );
  const view = (kind: 'red' | 'black') =>
    rows
      .filter((r) => r.kind === kind)
      .map((r) => ({
        companyId: r.company_id,
        name: names[r.company_id] ?? '',
        period: r.period,
        from: r.starts_on,
        until: r.ends_on,
        reason: r.reason,
      }));
  return { on, red: view('red'), black: view('black') };
}

/** For tendering: is the company on the black list on that day (barred from bidding for the city's projects)? */
export async function isBarredFromTendering(db: Executor, companyId: string, on: string): Promise<boolean> {
  const rows = await db
    .selectFrom('sanctions')
    .select(['starts_on', 'ends_on'])
    .where('company_id', '=', companyId)
    .where('kind', '=', 'black')
    .execute();
  return rows.some((r) => inForce({ from: r.starts_on, until: r.ends_on }, on));
}
