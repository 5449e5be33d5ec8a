import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from './auth/roles.ts';
import type { Db, Executor } from './db.ts';
import { newId } from './ids.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  estateId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditContext {
  actor: Actor;
  requestId?: string;
}

/** Records a write (or a full read of personal data) in the caller's transaction. */
export async function audit(db: Executor, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await auditInsert(db, ctx, entry).execute();
}

/** The audit entry's INSERT, not yet run: for writing it together with the change it records. */
export function auditInsert(db: Executor, ctx: AuditContext, entry: AuditEntry) {
  return db.insertInto('audit_log').values(auditRow(ctx, entry));
}

/**
 * The audit entry's INSERT, written only if the named CTE of the same statement yields a row: for a write that may
 * turn out to do nothing (an INSERT … ON CONFLICT DO NOTHING), so the log never records what did not happen.
 */
export function auditInsertIf(db: Executor, ctx: AuditContext, entry: AuditEntry, cte: string) {
  const row = auditRow(ctx, entry);
  const types = {
    id: 'uuid',
    at: 'timestamptz',
    actor_id: 'uuid',
    actor_label: 'text',
    action: 'text',
    entity_type: 'text',
    entity_id: 'text',
    estate_id: 'uuid',
    before: 'jsonb',
    after: 'jsonb',
    request_id: 'text',
  } as const;
  const cols = Object.keys(types) as (keyof typeof types)[];
  // Parameters in a SELECT list have no type of their own: each is cast to its column's.
  const values = cols.map((c) => sql`${row[c]}::${sql.raw(types[c])}`);
  return db
    .insertInto('audit_log')
    .columns(cols)
    .expression(sql`SELECT ${sql.join(values)} FROM ${sql.table(cte)} LIMIT 1` as never);
}

function auditRow(ctx: AuditContext, entry: AuditEntry) {
  return {
    id: newId(),
    at: new Date(),
    actor_id: ctx.actor.accountId,
    actor_label: ctx.actor.displayName,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    estate_id: entry.estateId ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    request_id: ctx.requestId ?? null,
  };
}

/** JSON with object keys sorted, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .filter((k) => obj[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

type Row = {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  estate_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
};

const COLUMNS = [
  'id',
  'at',
  'actor_id',
  'actor_label',
  'action',
  'entity_type',
  'entity_id',
  'estate_id',
  'before',
  'after',
  'request_id',
] as const;

export const GENESIS = '0'.repeat(64);

/** hash = SHA-256(previous hash ‖ canonical JSON of the entry and its position). */
export function entryHash(prevHash: string, seq: number, row: Row): string {
  const fields = Object.fromEntries(COLUMNS.map((c) => [c, row[c]]));
  const body = canonicalJson({ ...fields, seq, at: row.at.toISOString() });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/**
 * Seals committed entries into the chain, in the order the sealer finds them. One sealer at a time
 * (advisory lock); writers never wait for it. Returns how many entries were sealed.
 */
export async function sealAudit(db: Db, batch = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(7320002)`.execute(trx);
      const last = await trx
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .where('seq', 'is not', null)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const rows = await trx
        .selectFrom('audit_log')
        .select(COLUMNS)
        .where('seq', 'is', null)
        .orderBy('id')
        .limit(batch)
        .execute();
      let seq = last?.seq ?? 0;
      let prev = last?.hash ?? GENESIS;
      const sealedRows: { id: string; seq: number; prev: string; hash: string }[] = [];
      for (const row of rows) {
        seq += 1;
        const hash = entryHash(prev, seq, row as Row);
        sealedRows.push({ id: row.id, seq, prev, hash });
        prev = hash;
      }
      if (sealedRows.length) {
        await sql`UPDATE audit_log a SET seq = s.seq, prev_hash = s.prev, hash = s.hash
          FROM jsonb_to_recordset(${JSON.stringify(sealedRows)}::jsonb) AS s(id uuid, seq bigint, prev text, hash text)
          WHERE a.id = s.id`.execute(trx);
      }
      return sealedRows.length;
    });
    total += sealed;
    if (sealed < batch) return total;
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  unsealed: number;
  firstBroken?: { seq: number; id: string; reason: string };
}

/** Recomputes the chain from the start and names the first entry that does not match. */
export async function verifyAudit(db: Db): Promise<VerifyResult> {
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select([...COLUMNS, 'seq', 'prev_hash', 'hash'])
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(5000)
      .execute();
    for (const row of rows) {
      const seq = row.seq as number;
      const broken = (reason: string) => ({
        ok: false,
        checked,
        unsealed: 0,
        firstBroken: { seq, id: row.id, reason },
      });
      if (seq !== expectedSeq) return broken(`missing entry before seq ${seq}`);
      if (row.prev_hash !== prev) return broken('prev_hash does not match the previous entry');
      if (entryHash(prev, seq, row as Row) !== row.hash) return broken('content does not match its hash');
      prev = row.hash as string;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < 5000) break;
  }
  const unsealed = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('seq', 'is', null)
    .executeTakeFirstOrThrow();
  return { ok: true, checked, unsealed: Number(unsealed.n) };
}
