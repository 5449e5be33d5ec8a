import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { post } from './ledger.ts';

/**
 * A unit's prepayment settles the bills raised after it, oldest first, as the bill run raises them: one entry for
 * the estate moves each unit's credit from its prepayment to its receivable, and every bill it touches records how
 * much (prepayment_uses). Run inside the bill run's transaction, so a crash leaves neither bills nor this behind.
 */
export async function applyPrepayments(trx: Executor, ctx: RequestContext, estateId: string, memo: string) {
  const credits = await sql<{ unit_id: string; credit: string }>`
    SELECT unit_id, (-balance)::text AS credit FROM ledger_accounts
    WHERE estate_id = ${estateId} AND code = 'prepayments' AND balance < 0`.execute(trx);
  if (!credits.rows.length) return 0;
  const credit = new Map(credits.rows.map((r) => [r.unit_id, Number(r.credit)]));
  const open = await trx
    .selectFrom('bills')
    .select(['id', 'unit_id', 'amount_fen', 'paid_fen'])
    .where('unit_id', 'in', [...credit.keys()])
    .where(sql<boolean>`paid_fen < amount_fen`)
    .orderBy('period')
    .orderBy('created_at')
    .orderBy('id')
    .forUpdate()
    .execute();
  const uses: { bill_id: string; unit_id: string; amount_fen: number }[] = [];
  for (const b of open) {
    const left = credit.get(b.unit_id) ?? 0;
    const take = Math.min(left, Number(b.amount_fen) - Number(b.paid_fen));
    if (take <= 0) continue;
    uses.push({ bill_id: b.id, unit_id: b.unit_id, amount_fen: take });
    credit.set(b.unit_id, left - take);
  }
  if (!uses.length) return 0;
  const byUnit = new Map<string, number>();
  for (const u of uses) byUnit.set(u.unit_id, (byUnit.get(u.unit_id) ?? 0) + u.amount_fen);
  const entryId = newId();
  await post(trx, ctx, {
    id: entryId,
    estateId,
    kind: 'prepayment_apply',
    memo: `预收款抵扣 ${memo}`,
    idempotencyKey: `prepaid:${entryId}`,
    legs: [...byUnit].flatMap(([unitId, fen]) => [
      { account: { code: 'prepayments' as const, unitId }, amount: fen },
      { account: { code: 'fees_receivable' as const, unitId }, amount: -fen },
    ]),
  });
  await trx
    .insertInto('prepayment_uses')
    .values(uses.map((u) => ({ entry_id: entryId, bill_id: u.bill_id, amount_fen: u.amount_fen })))
    .execute();
  await sql`
    UPDATE bills b SET paid_fen = b.paid_fen + u.amount_fen
    FROM unnest(${uses.map((u) => u.bill_id)}::uuid[], ${uses.map((u) => u.amount_fen)}::bigint[]) AS u(id, amount_fen)
    WHERE b.id = u.id`.execute(trx);
  return uses.reduce((s, u) => s + u.amount_fen, 0);
}
