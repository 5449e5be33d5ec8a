import type { SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { decodeCursor, type PageQueryT, pageOf, pageSize } from '../../kernel/pagination.ts';
import { namesOf } from '../registry/index.ts';
import { disputeView, MEDIATION_READERS } from './mediation.ts';
import type { DisputeKind, DisputeState, Level } from './mediation-tables.ts';

/** 矛盾纠纷调处台账 and its figures, over the disputes of the caller's region. */

/** The caller's region's paths: each list and figure is limited to them. */
const regionsOf = (ctx: RequestContext) =>
  ctx.actor.bindings.filter((b) => MEDIATION_READERS.includes(b.role) && b.scopePath).map((b) => b.scopePath as string);

export interface LedgerFilter extends PageQueryT {
  level?: Level;
  state?: DisputeState[];
  kind?: DisputeKind;
  from?: string;
  to?: string;
}

/**
 * 矛盾纠纷调处台账: the disputes of the caller's region, newest first, with the estates' names, a page at a time (or
 * all of them, to export). The page key is the exact instant as text: a JavaScript Date would drop microseconds.
 */
export async function disputeLedger(db: Executor, ctx: RequestContext, f: LedgerFilter, all = false) {
  const paths = regionsOf(ctx);
  if (!paths.length) return { items: [], nextCursor: null };
  let q = db
    .selectFrom('disputes')
    .selectAll()
    .select(sql<string>`disputes.created_at::text`.as('list_key'))
    .where((eb) => eb.or(paths.map((p) => eb('region_path', 'like', `${p}%`))))
    .where(broughtBetween(f));
  if (f.level) q = q.where('level', '=', f.level);
  if (f.state?.length) q = q.where('state', 'in', f.state);
  if (f.kind) q = q.where('kind', '=', f.kind);
  const cursor = decodeCursor(f.cursor);
  if (cursor)
    q = q.where(sql<SqlBool>`(disputes.created_at, disputes.id) < (${String(cursor.key)}::timestamptz, ${cursor.id})`);
  const limit = pageSize(all, f.limit);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.list_key);
  const names = await namesOf(
    db,
    page.items.map((r) => r.estate_id),
  );
  return {
    items: page.items.map((d) => ({ ...disputeView(d), estate: names[d.estate_id] ?? '' })),
    nextCursor: page.nextCursor,
  };
}

/** Disputes brought between two days (Beijing time, both included), or any day when none is given. */
const broughtBetween = (f: { from?: string; to?: string }) =>
  sql<SqlBool>`(${f.from ?? null}::date IS NULL OR created_at >= ${f.from ?? null}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
    AND (${f.to ?? null}::date IS NULL OR created_at < (${f.to ?? null}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/**
 * The ledger's figures for the disputes brought in a period (all when none is given): by level and kind, how many
 * were mediated, and the court docking's funnel.
 */
export async function mediationFigures(db: Executor, ctx: RequestContext, period: { from?: string; to?: string } = {}) {
  const paths = regionsOf(ctx);
  if (!paths.length) return null;
  const r = await sql<Record<string, string>>`
    SELECT count(*)::text AS total,
      count(*) FILTER (WHERE state = 'open')::text AS open,
      count(*) FILTER (WHERE state = 'mediated')::text AS mediated,
      count(*) FILTER (WHERE state = 'mediated' AND level = 'community')::text AS mediated_community,
      count(*) FILTER (WHERE state = 'mediated' AND level = 'street')::text AS mediated_street,
      count(*) FILTER (WHERE state = 'mediated' AND level = 'district')::text AS mediated_district,
      count(*) FILTER (WHERE referral_id IS NOT NULL)::text AS referred,
      count(*) FILTER (WHERE case_no IS NOT NULL)::text AS filed,
      count(*) FILTER (WHERE state = 'court_mediated')::text AS court_mediated,
      count(*) FILTER (WHERE state = 'judged')::text AS judged
    FROM disputes WHERE (${sql.join(
      paths.map((p) => sql`region_path LIKE ${`${p}%`}`),
      sql` OR `,
    )}) AND ${broughtBetween(period)}`.execute(db);
  return Object.fromEntries(
    Object.entries(r.rows[0]).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), Number(v)]),
  );
}
