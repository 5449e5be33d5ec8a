import { sql } from 'kysely';
import type { Db, Executor } from './db.ts';
import { newId } from './ids.ts';

/**
 * Domain events: a module publishes in the transaction of its change; other modules subscribe.
 * Handlers run after commit, from the job worker, at least once — they must be idempotent.
 */
type Handler = (db: Db, payload: unknown) => Promise<void>;
const subscribers = new Map<string, Handler[]>();

export async function publish(db: Executor, type: string, payload: unknown): Promise<void> {
  await db
    .insertInto('events')
    .values({ id: newId(), type, payload: JSON.stringify(payload), processed_at: null })
    .execute();
}

export function subscribe(type: string, handler: Handler): void {
  subscribers.set(type, [...(subscribers.get(type) ?? []), handler]);
}

export async function dispatchEvents(db: Db, batch = 200): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await sql<{ id: string; type: string; payload: unknown }>`
      SELECT id, type, payload FROM events WHERE processed_at IS NULL ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED`.execute(
      trx,
    );
    for (const e of rows.rows) {
      for (const h of subscribers.get(e.type) ?? []) await h(trx as unknown as Db, e.payload);
    }
    if (rows.rows.length) {
      await trx
        .updateTable('events')
        .set({ processed_at: new Date() })
        .where(
          'id',
          'in',
          rows.rows.map((r) => r.id),
        )
        .execute();
    }
    return rows.rows.length;
  });
}
