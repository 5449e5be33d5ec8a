import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { DatabaseHandle } from './db.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/**
 * Applies the numbered SQL files in migrations/ that have not run yet, each in its own transaction.
 * An advisory lock makes concurrent starts of several instances wait for one another.
 * A landed migration whose file changed is refused: migrations are never edited once landed.
 */
export async function migrate(handle: DatabaseHandle, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();
  await handle.execScript(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const checksum = createHash('sha256').update(text).digest('hex');
    const done = await handle.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(7320001)`.execute(trx);
      const row = await sql<{ checksum: string }>`SELECT checksum FROM schema_migrations WHERE name = ${file}`.execute(
        trx,
      );
      if (row.rows[0]) {
        if (row.rows[0].checksum !== checksum) throw new Error(`migration ${file} was edited after it was applied`);
        return true;
      }
      return false;
    });
    if (done) continue;
    const ran = await handle
      .execScript(
        `BEGIN;\nSELECT pg_advisory_xact_lock(7320001);\n` +
          `DO $$ BEGIN IF EXISTS (SELECT 1 FROM schema_migrations WHERE name = '${file}') THEN RAISE EXCEPTION 'anju_migration_already_applied'; END IF; END $$;\n` +
          `${text}\nINSERT INTO schema_migrations (name, checksum) VALUES ('${file}', '${checksum}');\nCOMMIT;`,
      )
      .then(
        () => true,
        (e: Error) => {
          if (/anju_migration_already_applied/.test(e.message)) return false;
          throw new Error(`migration ${file} failed: ${e.message}`);
        },
      );
    if (ran) applied.push(file);
  }
  return applied;
}
