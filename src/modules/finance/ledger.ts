import { sql } from 'kysely';
import { auditInsert } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { writeTogether } from '../../kernel/together.ts';
import { entryHash, legsProblem } from './chain.ts';
import type { AccountKind } from './tables.ts';

/**
 * The accounts an estate's books use. Per-unit accounts carry the unit; a unit's maintenance-fund sub-account
 * (分户账) may never go below zero on its own (credit) side.
 */
export const ACCOUNTS = {
  bank: { kind: 'asset', perUnit: false, mayGoNegative: false },
  cash: { kind: 'asset', perUnit: false, mayGoNegative: false },
  fees_receivable: { kind: 'asset', perUnit: true, mayGoNegative: true },
  prepayments: { kind: 'liability', perUnit: true, mayGoNegative: false },
  company_revenue: { kind: 'revenue', perUnit: false, mayGoNegative: true },
  // 公共收益 has a bank account of its own; what is in it belongs to the owners, and never goes below zero
  public_bank: { kind: 'asset', perUnit: false, mayGoNegative: false },
  public_revenue: { kind: 'liability', perUnit: false, mayGoNegative: false },
  payables: { kind: 'liability', perUnit: false, mayGoNegative: true },
  fund_bank: { kind: 'asset', perUnit: false, mayGoNegative: false },
  fund_unit: { kind: 'liability', perUnit: true, mayGoNegative: false },
} as const satisfies Record<string, { kind: AccountKind; perUnit: boolean; mayGoNegative: boolean }>;
export type AccountCode = keyof typeof ACCOUNTS;

export interface AccountRef {
  code: AccountCode;
  unitId?: string;
}
const refKey = (r: AccountRef) => `${r.code}:${r.unitId ?? ''}`;

/** The ids of the estate's accounts named, opening any that do not exist yet (in one statement each way). */
export async function accountIds(trx: Executor, estateId: string, refs: AccountRef[]): Promise<Map<string, string>> {
  const wanted = [...new Map(refs.map((r) => [refKey(r), r])).values()];
  for (const r of wanted)
    if (ACCOUNTS[r.code].perUnit !== !!r.unitId)
      throw new Error(`account ${r.code} ${r.unitId ? 'has no' : 'needs a'} unit`);
  const codes = [...new Set(wanted.map((r) => r.code))];
  const units = [...new Set(wanted.flatMap((r) => (r.unitId ? [r.unitId] : [])))];
  // Shaped for the unique index (estate_id, code, unit_id), and sent as arrays: a bill run names thousands of
  // accounts, and one array parameter costs far less to bind than thousands of scalars.
  const find = async () => {
    const { rows } = await sql<{ id: string; code: string; unit_id: string | null }>`
      SELECT id, code, unit_id FROM ledger_accounts
      WHERE estate_id = ${estateId} AND code = ANY(${codes}::text[])
        AND (unit_id IS NULL OR unit_id = ANY(${units}::uuid[]))`.execute(trx);
    const keys = new Set(wanted.map(refKey));
    return rows.filter((r) => keys.has(refKey({ code: r.code as AccountCode, unitId: r.unit_id ?? undefined })));
  };
  let rows = await find();
  if (rows.length < wanted.length) {
    const have = new Set(rows.map((r) => refKey({ code: r.code as AccountCode, unitId: r.unit_id ?? undefined })));
    const missing = wanted.filter((r) => !have.has(refKey(r)));
    await sql`
      INSERT INTO ledger_accounts (id, estate_id, code, unit_id, kind, may_go_negative)
      SELECT uuid_v7(), ${estateId}, m.code, m.unit_id, m.kind, m.may_go_negative
      FROM unnest(${missing.map((r) => r.code)}::text[], ${missing.map((r) => r.unitId ?? null)}::uuid[],
                  ${missing.map((r) => ACCOUNTS[r.code].kind)}::text[],
                  ${missing.map((r) => ACCOUNTS[r.code].mayGoNegative)}::boolean[])
        AS m(code, unit_id, kind, may_go_negative)
      ON CONFLICT DO NOTHING`.execute(trx);
    rows = await find();
  }
  return new Map(rows.map((r) => [refKey({ code: r.code as AccountCode, unitId: r.unit_id ?? undefined }), r.id]));
}

export interface EntryInput {
  /** Given when rows written before the entry must name it (a bill run's bills); new otherwise. */
  id?: string;
  estateId: string;
  kind: string;
  memo: string;
  /** Unique per estate: posting the same key again returns the first entry and moves nothing. */
  idempotencyKey: string;
  document?: string;
  reverses?: string;
  legs: { account: AccountRef; amount: number }[];
}

/** Statements writeTogether can send as one. */
export type Writes = Parameters<typeof writeTogether>[1];

export interface Posted {
  id: string;
  seq: number;
  hash: string;
  replayed: boolean;
}

/**
 * Posts one balanced entry to the estate's journal, in the caller's transaction: the estate's chain head is locked,
 * the entry numbered and hashed after the last one, and the balances move by the database's own trigger. The same
 * idempotency key with other legs is refused (422), never posted twice. `alsoWrite`: the caller's own writes that
 * go with the entry, sent in the same statement (one round trip), and not at all when the entry is a replay.
 */
export async function post(
  trx: Executor,
  ctx: RequestContext,
  input: EntryInput,
  alsoWrite: Writes = [],
): Promise<Posted> {
  if (!trx.isTransaction) throw new Error('post() runs inside a transaction: the chain head lock must be held');
  const problem = legsProblem(input.legs.map((l) => l.amount));
  if (problem) throw new DomainError(`ledger.${problem}`, 400);
  const ids = await accountIds(
    trx,
    input.estateId,
    input.legs.map((l) => l.account),
  );
  const accountIdsOf = input.legs.map((l) => ids.get(refKey(l.account)) as string);
  const amounts = input.legs.map((l) => l.amount);
  // Take the estate's chain head (creating it on first use); the row lock orders this estate's postings.
  const head = await sql<{ seq: string | number; hash: string }>`
    INSERT INTO ledger_heads (estate_id) VALUES (${input.estateId})
    ON CONFLICT (estate_id) DO UPDATE SET seq = ledger_heads.seq
    RETURNING seq, hash`.execute(trx);
  const earlier = await trx
    .selectFrom('journal_entries')
    .select(['id', 'seq', 'hash', 'account_ids', 'amounts'])
    .where('estate_id', '=', input.estateId)
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  if (earlier) {
    const same =
      earlier.account_ids.join() === accountIdsOf.join() && earlier.amounts.map(Number).join() === amounts.join();
    if (!same) throw new DomainError('idempotency_key_reused', 422);
    return { id: earlier.id, seq: Number(earlier.seq), hash: earlier.hash, replayed: true };
  }
  const prev = head.rows[0];
  const entry = {
    id: input.id ?? newId(),
    estateId: input.estateId,
    seq: Number(prev.seq) + 1,
    kind: input.kind,
    memo: input.memo,
    idempotencyKey: input.idempotencyKey,
    reverses: input.reverses ?? null,
    document: input.document ?? null,
    accountIds: accountIdsOf,
    amounts,
    postedAt: clock.now(),
  };
  const hash = entryHash(prev.hash, entry);
  const written = writeTogether(trx, [
    trx.insertInto('journal_entries').values({
      id: entry.id,
      estate_id: entry.estateId,
      seq: entry.seq,
      kind: entry.kind,
      memo: entry.memo,
      idempotency_key: entry.idempotencyKey,
      reverses: entry.reverses,
      document: entry.document,
      account_ids: entry.accountIds,
      amounts: entry.amounts,
      posted_at: entry.postedAt,
      posted_by: ctx.actor.accountId,
      prev_hash: prev.hash,
      hash,
    }),
    trx.updateTable('ledger_heads').set({ seq: entry.seq, hash }).where('estate_id', '=', input.estateId),
    ...alsoWrite,
    auditInsert(trx, ctx, {
      action: 'ledger.post',
      entityType: 'journal_entry',
      entityId: entry.id,
      estateId: input.estateId,
      // A bill run's entry has a leg per unit: the audit keeps its size, the journal keeps the legs.
      after: {
        kind: entry.kind,
        memo: entry.memo,
        seq: entry.seq,
        legs: input.legs.length <= 20 ? input.legs : `${input.legs.length} legs`,
      },
    }),
  ]);
  await written.catch((err: Error) => {
    // The database refuses to take an account below zero where that is not allowed: say which, in words.
    if (/ledger_accounts_not_negative/.test(`${(err as { constraint?: string }).constraint} ${err.message}`))
      throw new DomainError('ledger.insufficient_balance', 409);
    throw err;
  });
  return { id: entry.id, seq: entry.seq, hash, replayed: false };
}

/** A correction: the same legs with the opposite sign, linked to the original, which can be reversed only once. */
export async function reverse(trx: Executor, ctx: RequestContext, entryId: string, reason: string): Promise<Posted> {
  const e = await trx.selectFrom('journal_entries').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!e) throw new DomainError('ledger.entry_not_found', 404);
  const accounts = await trx
    .selectFrom('ledger_accounts')
    .select(['id', 'code', 'unit_id'])
    .where('id', 'in', e.account_ids)
    .execute();
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const done = await trx.selectFrom('journal_entries').select('id').where('reverses', '=', e.id).executeTakeFirst();
  if (done) throw new DomainError('ledger.already_reversed', 409);
  return post(trx, ctx, {
    estateId: e.estate_id,
    kind: 'reversal',
    memo: reason,
    idempotencyKey: `reversal:${e.id}`,
    reverses: e.id,
    legs: e.account_ids.map((id, i) => {
      const a = byId.get(id) as { code: string; unit_id: string | null };
      return {
        account: { code: a.code as AccountCode, unitId: a.unit_id ?? undefined },
        amount: -Number(e.amounts[i]),
      };
    }),
  });
}

/** Balances of the estate's accounts, as the database keeps them (fen, debit positive). */
export async function balances(db: Executor, estateId: string) {
  const rows = await db
    .selectFrom('ledger_accounts')
    .select(['id', 'code', 'unit_id', 'kind', 'balance'])
    .where('estate_id', '=', estateId)
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, unitId: r.unit_id, kind: r.kind, balance: Number(r.balance) }));
}
