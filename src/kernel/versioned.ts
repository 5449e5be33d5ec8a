import { sql } from 'kysely';
import { type AuditContext, type AuditEntry, audit } from './audit.ts';
import type { Db, Executor } from './db.ts';
import { notFound, versionConflict } from './errors.ts';

/**
 * Optimistic locking: applies `patch` only if the row still has the version the editor read,
 * and bumps the version. A stale version is a 409, never a silent overwrite.
 * Returns the row before and after, for the audit log.
 */
export async function updateVersioned<R extends Record<string, unknown>>(
  db: Executor,
  table: string,
  id: string,
  version: number,
  patch: Record<string, unknown>,
  touchUpdatedAt = true,
): Promise<{ before: R; after: R }> {
  // biome-ignore lint/suspicious/noExplicitAny: generic over the module's tables; callers pass their own table name
  const q = db as any;
  const before = (await q.selectFrom(table).selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) as
    | R
    | undefined;
  if (!before) throw notFound();
  if (before.version !== version) throw versionConflict();
  const set = { ...patch, version: sql`version + 1`, ...(touchUpdatedAt ? { updated_at: new Date() } : {}) };
  const after = (await q
    .updateTable(table)
    .set(set)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst()) as R | undefined;
  if (!after) throw versionConflict();
  return { before, after };
}

/**
 * A settings row keyed by `key` (an estate's rules, a grade's cap): version 0 creates it (if nobody has meanwhile),
 * any other version updates it only if it still has that version. Either way a lost race is a 409. Returns the new
 * version.
 */
export async function saveVersioned(
  db: Executor,
  table: string,
  key: Record<string, unknown>,
  row: Record<string, unknown>,
  version: number,
): Promise<number> {
  // biome-ignore lint/suspicious/noExplicitAny: generic over the module's tables; callers pass their own table name
  const q = db as any;
  const [column, value] = Object.entries(key)[0];
  const saved = (
    version === 0
      ? await q
          .insertInto(table)
          .values({ ...key, ...row })
          .onConflict((oc: { doNothing(): unknown }) => oc.doNothing())
          .returning('version')
          .executeTakeFirst()
      : await q
          .updateTable(table)
          .set({ ...row, version: sql`version + 1` })
          .where(column, '=', value)
          .where('version', '=', version)
          .returning('version')
          .executeTakeFirst()
  ) as { version: number } | undefined;
  if (!saved) throw versionConflict();
  return saved.version;
}

/**
 * One step in a row's life, in one transaction under the row's lock: `admit` refuses a caller who may not see or
 * take it (the module's 404 or 403), then a stale version is a 409, then `change` checks the row's state and returns
 * the patch (writing anything else the step needs with `trx`); the patch is written with the version bumped and
 * audited as `audit` describes it. Returns the row as it was and the patch.
 */
export async function stepVersioned<R extends { version: number }>(
  db: Db,
  ctx: AuditContext,
  table: string,
  id: string,
  version: number,
  step: {
    admit: (row: R | undefined) => asserts row is R;
    change: (row: R, trx: Executor) => Record<string, unknown> | Promise<Record<string, unknown>>;
    audit: (row: R, patch: Record<string, unknown>) => AuditEntry;
  },
): Promise<{ before: R; patch: Record<string, unknown> }> {
  return db.transaction().execute(async (trx) => {
    // biome-ignore lint/suspicious/noExplicitAny: generic over the module's tables; callers pass their own table name
    const q = trx as any;
    const row = (await q.selectFrom(table).selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) as
      | R
      | undefined;
    step.admit(row);
    if (row.version !== version) throw versionConflict();
    const patch = await step.change(row, trx);
    await q
      .updateTable(table)
      .set({ ...patch, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, step.audit(row, patch));
    return { before: row, patch };
  });
}
