import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../kernel/auth/roles.ts';
import type { Database, Executor } from '../../kernel/db.ts';
import { namesOf } from '../registry/index.ts';
import { COUNTERS, type Counters, type Rate, ratesOf } from './metrics.ts';

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
  /** 部门报到及时率: whistles reported in time ÷ whistles (counted for the department last whistled). */
  reportRate: Rate;
}

/**
 * 响应率, 解决率, 满意率, 按时办结率, 重办率, 派单准确率 and 部门报到及时率 by company, estate, street, department
 * or month, for the months a ticket was submitted in. Reads rollups (one row per month, estate and parties), never
 * raw tickets. `actor` null means no row scoping (for other modules' use, e.g. credit evaluation).
 */
export async function workorderMetrics(db: Executor, actor: Actor | null, f: MetricsFilter): Promise<MetricsRow[]> {
  const groupBy = f.groupBy ?? 'none';
  const key = GROUP_KEY[groupBy];
  // Folded rollups plus the deltas not yet folded: exact at any moment.
  const both = db
    .selectFrom('ticket_rollups')
    .selectAll()
    .unionAll(db.selectFrom('ticket_rollup_deltas').selectAll())
    .as('ticket_rollups');
  let q = db
    .selectFrom(both)
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
      return {
        key: r.key,
        name: r.key ? (names[r.key] ?? r.key) : null,
        counters,
        ...ratesOf(counters),
      };
    });
}
