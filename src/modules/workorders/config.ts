import { type Selectable, sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import { newId } from '../../kernel/ids.ts';
import { defaultCalendarDays, type WorkCalendar, workCalendar } from './calendar.ts';
import { flattenDefaults } from './defaults.ts';
import { dueAt, type Interval, reminderAt, type Sla } from './sla.ts';
import type { Priority, WorkorderTables } from './tables.ts';

/** The module's configuration as data: settings, classification, working calendar. */

export type Category = Selectable<WorkorderTables['workorder_categories']>;
type Clocks = { response: Sla; resolution: Sla };

export interface Settings {
  reopenDays: number;
  report: Sla;
  department: Sla;
  reminderPercent: number;
  prioritySlas: Partial<Record<Priority, Clocks>>;
}

export async function loadSettings(db: Executor): Promise<Settings & { version: number }> {
  const s = await db.selectFrom('workorder_settings').selectAll().executeTakeFirstOrThrow();
  const clock = ([amount, unit]: [number, Sla['unit']]): Sla => ({ amount, unit });
  const prioritySlas: Settings['prioritySlas'] = {};
  for (const [p, v] of Object.entries(s.priority_slas as Record<string, { response: never; resolution: never }>))
    prioritySlas[p as Priority] = { response: clock(v.response), resolution: clock(v.resolution) };
  return {
    reopenDays: s.reopen_days,
    report: { amount: s.report_amount, unit: s.report_unit },
    department: { amount: s.department_amount, unit: s.department_unit },
    reminderPercent: s.reminder_percent,
    prioritySlas,
    version: s.version,
  };
}

export async function loadCalendar(db: Executor): Promise<WorkCalendar> {
  const rows = await db
    .selectFrom('work_calendar_days')
    .select([sql<string>`to_char(date, 'YYYY-MM-DD')`.as('date'), 'kind'])
    .execute();
  return workCalendar(rows);
}

/** What every ticket change reads: settings, calendar and classification. */
export interface WorkorderConfig {
  settings: Settings;
  calendar: WorkCalendar;
  /** Third-level categories by id. */
  leaves: Map<string, Category>;
}

/**
 * Configuration changes rarely and is read on every ticket change, so each process keeps a snapshot per database
 * for a few seconds. An edit through this instance forgets it at once; other instances see it within the TTL.
 */
export const CONFIG_TTL_MS = 5_000;
const snapshots = new WeakMap<object, { at: number; config: Promise<WorkorderConfig> }>();

export function currentConfig(db: Executor): Promise<WorkorderConfig> {
  const hit = snapshots.get(db);
  if (hit && Date.now() - hit.at < CONFIG_TTL_MS) return hit.config;
  const config = (async () => {
    const [settings, calendar, leaves] = await Promise.all([
      loadSettings(db),
      loadCalendar(db),
      db.selectFrom('workorder_categories').selectAll().where('level', '=', 3).execute(),
    ]);
    return { settings, calendar, leaves: new Map(leaves.map((l) => [l.id, l])) };
  })();
  config.catch(() => snapshots.delete(db));
  snapshots.set(db, { at: Date.now(), config });
  return config;
}

export function forgetConfig(db: Executor): void {
  snapshots.delete(db);
}

/** A leaf's clocks, tightened by a raised priority: the earlier of both deadlines applies. */
export function clocksOf(leaf: Category, priority: Priority, settings: Settings): Clocks[] {
  const own: Clocks = {
    response: { amount: leaf.response_amount as number, unit: leaf.response_unit as Sla['unit'] },
    resolution: { amount: leaf.resolution_amount as number, unit: leaf.resolution_unit as Sla['unit'] },
  };
  const byPriority = priority !== leaf.priority ? settings.prioritySlas[priority] : undefined;
  return byPriority ? [own, byPriority] : [own];
}

export function earliestDue(
  start: number,
  slas: Sla[],
  cal: WorkCalendar,
  pauses: Interval[],
  now?: number,
): number | null {
  const dues = slas.map((s) => dueAt(start, s, cal, pauses, now)).filter((d): d is number => d !== null);
  return dues.length ? Math.min(...dues) : null;
}

/**
 * Loads what ships as default configuration: the statutory calendar (new years arrive with new releases, so
 * missing days are added every start; edited days are kept) and, on an empty table, the classification.
 */
export async function ensureDefaults(db: Executor): Promise<void> {
  const days = defaultCalendarDays();
  await db
    .insertInto('work_calendar_days')
    .values(days.map((d) => ({ date: d.date, kind: d.kind, note: null })))
    .onConflict((oc) => oc.column('date').doNothing())
    .execute();
  await db.transaction().execute(async (trx) => {
    // Instances starting together take turns, so only the first loads the tree.
    await sql`SELECT pg_advisory_xact_lock(7320004)`.execute(trx);
    const any = await trx.selectFrom('workorder_categories').select('id').limit(1).executeTakeFirst();
    if (!any) await insertDefaultCategories(trx);
  });
}

async function insertDefaultCategories(db: Executor): Promise<void> {
  const ids = new Map<string, string>();
  const rows = flattenDefaults().map((r) => {
    const id = newId();
    ids.set(r.code, id);
    const leaf = r.leaf;
    return {
      id,
      parent_id: r.parentCode ? (ids.get(r.parentCode) as string) : null,
      level: r.level,
      code: r.code,
      name: r.name,
      name_en: r.nameEn,
      sort: r.sort,
      kind: leaf?.[3] ?? null,
      handler: leaf?.[4] ?? null,
      department_kind: leaf?.[5] ?? null,
      priority: leaf?.[6] ?? null,
      response_amount: leaf?.[7][0] ?? null,
      response_unit: leaf?.[7][1] ?? null,
      resolution_amount: leaf?.[8][0] ?? null,
      resolution_unit: leaf?.[8][1] ?? null,
    };
  });
  await db.insertInto('workorder_categories').values(rows).execute();
}

const at = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * A clock's deadline and the moment to warn before it (the configured share of the budget used), for the
 * earliest of the given SLAs, with the pauses taken so far.
 */
export function deadline(
  start: number,
  slas: Sla[],
  cal: WorkCalendar,
  pauses: Interval[],
  settings: Settings,
  now?: number,
): { due: Date | null; remindAt: Date | null } {
  const due = earliestDue(start, slas, cal, pauses, now);
  const reminders = slas
    .map((s) => reminderAt(start, s, cal, pauses, settings.reminderPercent / 100, now))
    .filter((d): d is number => d !== null);
  return { due: at(due), remindAt: at(reminders.length ? Math.min(...reminders) : null) };
}
