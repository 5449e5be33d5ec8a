import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { namesOf, ownedUnitEstate, type UnitPlace, unitPlace } from '../registry/index.ts';
import { estateFor, unitFor } from './fees.ts';
import type { ProviderNotice } from './provider.ts';
import { settlePayment } from './settle.ts';
import type { PaymentChannel } from './tables.ts';

const orderNo = () =>
  `P${clock.now().toISOString().slice(0, 10).replaceAll('-', '')}${randomBytes(6).toString('hex').toUpperCase()}`;

/** What the unit still owes, in fen. */
async function outstanding(db: Executor, unitId: string) {
  const r = await db
    .selectFrom('bills')
    .select(sql<string>`coalesce(sum(amount_fen - paid_fen), 0)::text`.as('owed'))
    .where('unit_id', '=', unitId)
    .executeTakeFirstOrThrow();
  return Number(r.owed);
}

/**
 * An owner starts paying for one of their units: by default what it owes, or any larger amount (the rest is held as
 * a prepayment). The provider is told the order number and amount; only its signed notice settles the payment.
 */
export async function startOnlinePayment(
  db: Executor,
  ctx: RequestContext,
  input: { unitId: string; channel: 'wechat' | 'alipay'; amountFen?: number },
) {
  const estateId = ctx.actor.personId && (await ownedUnitEstate(db, ctx.actor.personId, input.unitId));
  if (!estateId) throw forbidden();
  const amount = input.amountFen ?? (await outstanding(db, input.unitId));
  if (!amount) throw new DomainError('finance.nothing_owed', 400);
  const row = {
    id: newId(),
    estate_id: estateId,
    unit_id: input.unitId,
    channel: input.channel,
    amount_fen: amount,
    out_trade_no: orderNo(),
    payer: ctx.actor.accountId,
  };
  await db.insertInto('payments').values(row).execute();
  await audit(db, ctx, {
    action: 'payment.start',
    entityType: 'payment',
    entityId: row.id,
    estateId: row.estate_id,
    after: { channel: row.channel, amountFen: amount, outTradeNo: row.out_trade_no },
  });
  return { paymentId: row.id, outTradeNo: row.out_trade_no, amountFen: amount, channel: row.channel };
}

/**
 * The provider's notice, its signature already verified by the route. A notice delivered twice settles once; one
 * whose amount differs from the order moves nothing and is refused; a failure closes the order.
 */
export async function acceptNotice(db: Db, ctx: RequestContext, channel: 'wechat' | 'alipay', n: ProviderNotice) {
  return db.transaction().execute(async (trx) => {
    const p = await trx
      .selectFrom('payments')
      .selectAll()
      .where('out_trade_no', '=', n.outTradeNo)
      .where('channel', '=', channel)
      .forUpdate()
      .executeTakeFirst();
    if (!p) throw notFound('finance.payment_not_found');
    if (Number(p.amount_fen) !== n.amountFen)
      throw new DomainError('finance.amount_mismatch', 400, { expected: Number(p.amount_fen), got: n.amountFen });
    if (p.status === 'paid') {
      if (p.provider_txn !== n.transactionId) throw new DomainError('finance.paid_by_other_transaction', 409);
      return { receiptNo: p.receipt_no, replayed: true };
    }
    if (n.status === 'FAIL') {
      await trx.updateTable('payments').set({ status: 'closed' }).where('id', '=', p.id).execute();
      return { receiptNo: null, replayed: false };
    }
    return settlePayment(trx, ctx, p, n.transactionId, (receiptNo) => ({
      action: 'payment.paid',
      entityType: 'payment',
      entityId: p.id,
      estateId: p.estate_id,
      after: { transactionId: n.transactionId, amountFen: n.amountFen, receiptNo },
    }));
  });
}

const DESK: Role[] = ['company_admin', 'company_staff', 'project_manager'];

/**
 * Cash or a bank transfer taken at the desk, with its voucher number: settled at once. The same voucher entered
 * twice (a double click, a retry) is the same payment.
 */
export async function recordDeskPayment(
  db: Db,
  ctx: RequestContext,
  input: { unitId: string; channel: 'cash' | 'transfer'; amountFen: number; voucherNo: string },
) {
  const unit = await unitFor(db, ctx, input.unitId, DESK);
  const estateId = unit.estateId;
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const inserted = await trx
      .insertInto('payments')
      .values({
        id,
        estate_id: estateId,
        unit_id: unit.unitId,
        channel: input.channel,
        amount_fen: input.amountFen,
        out_trade_no: `D${id}`,
        provider_txn: input.voucherNo,
        payer: ctx.actor.accountId,
      })
      .onConflict((oc) => oc.columns(['channel', 'provider_txn']).where('provider_txn', 'is not', null).doNothing())
      .returningAll()
      .executeTakeFirst();
    let payment: Parameters<typeof settlePayment>[2] | undefined = inserted;
    if (!payment) {
      const first = await trx
        .selectFrom('payments')
        .select(['id', 'unit_id', 'amount_fen'])
        .where('channel', '=', input.channel)
        .where('provider_txn', '=', input.voucherNo)
        .executeTakeFirstOrThrow();
      if (first.unit_id !== input.unitId || Number(first.amount_fen) !== input.amountFen)
        throw new DomainError('finance.voucher_used', 409, { voucher: input.voucherNo });
      payment = first.id;
    }
    const paymentId = typeof payment === 'string' ? payment : payment.id;
    // The audit entry is written with the ledger entry, in its statement; a replay writes neither.
    const settled = await settlePayment(trx, ctx, payment, input.voucherNo, (receiptNo) => ({
      action: 'payment.desk',
      entityType: 'payment',
      entityId: paymentId,
      estateId,
      after: { ...input, receiptNo },
    }));
    return { paymentId, ...settled };
  });
}

/** A printable receipt (收据): its number, the unit, the amount, and the bills it settled. */
export async function receiptOf(db: Executor, ctx: RequestContext, paymentId: string) {
  const p = await db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
  if (p?.status !== 'paid') throw notFound('finance.payment_not_found');
  const mine = ctx.actor.personId && (await ownedUnitEstate(db, ctx.actor.personId, p.unit_id));
  if (!mine) await estateFor(db, ctx, p.estate_id, [...DESK, 'city_regulator', 'district_regulator', 'street_office']);
  const unit = (await unitPlace(db, p.unit_id)) as UnitPlace;
  const [lines, names] = await Promise.all([
    db
      .selectFrom('payment_allocations')
      .innerJoin('bills', 'bills.id', 'payment_allocations.bill_id')
      .innerJoin('fee_items', 'fee_items.id', 'bills.item_id')
      .select(['bills.period', 'fee_items.name as item', 'payment_allocations.amount_fen as amountFen'])
      .where('payment_allocations.payment_id', '=', p.id)
      .orderBy('bills.period')
      .execute(),
    namesOf(db, [unit.estate.companyId]),
  ]);
  const settled = lines.reduce((s, l) => s + Number(l.amountFen), 0);
  return {
    receiptNo: p.receipt_no,
    // 收款单位: the company that manages the estate
    company: unit.estate.companyId ? (names[unit.estate.companyId] ?? null) : null,
    estate: unit.estate.name,
    unit: unit.label,
    channel: p.channel as PaymentChannel,
    amountFen: Number(p.amount_fen),
    paidAt: p.paid_at?.toISOString() ?? null,
    lines: lines.map((l) => ({ ...l, amountFen: Number(l.amountFen) })),
    prepaidFen: Number(p.amount_fen) - settled,
  };
}
