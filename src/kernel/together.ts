import { type Compilable, type OperationNodeSource, sql } from 'kysely';
import type { Executor } from './db.ts';

/**
 * Several INSERT/UPDATE statements sent as one (data-modifying CTEs): one round trip instead of one each, and
 * atomic by itself, so a hot path needs no transaction around them. PostgreSQL runs every part on the same
 * snapshot and checks foreign keys at the end, so a row and the rows that refer to it may go in together.
 */
export async function writeTogether(db: Executor, writes: (Compilable & OperationNodeSource)[]): Promise<void> {
  const last = writes.at(-1);
  if (!last) return;
  const ctes = writes.slice(0, -1).map((w, i) => sql`${sql.raw(`w${i}`)} AS (${w})`);
  await (ctes.length ? sql`WITH ${sql.join(ctes)} ${last}` : sql`${last}`).execute(db);
}
