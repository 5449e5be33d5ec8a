import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { updateVersioned } from '../../kernel/versioned.ts';
import { estatesOfCompany } from '../registry/index.ts';
import { isWeekend } from './calendar.ts';
import { forgetConfig, loadSettings } from './config.ts';
import type { HandlerKind, Priority } from './tables.ts';

type Clock = { amount: number; unit: SlaUnit };

import type { SlaUnit } from './sla.ts';

/** Classification, working calendar, settings and dispatch teams: the configuration a city or company edits. */

export async function listCategories(db: Executor) {
  const rows = await db
    .selectFrom('workorder_categories')
    .selectAll()
    .orderBy('level')
    .orderBy('sort')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    level: r.level,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    kind: r.kind,
    handler: r.handler,
    departmentKind: r.department_kind,
    priority: r.priority,
    response: r.response_amount ? { amount: r.response_amount, unit: r.response_unit as SlaUnit } : null,
    resolution: r.resolution_amount ? { amount: r.resolution_amount, unit: r.resolution_unit as SlaUnit } : null,
    sort: r.sort,
    active: r.active,
    version: r.version,
  }));
}

export interface CategoryInput {
  name?: string;
  nameEn?: string | null;
  kind?: 'repair' | 'complaint' | 'enquiry';
  handler?: HandlerKind;
  departmentKind?: string | null;
  priority?: Priority;
  response?: { amount: number; unit: SlaUnit };
  resolution?: { amount: number; unit: SlaUnit };
  sort?: number;
  active?: boolean;
}

function columns(input: CategoryInput) {
  const c: Record<string, unknown> = {};
  if (input.name !== undefined) c.name = input.name;
  if (input.nameEn !== undefined) c.name_en = input.nameEn;
  if (input.kind !== undefined) c.kind = input.kind;
  if (input.handler !== undefined) c.handler = input.handler;
  if (input.departmentKind !== undefined) c.department_kind = input.departmentKind;
  if (input.priority !== undefined) c.priority = input.priority;
  if (input.response) Object.assign(c, { response_amount: input.response.amount, response_unit: input.response.unit });
  if (input.resolution)
    Object.assign(c, { resolution_amount: input.resolution.amount, resolution_unit: input.resolution.unit });
  if (input.sort !== undefined) c.sort = input.sort;
  if (input.active !== undefined) c.active = input.active;
  return c;
}

/** A leaf needs everything routing and clocks need; a department handler needs the department. */
function checkLeaf(row: Record<string, unknown>) {
  if (row.level !== 3) return;
  for (const f of ['kind', 'handler', 'priority', 'response_amount', 'resolution_amount'])
    if (row[f] === null || row[f] === undefined) throw new DomainError('workorders.leaf_incomplete', 400, { field: f });
  if (row.handler === 'department' && !row.department_kind)
    throw new DomainError('workorders.leaf_incomplete', 400, { field: 'departmentKind' });
}

export async function createCategory(
  db: Executor,
  ctx: RequestContext,
  input: CategoryInput & { parentId: string | null; code: string; name: string },
) {
  return db
    .transaction()
    .execute(async (trx) => {
      const parent = input.parentId
        ? await trx
            .selectFrom('workorder_categories')
            .select(['level', 'code'])
            .where('id', '=', input.parentId)
            .executeTakeFirst()
        : null;
      if (input.parentId && (!parent || parent.level >= 3)) throw new DomainError('workorders.category_parent', 400);
      const level = parent ? parent.level + 1 : 1;
      const row = { id: newId(), parent_id: input.parentId, level, code: input.code, sort: 0, ...columns(input) };
      checkLeaf(row);
      const exists = await trx
        .selectFrom('workorder_categories')
        .select('id')
        .where('code', '=', input.code)
        .executeTakeFirst();
      if (exists) throw new DomainError('conflict', 409, { detail: input.code });
      await trx
        .insertInto('workorder_categories')
        .values(row as never)
        .execute();
      await audit(trx, ctx, { action: 'create', entityType: 'workorder_category', entityId: row.id, after: row });
      return { id: row.id };
    })
    .finally(() => forgetConfig(db)); // after the commit, so no reader caches the old state again
}

export async function patchCategory(
  db: Executor,
  ctx: RequestContext,
  id: string,
  input: CategoryInput & { version: number },
) {
  return db
    .transaction()
    .execute(async (trx) => {
      const { before, after } = await updateVersioned(
        trx,
        'workorder_categories',
        id,
        input.version,
        columns(input),
        false,
      );
      checkLeaf(after);
      await audit(trx, ctx, { action: 'update', entityType: 'workorder_category', entityId: id, before, after });
      return { id, version: after.version as number };
    })
    .finally(() => forgetConfig(db)); // after the commit, so no reader caches the old state again
}

export async function listCalendar(db: Executor, year: number) {
  const rows = await db
    .selectFrom('work_calendar_days')
    .select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'kind', 'note'])
    .where(sql`extract(year FROM date)`, '=', year)
    .orderBy('date')
    .execute();
  return rows;
}

/** Sets one day's kind (a holiday, or a weekend worked as 调休); null returns it to the weekly rhythm. */
export async function setCalendarDay(
  db: Executor,
  ctx: RequestContext,
  date: string,
  kind: 'holiday' | 'workday' | null,
  note?: string,
) {
  if (kind === 'workday' && !isWeekend(date)) throw new DomainError('workorders.workday_not_weekend', 400);
  return db
    .transaction()
    .execute(async (trx) => {
      const before = await trx.selectFrom('work_calendar_days').selectAll().where('date', '=', date).executeTakeFirst();
      if (kind === null) await trx.deleteFrom('work_calendar_days').where('date', '=', date).execute();
      else
        await trx
          .insertInto('work_calendar_days')
          .values({ date, kind, note: note ?? null })
          .onConflict((oc) => oc.column('date').doUpdateSet({ kind, note: note ?? null }))
          .execute();
      await audit(trx, ctx, {
        action: 'update',
        entityType: 'work_calendar_day',
        entityId: null,
        before,
        after: { date, kind },
      });
      return { date, kind };
    })
    .finally(() => forgetConfig(db)); // after the commit, so no reader caches the old state again
}

export const getSettings = (db: Executor) => loadSettings(db);

export async function patchSettings(
  db: Executor,
  ctx: RequestContext,
  input: {
    version: number;
    reopenDays?: number;
    reminderPercent?: number;
    report?: Clock;
    department?: Clock;
    prioritySlas?: Partial<Record<Priority, { response: Clock; resolution: Clock } | null>>;
  },
) {
  return db
    .transaction()
    .execute(async (trx) => {
      const before = await trx.selectFrom('workorder_settings').selectAll().forUpdate().executeTakeFirstOrThrow();
      if (before.version !== input.version) throw new DomainError('version_conflict', 409);
      // Stored as [amount, unit] pairs, the shape the table's default uses.
      const pair = (c: Clock) => [c.amount, c.unit];
      const slas = { ...(before.priority_slas as Record<string, unknown>) };
      for (const [p, v] of Object.entries(input.prioritySlas ?? {})) {
        if (v) slas[p] = { response: pair(v.response), resolution: pair(v.resolution) };
        else delete slas[p];
      }
      const after = await trx
        .updateTable('workorder_settings')
        .set({
          reopen_days: input.reopenDays ?? before.reopen_days,
          reminder_percent: input.reminderPercent ?? before.reminder_percent,
          report_amount: input.report?.amount ?? before.report_amount,
          report_unit: input.report?.unit ?? before.report_unit,
          department_amount: input.department?.amount ?? before.department_amount,
          department_unit: input.department?.unit ?? before.department_unit,
          priority_slas: JSON.stringify(slas),
          version: before.version + 1,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, ctx, { action: 'update', entityType: 'workorder_settings', before, after });
      return loadSettings(trx);
    })
    .finally(() => forgetConfig(db)); // after the commit, so no reader caches the old state again
}

const TEAM_EDITORS: Role[] = ['company_admin'];

/** The company's dispatch teams, with members. */
export async function listTeams(db: Executor, ctx: RequestContext) {
  const companies = ctx.actor.bindings
    .filter((b) => b.scopeType === 'company' && b.scopeId)
    .map((b) => b.scopeId as string);
  if (!companies.length) return [];
  const teams = await db
    .selectFrom('workorder_teams')
    .selectAll()
    .where('company_id', 'in', companies)
    .orderBy('name')
    .execute();
  const members = teams.length
    ? await db
        .selectFrom('workorder_team_members')
        .innerJoin('accounts', 'accounts.id', 'workorder_team_members.account_id')
        .select(['team_id', 'account_id', 'accounts.display_name as name'])
        .where(
          'team_id',
          'in',
          teams.map((t) => t.id),
        )
        .execute()
    : [];
  return teams.map((t) => ({
    id: t.id,
    companyId: t.company_id,
    name: t.name,
    categories: t.categories,
    estateIds: t.estate_ids,
    members: members.filter((m) => m.team_id === t.id).map((m) => ({ accountId: m.account_id, name: m.name })),
  }));
}

export async function createTeam(
  db: Executor,
  ctx: RequestContext,
  input: { companyId: string; name: string; categories: string[]; estateIds: string[]; memberAccountIds: string[] },
) {
  if (!ctx.actor.bindings.some((b) => TEAM_EDITORS.includes(b.role) && b.scopeId === input.companyId))
    throw forbidden();
  return db.transaction().execute(async (trx) => {
    const members = input.memberAccountIds.length
      ? await trx
          .selectFrom('role_bindings')
          .select('account_id')
          .distinct()
          .where('account_id', 'in', input.memberAccountIds)
          // the company's own people: bound to the company, or to one of the estates it manages
          .where('scope_id', 'in', [input.companyId, ...(await estatesOfCompany(trx, input.companyId))])
          .execute()
      : [];
    if (members.length !== new Set(input.memberAccountIds).size)
      throw new DomainError('workorders.assignee_invalid', 400);
    const id = newId();
    await trx
      .insertInto('workorder_teams')
      .values({
        id,
        company_id: input.companyId,
        name: input.name,
        categories: input.categories,
        estate_ids: input.estateIds,
      })
      .execute();
    if (members.length)
      await trx
        .insertInto('workorder_team_members')
        .values(members.map((m) => ({ team_id: id, account_id: m.account_id, last_assigned_at: null })))
        .execute();
    await audit(trx, ctx, { action: 'create', entityType: 'workorder_team', entityId: id, after: input });
    return { id };
  });
}
