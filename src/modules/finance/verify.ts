import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import { entryHash, GENESIS, legsProblem } from './chain.ts';

export interface LedgerReport {
  estates: number;
  entries: number;
  accounts: number;
  /** The first thing found wrong, in words a person can follow up; absent when everything holds. */
  problem?: string;
}

const BATCH = 10_000;

/**
 * Recomputes every estate's chain from its first entry, rechecks that each entry balances, and compares every
 * account's stored balance with the sum of its legs. Stops at the first discrepancy and names it.
 */
export async function verifyLedger(db: Executor): Promise<LedgerReport> {
  const heads = await db.selectFrom('ledger_heads').selectAll().orderBy('estate_id').execute();
  let entries = 0;
  for (const head of heads) {
    let prev = GENESIS;
    let seq = 0;
    for (;;) {
      const rows = await db
        .selectFrom('journal_entries')
        .selectAll()
        .where('estate_id', '=', head.estate_id)
        .where('seq', '>', seq)
        .orderBy('seq')
        .limit(BATCH)
        .execute();
      for (const e of rows) {
        const at = `estate ${e.estate_id} entry #${e.seq} (${e.id})`;
        if (Number(e.seq) !== seq + 1) return { ...counts(heads, entries), problem: `${at}: expected #${seq + 1}` };
        const amounts = e.amounts.map(Number);
        const legs = legsProblem(amounts);
        if (legs) return { ...counts(heads, entries), problem: `${at}: ${legs}` };
        if (e.prev_hash !== prev) return { ...counts(heads, entries), problem: `${at}: prev_hash breaks the chain` };
        const hash = entryHash(prev, {
          id: e.id,
          estateId: e.estate_id,
          seq: Number(e.seq),
          kind: e.kind,
          memo: e.memo,
          idempotencyKey: e.idempotency_key,
          reverses: e.reverses,
          document: e.document,
          accountIds: e.account_ids,
          amounts,
          postedAt: e.posted_at,
        });
        if (hash !== e.hash)
          return { ...counts(heads, entries), problem: `${at}: its content does not match its hash` };
        prev = hash;
        seq = Number(e.seq);
        entries += 1;
      }
      if (rows.length < BATCH) break;
    }
    if (Number(head.seq) !== seq || head.hash !== prev)
      return {
        ...counts(heads, entries),
        problem: `estate ${head.estate_id}: the chain head does not match entry #${seq}`,
      };
  }
  // Every balance against the sum of its legs, in one pass of the journal.
  const wrong = await sql<{ id: string; code: string; balance: string; total: string }>`
    SELECT a.id, a.code, a.balance::text AS balance, coalesce(s.total, 0)::text AS total
    FROM ledger_accounts a
    LEFT JOIN (SELECT l.id, sum(l.amount) AS total
               FROM journal_entries e, unnest(e.account_ids, e.amounts) AS l(id, amount) GROUP BY l.id) s
      ON s.id = a.id
    WHERE a.balance <> coalesce(s.total, 0)
    ORDER BY a.id LIMIT 1`.execute(db);
  const accounts = await db
    .selectFrom('ledger_accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const report = { estates: heads.length, entries, accounts: Number(accounts.n) };
  const w = wrong.rows[0];
  if (w)
    return { ...report, problem: `account ${w.code} (${w.id}): balance ${w.balance} fen, its legs sum to ${w.total}` };
  return report;
}

const counts = (heads: unknown[], entries: number) => ({ estates: heads.length, entries, accounts: 0 });
