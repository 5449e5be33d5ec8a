import { sql } from 'kysely';
import { clock } from '../../kernel/clock.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { effectiveArea, votingUnits } from '../registry/index.ts';
import { decisionOf } from '../voting/index.ts';
import { apportion } from './apportion.ts';
import { estateFor } from './fees.ts';
import { post } from './ledger.ts';
import { availableFen, COLLECTORS, SPENDERS, settingsOf } from './public-revenue.ts';

/** Public revenue by the period: the disclosure (statement), the desk's book, and the year-end transfer it rests on. */

/**
 * The year's surplus (net income less spending), a share of it (the local rule: at least half) moved into the
 * maintenance fund and apportioned to every unit's sub-account by area, in one entry; once per estate and year.
 */
export async function transferSurplusToFund(
  db: Db,
  ctx: RequestContext,
  input: { estateId: string; year: number; percent: number },
) {
  await estateFor(db, ctx, input.estateId, SPENDERS);
  // A year's surplus is known once the year is over; the money moves (and is disclosed) on the day it moves.
  const today = new Date(clock.nowMs() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (input.year >= Number(today.slice(0, 4)))
    throw new DomainError('finance.year_not_ended', 409, { year: input.year });
  const key = `public-to-fund:${input.year}`;
  const done = await db
    .selectFrom('journal_entries')
    .select('id')
    .where('estate_id', '=', input.estateId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (done) throw new DomainError('finance.transfer_done', 409, { year: input.year });
  const s = await statement(db, input.estateId, `${input.year}-01-01`, `${input.year}-12-31`);
  const surplus = s.incomeNetFen - s.spendingFen;
  const amount = Math.floor((surplus * input.percent) / 100);
  if (amount <= 0) throw new DomainError('finance.no_surplus', 409);
  const units = await votingUnits(db, input.estateId);
  const shares = apportion(
    amount,
    units.map((u) => ({ id: u.unitId, area: Number(effectiveArea(u).area) })),
  ).filter((x) => x.fen > 0);
  return db.transaction().execute(async (trx) => {
    const entry = await post(trx, ctx, {
      estateId: input.estateId,
      kind: 'public_to_fund',
      memo: `${input.year} 年度公共收益结余 ${input.percent}% 转入维修资金`,
      idempotencyKey: key,
      legs: [
        { account: { code: 'public_revenue' }, amount },
        { account: { code: 'public_bank' }, amount: -amount },
        { account: { code: 'fund_bank' }, amount },
        ...shares.map((x) => ({ account: { code: 'fund_unit' as const, unitId: x.id }, amount: -x.fen })),
      ],
    });
    if (entry.replayed) throw new DomainError('finance.transfer_done', 409, { year: input.year });
    await trx
      .insertInto('public_spendings')
      .values({
        id: newId(),
        estate_id: input.estateId,
        item: '年度结余转入专项维修资金',
        description: `${input.year} 年度结余 ${(surplus / 100).toFixed(2)} 元的 ${input.percent}%`,
        amount_fen: amount,
        approval_kind: 'committee',
        matter_id: null,
        resolution: `按规定转存 ${input.percent}%`,
        state: 'paid',
        publicized_at: clock.now(),
        payable_from: clock.now(),
        cosigned_by: null,
        paid_on: today,
        entry_id: entry.id,
        created_by: ctx.actor.accountId,
      })
      .execute();
    return { amountFen: amount, units: shares.length };
  });
}

/** An income as disclosed: gross, the company's agreed share, and the owners' net. */
const incomeView = (i: {
  received_on: string;
  source: string;
  description: string;
  gross_fen: number;
  cost_fen: number;
  evidence: string;
}) => ({
  date: i.received_on,
  source: i.source,
  description: i.description,
  grossFen: Number(i.gross_fen),
  costFen: Number(i.cost_fen),
  netFen: Number(i.gross_fen) - Number(i.cost_fen),
  evidence: i.evidence,
});

/** Income and spending between two dates (inclusive), and the balance before and after. */
export async function statement(db: Executor, estateId: string, from: string, to: string) {
  const [incomes, spendings, before] = await Promise.all([
    db
      .selectFrom('public_incomes')
      .select(['source', 'description', 'gross_fen', 'cost_fen', 'evidence', 'received_on'])
      .where('estate_id', '=', estateId)
      .where('received_on', '>=', from)
      .where('received_on', '<=', to)
      .orderBy('received_on')
      .execute(),
    db
      .selectFrom('public_spendings')
      .select(['item', 'description', 'amount_fen', 'approval_kind', 'resolution', 'matter_id', 'paid_on'])
      .where('estate_id', '=', estateId)
      .where('state', '=', 'paid')
      .where('paid_on', '>=', from)
      .where('paid_on', '<=', to)
      .orderBy('paid_on')
      .execute(),
    sql<{ income: string; spent: string }>`
      SELECT (SELECT coalesce(sum(gross_fen - cost_fen), 0) FROM public_incomes
                WHERE estate_id = ${estateId} AND received_on < ${from}::date)::text AS income,
             (SELECT coalesce(sum(amount_fen), 0) FROM public_spendings
                WHERE estate_id = ${estateId} AND state = 'paid' AND paid_on < ${from}::date)::text AS spent`.execute(
      db,
    ),
  ]);
  const opening = Number(before.rows[0].income) - Number(before.rows[0].spent);
  const titles = new Map<string, string>();
  for (const id of new Set(spendings.flatMap((x) => (x.matter_id ? [x.matter_id] : []))))
    titles.set(id, (await decisionOf(db, id)).title);
  const incomeNetFen = incomes.reduce((s, i) => s + Number(i.gross_fen) - Number(i.cost_fen), 0);
  const spendingFen = spendings.reduce((s, x) => s + Number(x.amount_fen), 0);
  const bySource: Record<string, number> = {};
  for (const i of incomes) bySource[i.source] = (bySource[i.source] ?? 0) + Number(i.gross_fen) - Number(i.cost_fen);
  return {
    from,
    to,
    openingFen: opening,
    incomeNetFen,
    spendingFen,
    closingFen: opening + incomeNetFen - spendingFen,
    bySource,
    incomes: incomes.map(incomeView),
    spendings: spendings.map((x) => ({
      date: x.paid_on as string,
      item: x.item,
      description: x.description,
      amountFen: Number(x.amount_fen),
      approval:
        x.approval_kind === 'vote' ? `业主表决：${titles.get(x.matter_id as string)}` : (x.resolution as string),
    })),
  };
}

/** A quarter's first and last day: Q1 = January to March. */
export function quarterDates(year: number, quarter: number) {
  const m = (quarter - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, m + 2, 0)).getUTCDate();
  return { from: `${year}-${String(m).padStart(2, '0')}-01`, to: `${year}-${String(m + 2).padStart(2, '0')}-${last}` };
}

/** The desk's view of an estate's public revenue: settings, what the owners' account holds, incomes and spendings. */
export async function publicRevenueBook(db: Executor, ctx: RequestContext, estateId: string) {
  await estateFor(db, ctx, estateId, [...COLLECTORS, ...SPENDERS]);
  const [settings, account, incomes, spendings] = await Promise.all([
    settingsOf(db, estateId),
    db
      .selectFrom('ledger_accounts')
      .select('balance')
      .where('estate_id', '=', estateId)
      .where('code', '=', 'public_bank')
      .executeTakeFirst(),
    db
      .selectFrom('public_incomes')
      .selectAll()
      .where('estate_id', '=', estateId)
      .orderBy('received_on', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('public_spendings')
      .selectAll()
      .where('estate_id', '=', estateId)
      .orderBy('publicized_at', 'desc')
      .limit(200)
      .execute(),
  ]);
  return {
    now: clock.now().toISOString(),
    settings,
    balanceFen: Number(account?.balance ?? 0),
    availableFen: await availableFen(db, estateId),
    incomes: incomes.map((i) => ({ id: i.id, ...incomeView(i) })),
    spendings: spendings.map((x) => ({
      id: x.id,
      item: x.item,
      description: x.description,
      amountFen: Number(x.amount_fen),
      approvalKind: x.approval_kind,
      matterId: x.matter_id,
      resolution: x.resolution,
      state: x.state,
      publicizedAt: x.publicized_at.toISOString(),
      payableFrom: x.payable_from.toISOString(),
      cosigned: x.cosigned_by !== null,
      paidOn: x.paid_on,
      version: x.version,
    })),
  };
}
