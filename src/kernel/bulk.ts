import type { Executor } from './db.ts';

/** Multi-row INSERTs in chunks: one round trip per chunk, never one per row. */
export async function insertChunks(
  db: Executor,
  table: string,
  rows: Record<string, unknown>[],
  chunk = 1000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    // biome-ignore lint/suspicious/noExplicitAny: generic over tables; rows come from the owning module
    await (db as any)
      .insertInto(table)
      .values(rows.slice(i, i + chunk))
      .execute();
  }
}
