import { sql } from 'kysely';
import type { Executor } from '../db.ts';

/** Failed attempts allowed per key within the window before the key is locked. */
export const THROTTLE = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15, maxFailuresPerIp: 50 };

/** Minutes left on a lock for any of the keys, or 0. Kept in PostgreSQL so every instance agrees. */
export async function lockedMinutes(db: Executor, keys: string[]): Promise<number> {
  const rows = await db
    .selectFrom('login_throttle')
    .select('locked_until')
    .where('key', 'in', keys)
    .where('locked_until', '>', sql<Date>`now()`)
    .execute();
  const until = Math.max(0, ...rows.map((r) => (r.locked_until as Date).getTime()));
  return until ? Math.ceil((until - Date.now()) / 60_000) : 0;
}

export async function recordFailure(db: Executor, key: string, max: number): Promise<void> {
  await sql`INSERT INTO login_throttle AS t (key, failures, window_start) VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_start < now() - make_interval(mins => ${THROTTLE.windowMinutes}) THEN 1 ELSE t.failures + 1 END,
      window_start = CASE WHEN t.window_start < now() - make_interval(mins => ${THROTTLE.windowMinutes}) THEN now() ELSE t.window_start END`.execute(
    db,
  );
  await sql`UPDATE login_throttle SET locked_until = now() + make_interval(mins => ${THROTTLE.lockMinutes}), failures = 0, window_start = now()
    WHERE key = ${key} AND failures >= ${max}`.execute(db);
}

export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
