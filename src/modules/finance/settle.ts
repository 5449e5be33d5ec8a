import { type Selectable, sql } from 'kysely';
import { type AuditEntry, auditInsert } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Executor } from '../../kernel/db.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { post } from './ledger.ts';
import type { FinanceTables, PaymentChannel } from './tables.ts';

type Payment = Selectable<FinanceTables['payments']>;

/**
 * Settles a payment, once: the unit's oldest unpaid bills first (by period, then as raised), what is left over kept
 * as the unit's prepayment, a receipt number drawn without gaps for the estate and year, and one ledger entry
 * (bank or cash in; receivables and prepayment out). Paying again is a no-op: the payment row is locked and checked.
 * The payment is named by id, or given as the row this transaction has just inserted (and so holds locked). The
 * allocations, the bills, the payment and the caller's audit entry are written in the entry's own statement.
 */
export async function settlePayment(
  trx: Executor,
  ctx: RequestContext,
  payment: string | Payment,
  providerTxn: string,
  auditEntry?: (receiptNo: string) => AuditEntry,
) {
  const p =
    typeof payment === 'string'
      ? await trx.selectFrom('payments').selectAll().where('id', '=', payment).forUpdate().executeTakeFirstOrThrow()
      : payment;
  if (p.status === 'paid') return { receiptNo: p.receipt_no as string, replayed: true };
  const open = await trx
    .selectFrom('bills')
    .select(['id', 'amount_fen', 'paid_fen'])
    .where('unit_id', '=', p.unit_id)
    .where(sql<boolean>`paid_fen < amount_fen`)
    .orderBy('period')
    .orderBy('created_at')
    .orderBy('id')
    .forUpdate()
    .execute();
  let left = Number(p.amount_fen);
  const allocations: { bill_id: string; amount_fen: number }[] = [];
  for (const b of open) {
    if (!left) break;
    const take = Math.min(left, Number(b.amount_fen) - Number(b.paid_fen));
    allocations.push({ bill_id: b.id, amount_fen: take });
    left -= take;
  }
  const now = clock.now();
  const year = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const counter = await sql<{ last: number }>`
    INSERT INTO receipt_counters (estate_id, year, last) VALUES (${p.estate_id}, ${year}, 1)
    ON CONFLICT (estate_id, year) DO UPDATE SET last = receipt_counters.last + 1
    RETURNING last`.execute(trx);
  const receiptNo = `${year}-${p.estate_id.slice(-6).toUpperCase()}-${String(counter.rows[0].last).padStart(6, '0')}`;
  const settled = allocations.reduce((s, a) => s + a.amount_fen, 0);
  const bills = allocations.map((a) => a.bill_id);
  const amounts = allocations.map((a) => a.amount_fen);
  const entryId = newId();
  await post(
    trx,
    ctx,
    {
      id: entryId,
      estateId: p.estate_id,
      kind: 'payment',
      memo: `收款 ${receiptNo}`,
      idempotencyKey: `payment:${p.id}`,
      document: receiptNo,
      legs: [
        { account: { code: cashAccount(p.channel) }, amount: Number(p.amount_fen) },
        ...(settled ? [{ account: { code: 'fees_receivable' as const, unitId: p.unit_id }, amount: -settled }] : []),
        ...(left ? [{ account: { code: 'prepayments' as const, unitId: p.unit_id }, amount: -left }] : []),
      ],
    },
    [
      ...(allocations.length
        ? [
            trx.insertInto('payment_allocations').values(allocations.map((a) => ({ payment_id: p.id, ...a }))),
            trx
              .updateTable('bills')
              .set({
                paid_fen: sql`bills.paid_fen + (${amounts}::bigint[])[array_position(${bills}::uuid[], bills.id)]`,
              })
              .where('id', 'in', bills),
          ]
        : []),
      trx
        .updateTable('payments')
        .set({ status: 'paid', provider_txn: providerTxn, receipt_no: receiptNo, entry_id: entryId, paid_at: now })
        .where('id', '=', p.id),
      ...(auditEntry ? [auditInsert(trx, ctx, auditEntry(receiptNo))] : []),
    ],
  );
  return { receiptNo, replayed: false };
}

/** Online and transfer money lands in the bank; cash in the till. */
const cashAccount = (channel: PaymentChannel) => (channel === 'cash' ? ('cash' as const) : ('bank' as const));
