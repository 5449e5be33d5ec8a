import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import { contextAs } from '../../kernel/auth/sessions.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { defineJob, enqueue } from '../../kernel/jobs.ts';
import { billableUnits, coversEstate, estatesInView, estatesOfCompany } from '../registry/index.ts';
import { periodDays } from './billing.ts';
import { estateFor } from './fees.ts';
import { post } from './ledger.ts';
import { financePolicy as P } from './policy.ts';
import { applyPrepayments } from './prepaid.ts';

export const BILL_RUN_JOB = 'finance.bill_run';

interface BillRunPayload {
  period: string;
  estateIds: string[];
  accountId: string;
}

/**
 * Starts a bill run for a period: one estate, or every estate the caller bills (a company its own, the city
 * regulator the whole city). It runs as a job with progress; each estate is billed in one transaction, and a bill
 * is unique per unit, item and period, so a re-run or a restart after a crash adds only what is missing.
 */
export async function startBillRun(db: Executor, ctx: RequestContext, input: { period: string; estateId?: string }) {
  try {
    periodDays(input.period);
  } catch {
    throw new DomainError('finance.period_invalid', 400);
  }
  const estateIds = input.estateId
    ? [(await estateFor(db, ctx, input.estateId, P.runBills)).id]
    : await billableEstates(db, ctx);
  if (!estateIds.length) throw new DomainError('finance.nothing_to_bill', 400);
  const payload: BillRunPayload = { period: input.period, estateIds, accountId: ctx.actor.accountId as string };
  const jobId = await enqueue(db, BILL_RUN_JOB, payload, { createdBy: ctx.actor.accountId });
  await audit(db, ctx, {
    action: 'bill_run.start',
    entityType: 'job',
    entityId: jobId,
    estateId: input.estateId ?? null,
    after: { period: input.period, estates: estateIds.length },
  });
  return { jobId, estates: estateIds.length };
}

async function billableEstates(db: Executor, ctx: RequestContext): Promise<string[]> {
  const company = ctx.actor.bindings.find((b) => b.role === 'company_admin')?.scopeId;
  if (company) return estatesOfCompany(db, company);
  if (!ctx.actor.bindings.some((b) => b.role === 'city_regulator')) return [];
  const estates = await estatesInView(db, ctx.actor, Number.MAX_SAFE_INTEGER);
  return estates
    .filter(
      (e) =>
        e.companyId &&
        coversEstate(ctx.actor, P.runBills, { id: e.id, region_path: e.regionPath, company_id: e.companyId }),
    )
    .map((e) => e.id);
}

defineJob(BILL_RUN_JOB, async (job) => {
  const { period, estateIds, accountId } = job.payload as BillRunPayload;
  const ctx = await contextAs(job.db, accountId, 'id');
  if (!ctx) throw new Error(`bill run: account ${accountId} is gone`);
  let bills = 0;
  let fen = 0;
  for (const [i, estateId] of estateIds.entries()) {
    const r = await billEstate(job.db, ctx, estateId, period);
    bills += r.bills;
    fen += r.fen;
    await job.progress(i + 1, estateIds.length, `${bills} bills, ${fen} fen`);
  }
  return { bills, fen };
});

/**
 * Bills one estate for a period: for each active fee item, one INSERT … SELECT of the missing bills (amounts by the
 * rule in billing.ts, pro-rated from a unit's delivery), then one ledger entry debiting each unit's receivable and
 * crediting the company's revenue; last, prepayments settle what they can of the new bills. All in one transaction.
 */
export async function billEstate(db: Db, ctx: RequestContext, estateId: string, period: string) {
  const { start, end, days: dim } = periodDays(period);
  return db.transaction().execute(async (trx) => {
    const items = await trx
      .selectFrom('fee_items')
      .selectAll()
      .where('estate_id', '=', estateId)
      .where('active', '=', true)
      .orderBy('id')
      .execute();
    let bills = 0;
    let fen = 0;
    for (const item of items) {
      const area = item.basis === 'area_month' ? sql`d.area` : sql`100`;
      const days = item.basis === 'one_off' ? sql`${dim}::int` : sql`d.days`;
      const once =
        item.basis === 'one_off'
          ? sql`AND NOT EXISTS (SELECT 1 FROM bills b WHERE b.unit_id = d.id AND b.item_id = ${item.id})`
          : sql``;
      // The entry that will book these bills: named now, so the bills carry it without a second write.
      const entryId = newId();
      const { rows } = await sql<{ id: string; unit_id: string; amount_fen: string | number }>`
        WITH d AS (
          SELECT u.id, u.area,
            CASE WHEN u.since IS NULL OR u.since <= ${start}::date THEN ${dim}::int
                 WHEN u.since > ${end}::date THEN 0
                 ELSE ${end}::date - u.since + 1 END AS days
          FROM (${billableUnits(estateId, item.uses)}) u
        ), priced AS (
          SELECT d.id, ${days} AS days, ${item.basis === 'area_month' ? sql`d.area` : sql`NULL::bigint`} AS area,
            (2 * ${item.price_fen}::bigint * ${area} * ${days} + 100 * ${dim}) / (200 * ${dim}) AS amount
          FROM d WHERE d.days > 0 ${once}
        )
        INSERT INTO bills (id, estate_id, unit_id, item_id, period, days, price_fen, area, amount_fen, entry_id)
        SELECT uuid_v7(), ${estateId}, id, ${item.id}, ${period}, days, ${item.price_fen}, area, amount, ${entryId}::uuid
        FROM priced WHERE amount > 0
        ON CONFLICT (unit_id, item_id, period) DO NOTHING
        RETURNING id, unit_id, amount_fen`.execute(trx);
      if (!rows.length) continue;
      const total = rows.reduce((sum, r) => sum + Number(r.amount_fen), 0);
      await post(trx, ctx, {
        id: entryId,
        estateId,
        kind: 'bill',
        memo: `${period} ${item.name}`,
        // The bills this transaction raised: a retry after a crash raises them (and books them) afresh.
        idempotencyKey: `bills:${period}:${item.id}:${rows[0].id}`,
        legs: [
          ...rows.map((r) => ({
            account: { code: 'fees_receivable' as const, unitId: r.unit_id },
            amount: Number(r.amount_fen),
          })),
          { account: { code: 'company_revenue' as const }, amount: -total },
        ],
      });
      bills += rows.length;
      fen += total;
    }
    const prepaidFen = bills ? await applyPrepayments(trx, ctx, estateId, period) : 0;
    return { bills, fen, prepaidFen };
  });
}
