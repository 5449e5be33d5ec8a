import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import { forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
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
  sql<string>`buildings.name || ' ' || units.number`.as('unit'),
] as const;

const asNumbers = <T extends { amountFen: unknown; paidFen: unknown; area: unknown }>(rows: T[]) =>
  rows.map((r) => ({
    ...r,
    amountFen: Number(r.amountFen),
    paidFen: Number(r.paidFen),
    area: r.area === null ? null : Number(r.area),
  }));

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
    .innerJoin('units', 'units.id', 'bills.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
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
    items: asNumbers(rows),
    count: totals.count,
    amountFen: Number(totals.amount),
    paidFen: Number(totals.paid),
  };
}

/** A resident's own bills, for the units they own, newest first. */
export async function myBills(db: Executor, ctx: RequestContext) {
  const personId = ctx.actor.personId;
  if (!personId) throw forbidden();
  const rows = await db
    .selectFrom('bills')
    .innerJoin('fee_items', 'fee_items.id', 'bills.item_id')
    .innerJoin('units', 'units.id', 'bills.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(billColumns)
    .where('bills.unit_id', 'in', (eb) =>
      eb.selectFrom('unit_owners').select('unit_id').where('person_id', '=', personId),
    )
    .orderBy('bills.period', 'desc')
    .orderBy('fee_items.name')
    .limit(200)
    .execute();
  return asNumbers(rows);
}

/** A resident's payments, newest first, each with its receipt number. */
export async function myPayments(db: Executor, ctx: RequestContext) {
  const personId = ctx.actor.personId;
  if (!personId) throw forbidden();
  const rows = await db
    .selectFrom('payments')
    .innerJoin('units', 'units.id', 'payments.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select([
      'payments.id',
      'payments.channel',
      'payments.amount_fen as amountFen',
      'payments.receipt_no as receiptNo',
      'payments.paid_at as paidAt',
      sql<string>`buildings.name || ' ' || units.number`.as('unit'),
    ])
    .where('payments.status', '=', 'paid')
    .where('payments.unit_id', 'in', (eb) =>
      eb.selectFrom('unit_owners').select('unit_id').where('person_id', '=', personId),
    )
    .orderBy('payments.paid_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => ({ ...r, amountFen: Number(r.amountFen), paidAt: r.paidAt?.toISOString() ?? null }));
}
