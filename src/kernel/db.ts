import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';

/** Tables, declared by each module through declaration merging (`declare module … interface Database`). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the modules
export interface Database {}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the root handle or a transaction: functions that write take this so callers choose the transaction. */
export type Executor = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Runs a multi-statement SQL script (migrations). */
  execScript(sql: string): Promise<void>;
  /** Bulk-loads rows into a table with COPY (benchmarks and imports). */
  copyRows(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  /** PGlite only: the whole database as a tarball, loadable as a `template` (test fixtures). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

// The same JavaScript types from both drivers: int8 → number (checked), date → 'YYYY-MM-DD', numeric → string.
pg.types.setTypeParser(20, parseInt8);
pg.types.setTypeParser(1082, (v: string) => v);

function copyText(rows: unknown[][]): string {
  const esc = (v: unknown) =>
    v === null || v === undefined
      ? '\\N'
      : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return rows.map((r) => r.map(esc).join('\t')).join('\n') + (rows.length ? '\n' : '');
}

export async function openDatabase(opts: {
  url?: string;
  dataDir?: string;
  memory?: boolean;
  template?: Blob;
}): Promise<DatabaseHandle> {
  if (opts.url) return openPostgres(opts.url);
  return openPglite(opts.memory ? undefined : opts.dataDir, opts.template);
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.ANJU_DB_POOL ?? 10) });
  // An idle connection the server ends (a restart, a failover, a test database dropped while the pool's last
  // connections are still saying goodbye) is discarded by the pool, and the next query opens a new one. Unheard,
  // the pool's 'error' event would stop the whole process.
  let closing = false;
  pool.on('error', (err) => {
    if (!closing) console.warn(`database: an idle connection was closed by the server (${err.message})`);
  });
  const { from: copyFrom } = await import('pg-copy-streams');
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    engine: 'postgres',
    async execScript(sql) {
      const client = await pool.connect();
      try {
        await client.query(sql);
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async copyRows(table, columns, rows) {
      const client = await pool.connect();
      try {
        const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
        await new Promise<void>((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', reject);
          stream.end(copyText(rows));
        });
      } finally {
        client.release();
      }
    },
    close: () => {
      closing = true;
      return pool.end();
    },
  };
}

/**
 * PGlite is one connection. Kysely's Postgres driver asks a pool for a connection per query or
 * transaction; this pool hands out the single connection to one borrower at a time, so
 * concurrent requests queue instead of interleaving inside each other's transactions.
 */
class PgliteSerialPool {
  private tail: Promise<void> = Promise.resolve();
  constructor(private readonly pglite: PGlite) {}

  async connect() {
    let release!: () => void;
    const turn = new Promise<void>((r) => {
      release = r;
    });
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    const pglite = this.pglite;
    return {
      async query(sql: string, params: unknown[]) {
        const res = await pglite.query(sql, params as unknown[], { rowMode: 'object' });
        return { command: guessCommand(sql), rowCount: res.affectedRows ?? res.rows.length, rows: res.rows };
      },
      release() {
        release();
      },
    };
  }
  async end() {
    await this.tail;
    await this.pglite.close();
  }
}

function guessCommand(sql: string) {
  const word = sql.trimStart().slice(0, 6).toUpperCase();
  return (['INSERT', 'UPDATE', 'DELETE', 'SELECT', 'MERGE'].find((c) => word.startsWith(c)) ?? 'SELECT') as 'SELECT';
}

async function openPglite(dataDir: string | undefined, template?: Blob): Promise<DatabaseHandle> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, loadDataDir: template, parsers: { 1082: (v: string) => v } });
  const pool = new PgliteSerialPool(pglite);
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    const conn = await pool.connect();
    try {
      return await fn();
    } finally {
      conn.release();
    }
  };
  return {
    // biome-ignore lint/suspicious/noExplicitAny: the pool implements the part of pg.Pool that Kysely uses
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as any }) }),
    engine: 'pglite',
    execScript: (sql) =>
      exclusive(async () => {
        try {
          await pglite.exec(sql);
        } catch (e) {
          await pglite.exec('ROLLBACK').catch(() => {});
          throw e;
        }
      }),
    copyRows: (table, columns, rows) =>
      exclusive(async () => {
        const blob = new Blob([copyText(rows)]);
        await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob });
      }),
    dump: () => exclusive(async () => (await pglite.dumpDataDir('none')) as Blob),
    close: () => pool.end(),
  };
}

/** Runs fn in the caller's transaction if there is one, else in a new one: for use cases other modules compose. */
export const inTransaction = <T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> =>
  db.isTransaction ? fn(db) : db.transaction().execute(fn);
