import { sql } from 'kysely';
import type { Executor } from './db.ts';
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
