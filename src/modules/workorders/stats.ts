import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../kernel/auth/roles.ts';
import type { Database, Executor } from '../../kernel/db.ts';
import { namesOf } from '../registry/index.ts';
import { COUNTERS, type Counters, type Rate, ratesOf, reportRate } from './metrics.ts';

export type GroupBy = 'none' | 'company' | 'estate' | 'street' | 'department' | 'month';

export interface MetricsFilter {
  groupBy?: GroupBy;
  /** Months of submission, inclusive: YYYY-MM. */
  from?: string;
  to?: string;
  regionPath?: string;
  companyId?: string;
  estateId?: string;
  departmentId?: string;
}

const REGION_ROLES = new Set(['city_regulator', 'district_regulator', 'street_office', 'community']);

/** Rollup rows the actor may count: like ticketVisible, on the rollup's own keys. */
function rollupVisible(actor: Actor | null) {
  return (eb: ExpressionBuilder<Database, 'ticket_rollups'>): Expression<SqlBool> => {
    if (!actor) return sql<SqlBool>`true`;
    const ors: Expression<SqlBool>[] = [];
    for (const b of actor.bindings) {
      if (REGION_ROLES.has(b.role) && b.scopePath) ors.push(eb('region_path', 'like', `${b.scopePath}%`));
      else if (b.role === 'department' && b.scopeId) ors.push(eb('department_id', '=', b.scopeId));
      else if (b.scopeType === 'company' && b.scopeId) ors.push(eb('company_id', '=', b.scopeId));
      else if (b.scopeType === 'estate' && b.scopeId) ors.push(eb('estate_id', '=', b.scopeId));
    }
    return ors.length ? eb.or(ors) : sql<SqlBool>`false`;
  };
}

const GROUP_KEY: Record<GroupBy, ReturnType<typeof sql<string | null>>> = {
  none: sql<string | null>`null::text`,
  company: sql<string | null>`company_id::text`,
  estate: sql<string | null>`estate_id::text`,
  // region_path is /city/district/street/community/: the street is the fourth part
  street: sql<string | null>`split_part(region_path, '/', 4)`,
  department: sql<string | null>`department_id::text`,
  month: sql<string | null>`to_char(month, 'YYYY-MM')`,
};

export interface MetricsRow {
  key: string | null;
  name: string | null;
  counters: Counters;
  responseRate: Rate;
  resolutionRate: Rate;
  satisfactionRate: Rate;
  onTimeRate: Rate;
  reworkRate: Rate;
  dispatchAccuracy: Rate;
  /** 部门报到及时率, for department groups and the whole. */
  reportRate: Rate | null;
}

/**
 * 响应率, 解决率, 满意率, 按时办结率, 重办率, 派单准确率 and 部门报到及时率 by company, estate, street, department
 * or month, for the months a ticket was submitted in. Reads rollups (one row per month, estate and parties), never
 * raw tickets. `actor` null means no row scoping (for other modules' use, e.g. credit evaluation).
 */
export async function workorderMetrics(db: Executor, actor: Actor | null, f: MetricsFilter): Promise<MetricsRow[]> {
  const groupBy = f.groupBy ?? 'none';
  const key = GROUP_KEY[groupBy];
  let q = db
    .selectFrom('ticket_rollups')
    .select(key.as('key'))
    .select(COUNTERS.map((c) => sql<number>`coalesce(sum(${sql.ref(c)}), 0)::int`.as(c)))
    .where(rollupVisible(actor))
    .groupBy(key);
  if (f.from) q = q.where('month', '>=', `${f.from}-01`);
  if (f.to) q = q.where('month', '<=', `${f.to}-01`);
  if (f.regionPath) q = q.where('region_path', 'like', `${f.regionPath}%`);
  if (f.companyId) q = q.where('company_id', '=', f.companyId);
  if (f.estateId) q = q.where('estate_id', '=', f.estateId);
  if (f.departmentId) q = q.where('department_id', '=', f.departmentId);
  const rows = await q.orderBy(key).execute();
  const reports = groupBy === 'none' || groupBy === 'department' ? await whistleCounts(db, actor, f, groupBy) : null;
  const names =
    groupBy === 'month' || groupBy === 'none'
      ? {}
      : await namesOf(
          db,
          rows.map((r) => r.key),
        );
  return rows
    .filter((r) => groupBy === 'none' || r.key !== null)
    .map((r) => {
      const counters = Object.fromEntries(COUNTERS.map((c) => [c, Number(r[c])])) as Counters;
      const w = reports?.get(r.key ?? '');
      return {
        key: r.key,
        name: r.key ? (names[r.key] ?? r.key) : null,
        counters,
        ...ratesOf(counters),
        reportRate: reports ? reportRate(w?.inTime ?? 0, w?.total ?? 0) : null,
      };
    });
}

/** Whistles by department (or all together), by the month of the ticket's submission like the rest. */
async function whistleCounts(db: Executor, actor: Actor | null, f: MetricsFilter, groupBy: GroupBy) {
  let q = db
    .selectFrom('ticket_whistles as w')
    .innerJoin('tickets as t', 't.id', 'w.ticket_id')
    .select(groupBy === 'department' ? sql<string>`w.department_id::text`.as('key') : sql<string>`''`.as('key'))
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE w.reported_late = false)::int`.as('inTime'),
    ])
    .groupBy(sql`1`);
  if (actor) {
    const region = actor.bindings
      .filter((b) => REGION_ROLES.has(b.role) && b.scopePath)
      .map((b) => b.scopePath as string);
    const depts = actor.bindings.filter((b) => b.role === 'department' && b.scopeId).map((b) => b.scopeId as string);
    const companies = actor.bindings
      .filter((b) => b.scopeType === 'company' && b.scopeId)
      .map((b) => b.scopeId as string);
    const estates = actor.bindings.filter((b) => b.scopeType === 'estate' && b.scopeId).map((b) => b.scopeId as string);
    q = q.where((eb) =>
      eb.or([
        ...region.map((p) => eb('w.region_path', 'like', `${p}%`)),
        ...(depts.length ? [eb('w.department_id', 'in', depts)] : []),
        ...(companies.length ? [eb('t.company_id', 'in', companies)] : []),
        ...(estates.length ? [eb('t.estate_id', 'in', estates)] : []),
        sql<SqlBool>`false`,
      ]),
    );
  }
  const zone = sql`(t.submitted_at AT TIME ZONE 'Asia/Shanghai')`;
  if (f.from) q = q.where(sql`${zone}`, '>=', sql`${`${f.from}-01`}::date`);
  if (f.to) q = q.where(sql`${zone}`, '<', sql`(${`${f.to}-01`}::date + interval '1 month')`);
  if (f.regionPath) q = q.where('w.region_path', 'like', `${f.regionPath}%`);
  if (f.companyId) q = q.where('t.company_id', '=', f.companyId);
  if (f.estateId) q = q.where('t.estate_id', '=', f.estateId);
  if (f.departmentId) q = q.where('w.department_id', '=', f.departmentId);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.key, { total: Number(r.total), inTime: Number(r.inTime) }]));
}
