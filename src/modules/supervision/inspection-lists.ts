import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import { accountNames, accountsWithRoles } from '../../kernel/auth/accounts.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, type PageQueryT, pageOf, pageSize } from '../../kernel/pagination.ts';
import { namesOf } from '../registry/index.ts';
import type { TemplateItem } from './inspection-tables.ts';
import { INSPECTORS } from './inspections.ts';

/** The authorities' side of inspections: who can inspect, the plans and inspections of their region, checklists. */

const pathsOf = (ctx: RequestContext) =>
  ctx.actor.bindings.filter((b) => INSPECTORS.includes(b.role) && b.scopePath).map((b) => b.scopePath as string);

/** Accounts that may inspect inside the caller's region: the caller, and inspectors of the region's parts. */
export async function inspectorsFor(db: Executor, ctx: RequestContext) {
  const paths = pathsOf(ctx);
  const all = await accountsWithRoles(db, INSPECTORS);
  const seen = new Set<string>();
  return all
    .filter((a) => a.scopePath && paths.some((p) => (a.scopePath as string).startsWith(p)))
    .filter((a) => !seen.has(a.id) && seen.add(a.id))
    .map((a) => ({ id: a.id, name: a.name, role: a.role }));
}

/** Inspections in the caller's region, newest first, with names: by plan, state or estate. */
export async function listInspections(
  db: Executor,
  ctx: RequestContext,
  f: { planId?: string; state?: 'assigned' | 'submitted'; estateId?: string },
) {
  const paths = pathsOf(ctx);
  if (!paths.length) return [];
  let q = db
    .selectFrom('inspections')
    .innerJoin('inspection_templates as t', 't.id', 'inspections.template_id')
    .leftJoin('inspection_plans as p', 'p.id', 'inspections.plan_id')
    .select([
      'inspections.id',
      'inspections.plan_id',
      'p.name as plan',
      'p.due_on',
      't.name as template',
      'inspections.estate_id',
      'inspections.company_id',
      'inspections.inspector',
      'inspections.state',
      'inspections.score',
      'inspections.max_score',
      'inspections.submitted_at',
    ])
    .select(
      sql<number>`(SELECT count(*)::int FROM rectifications r WHERE r.inspection_id = inspections.id)`.as('notices'),
    )
    .where((eb) => eb.or(paths.map((p) => eb('inspections.region_path', 'like', `${p}%`))));
  if (f.planId) q = q.where('inspections.plan_id', '=', f.planId);
  if (f.state) q = q.where('inspections.state', '=', f.state);
  if (f.estateId) q = q.where('inspections.estate_id', '=', f.estateId);
  const rows = await q.orderBy('inspections.created_at', 'desc').limit(1000).execute();
  const [names, people] = await Promise.all([
    namesOf(
      db,
      rows.flatMap((r) => [r.estate_id, r.company_id]),
    ),
    accountNames(
      db,
      rows.map((r) => r.inspector),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    plan: r.plan,
    dueOn: r.due_on,
    template: r.template,
    estateId: r.estate_id,
    estate: names[r.estate_id] ?? '',
    company: r.company_id ? (names[r.company_id] ?? '') : null,
    inspector: people.get(r.inspector) ?? '',
    state: r.state,
    score: r.score,
    maxScore: r.max_score,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    notices: r.notices,
  }));
}

/**
 * The plans with inspections in the caller's region, newest first, with how far each has got; a page at a time, the
 * exact instant as text being the page key.
 */
export async function listPlans(db: Executor, ctx: RequestContext, f: PageQueryT) {
  const paths = pathsOf(ctx);
  if (!paths.length) return { items: [], nextCursor: null };
  let q = db
    .selectFrom('inspection_plans as p')
    .innerJoin('inspections as i', 'i.plan_id', 'p.id')
    .innerJoin('inspection_templates as t', 't.id', 'p.template_id')
    .select(['p.id', 'p.name', 'p.due_on', 'p.drawn', 't.name as template'])
    .select(sql<string>`p.created_at::text`.as('list_key'))
    .select((eb) => [
      eb.fn.countAll<number>().as('inspections'),
      sql<number>`count(*) FILTER (WHERE i.state = 'submitted')`.as('submitted'),
    ])
    .where((eb) => eb.or(paths.map((p) => eb('i.region_path', 'like', `${p}%`))));
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where(sql<boolean>`(p.created_at, p.id) < (${String(cursor.key)}::timestamptz, ${cursor.id})`);
  const limit = pageSize(false, f.limit);
  const rows = await q
    .groupBy(['p.id', 't.name'])
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.list_key);
  const items = page.items.map((r) => ({
    id: r.id,
    name: r.name,
    template: r.template,
    dueOn: r.due_on,
    drawn: r.drawn,
    inspections: Number(r.inspections),
    submitted: Number(r.submitted),
  }));
  return { items, nextCursor: page.nextCursor };
}

/**
 * An edited checklist. Inspections already planned keep the checklist they were planned with: the edit is saved
 * as a new template naming the one it replaces, which is retired.
 */
export async function editTemplate(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { name: string; items: TemplateItem[] },
) {
  if (new Set(input.items.map((i) => i.code)).size !== input.items.length)
    throw new DomainError('inspection.item_codes', 400);
  const old = await db.selectFrom('inspection_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!old) throw notFound('inspection.template_not_found');
  if (!old.active) throw new DomainError('inspection.template_retired', 409);
  const row = { id: newId(), name: input.name, kind: old.kind, items: JSON.stringify(input.items), replaces: id };
  await db.transaction().execute(async (trx) => {
    const retired = await trx
      .updateTable('inspection_templates')
      .set({ active: false })
      .where('id', '=', id)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!Number(retired.numUpdatedRows)) throw new DomainError('inspection.template_retired', 409);
    await trx.insertInto('inspection_templates').values(row).execute();
    await audit(trx, ctx, {
      action: 'inspection.template_edit',
      entityType: 'inspection_template',
      entityId: row.id,
      before: { id, name: old.name, items: old.items },
      after: { ...input, replaces: id },
    });
  });
  return { id: row.id, name: input.name, kind: old.kind, items: input.items, replaces: id };
}
