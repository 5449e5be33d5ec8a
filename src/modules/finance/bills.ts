import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import { forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { unitLabels, unitsOfPerson } from '../registry/index.ts';
import { estateFor } from './fees.ts';
import { financePolicy as P } from './policy.ts';

const billColumns = [
  'bills.id',
  'bills.unit_id as unitId',
  'bills.period',
  'bills.days',
  'bills.price_fen as priceFen',
  'bills.area',
  'bills.amount_fen as amountFen',
  'bills.paid_fen as paidFen',
  'fee_items.name as item',
  'fee_items.basis',
] as const;

/** Amounts as numbers, and each bill's unit named by the registry's label. */
async function present<T extends { unitId: string; amountFen: unknown; paidFen: unknown; area: unknown }>(
  db: Executor,
  rows: T[],
) {
  const labels = await unitLabels(
    db,
    rows.map((r) => r.unitId),
  );
  return rows.map((r) => ({
    ...r,
    unit: labels.get(r.unitId) ?? '',
    amountFen: Number(r.amountFen),
    paidFen: Number(r.paidFen),
    area: r.area === null ? null : Number(r.area),
  }));
}

/** An estate's bills of a period, with totals; `unpaid` keeps only what is still owed. */
export async function estateBills(
  db: Executor,
  ctx: RequestContext,
  estateId: string,
  f: { period: string; unpaid?: boolean; limit?: number },
) {
  await estateFor(db, ctx, estateId, P.readFees);
  let q = db
    .selectFrom('bills')
    .innerJoin('fee_items', 'fee_items.id', 'bills.item_id')
    .where('bills.estate_id', '=', estateId)
    .where('bills.period', '=', f.period);
  if (f.unpaid) q = q.where(sql<boolean>`bills.paid_fen < bills.amount_fen`);
  const [rows, totals] = await Promise.all([
    q
      .select(billColumns)
      .orderBy('bills.unit_id')
      .limit(f.limit ?? 500)
      .execute(),
    q
      .select([
        sql<number>`count(*)::int`.as('count'),
        sql<string>`coalesce(sum(bills.amount_fen), 0)::text`.as('amount'),
        sql<string>`coalesce(sum(bills.paid_fen), 0)::text`.as('paid'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: await present(db, rows),
    count: totals.count,
    amountFen: Number(totals.amount),
    paidFen: Number(totals.paid),
  };
}

/** A resident's own bills, for the units they own, newest first. */
export async function myBills(db: Executor, ctx: RequestContext) {
  const personId = ctx.actor.personId;
  if (!personId) throw forbidden();
  const units = (await unitsOfPerson(db, personId)).map((u) => u.unitId);
  if (!units.length) return [];
  const rows = await db
    .selectFrom('bills')
    .innerJoin('fee_items', 'fee_items.id', 'bills.item_id')
    .select(billColumns)
    .where('bills.unit_id', 'in', units)
    .orderBy('bills.period', 'desc')
    .orderBy('fee_items.name')
    .limit(200)
    .execute();
  return present(db, rows);
}

/** A resident's payments, newest first, each with its receipt number. */
export async function myPayments(db: Executor, ctx: RequestContext) {
  const personId = ctx.actor.personId;
  if (!personId) throw forbidden();
  const units = await unitsOfPerson(db, personId);
  if (!units.length) return [];
  const labels = new Map(units.map((u) => [u.unitId, u.label]));
  const rows = await db
    .selectFrom('payments')
    .select(['id', 'unit_id', 'channel', 'amount_fen as amountFen', 'receipt_no as receiptNo', 'paid_at as paidAt'])
    .where('status', '=', 'paid')
    .where(
      'unit_id',
      'in',
      units.map((u) => u.unitId),
    )
    .orderBy('paid_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(({ unit_id, ...r }) => ({
    ...r,
    unit: labels.get(unit_id) ?? '',
    amountFen: Number(r.amountFen),
    paidAt: r.paidAt?.toISOString() ?? null,
  }));
}
