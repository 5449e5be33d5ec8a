import { sql } from 'kysely';
import type { Executor } from './db.ts';
import { DomainError } from './errors.ts';

/**
 * Fixed-window request limits for public endpoints, counted in PostgreSQL so every instance shares them.
 * Throws 429 once `max` hits were seen in the current window.
 */
export async function rateLimit(db: Executor, key: string, max: number, windowSeconds = 60): Promise<void> {
  const row = await sql<{ hits: number }>`
    INSERT INTO rate_windows AS w (key, window_start, hits)
    VALUES (${key}, to_timestamp(floor(extract(epoch FROM now()) / ${windowSeconds}) * ${windowSeconds}), 1)
    ON CONFLICT (key, window_start) DO UPDATE SET hits = w.hits + 1
    RETURNING hits`.execute(db);
  if ((row.rows[0]?.hits ?? 0) > max) throw new DomainError('too_many_requests', 429, { seconds: windowSeconds });
}

/** Old windows are useless after they end. */
export async function pruneRateWindows(db: Executor): Promise<void> {
  await sql`DELETE FROM rate_windows WHERE window_start < now() - interval '1 hour'`.execute(db);
}
