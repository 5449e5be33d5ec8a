import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, type PageQueryT, pageOf, pageSize } from '../../kernel/pagination.ts';
import { coversEstate, estatePlace, namesOf } from '../registry/index.ts';
import { INSPECTORS } from './inspections.ts';

/** 联合执法: a joint action with departments, what was done, notices issued and interviews (约谈) held. */
export async function recordJointAction(
  db: Executor,
  ctx: RequestContext,
  input: {
    estateId?: string;
    onDate: string;
    departments: string[];
    actions: string;
    notices: number;
    interviews: number;
  },
) {
  // Where it happened: the estate's region (which the caller must cover), or the caller's own.
  let regionPath = ctx.actor.bindings.find((b) => INSPECTORS.includes(b.role) && b.scopePath)?.scopePath;
  if (input.estateId) {
    const e = await estatePlace(db, input.estateId);
    if (!coversEstate(ctx.actor, INSPECTORS, { id: e.id, region_path: e.regionPath, company_id: e.companyId }))
      throw forbidden();
    regionPath = e.regionPath;
  }
  if (!regionPath) throw forbidden();
  const id = newId();
  const row = {
    id,
    region_path: regionPath,
    estate_id: input.estateId ?? null,
    on_date: input.onDate,
    departments: input.departments,
    actions: input.actions,
    notices: input.notices,
    interviews: input.interviews,
    created_by: ctx.actor.accountId,
  };
  await db.insertInto('joint_actions').values(row).execute();
  await audit(db, ctx, {
    action: 'joint_action',
    entityType: 'joint_action',
    entityId: id,
    estateId: row.estate_id,
    after: row,
  });
  return { id };
}

/**
 * The joint actions of the caller's region, latest first, a page at a time. The page key is the day and the id
 * (several actions may share a day).
 */
export async function listJointActions(db: Executor, ctx: RequestContext, f: PageQueryT) {
  const paths = ctx.actor.bindings
    .filter((b) => INSPECTORS.includes(b.role) && b.scopePath)
    .map((b) => b.scopePath as string);
  if (!paths.length) return { items: [], nextCursor: null };
  let q = db
    .selectFrom('joint_actions')
    .selectAll()
    .where((eb) => eb.or(paths.map((p) => eb('region_path', 'like', `${p}%`))));
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where(sql<boolean>`(on_date, id) < (${String(cursor.key)}::date, ${cursor.id})`);
  const limit = pageSize(false, f.limit);
  const rows = await q
    .orderBy('on_date', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.on_date);
  const names = await namesOf(
    db,
    page.items.flatMap((r) => (r.estate_id ? [r.estate_id] : [])),
  );
  return {
    items: page.items.map((r) => ({
      id: r.id,
      estateId: r.estate_id,
      estate: r.estate_id ? (names[r.estate_id] ?? '') : null,
      onDate: r.on_date,
      departments: r.departments,
      actions: r.actions,
      notices: r.notices,
      interviews: r.interviews,
    })),
    nextCursor: page.nextCursor,
  };
}
