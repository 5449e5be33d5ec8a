import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, notFound, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { saveVersioned } from '../../kernel/versioned.ts';
import { effectiveArea, votingUnits } from '../registry/index.ts';
import { committeeMaySpend, decisionOf } from '../voting/index.ts';
import { apportion } from './apportion.ts';
import { estateFor } from './fees.ts';
import { post } from './ledger.ts';

/** The company collects the income; the committee (or the street office and community standing in) spends it. */
const COLLECTORS: Role[] = ['company_admin', 'project_manager'];
const SPENDERS: Role[] = ['committee_member', 'street_office', 'community'];
const DAY = 86_400_000;

async function settingsOf(db: Executor, estateId: string) {
  const s = await db
    .selectFrom('public_revenue_settings')
    .selectAll()
    .where('estate_id', '=', estateId)
    .executeTakeFirst();
  return { coManaged: s?.co_managed ?? false, publicityDays: s?.publicity_days ?? 7, version: s?.version ?? 0 };
}

export async function saveSettings(
  db: Executor,
  ctx: RequestContext,
  estateId: string,
  input: { coManaged: boolean; publicityDays: number; version: number },
) {
  await estateFor(db, ctx, estateId, ['street_office', 'community']);
  const row = { co_managed: input.coManaged, publicity_days: input.publicityDays };
  await saveVersioned(db, 'public_revenue_settings', { estate_id: estateId }, row, input.version);
  await audit(db, ctx, {
    action: 'public_revenue.settings',
    entityType: 'estate',
    entityId: estateId,
    estateId,
    after: row,
  });
  return { ...(await settingsOf(db, estateId)) };
}

/** Income with its evidence: the company's agreed cost share stays with it, the rest goes to the owners' account. */
export async function recordIncome(
  db: Db,
  ctx: RequestContext,
  input: {
    estateId: string;
    source: 'parking' | 'advertising' | 'venue' | 'other';
    description: string;
    grossFen: number;
    costFen: number;
    evidence: string;
    receivedOn: string;
  },
) {
  await estateFor(db, ctx, input.estateId, COLLECTORS);
  if (input.costFen >= input.grossFen) throw new DomainError('finance.cost_share_too_large', 400);
  const net = input.grossFen - input.costFen;
  return db.transaction().execute(async (trx) => {
    const entry = await post(trx, ctx, {
      estateId: input.estateId,
      kind: 'public_income',
      memo: `公共收益：${input.description}`,
      idempotencyKey: `public-income:${input.evidence}:${input.receivedOn}`,
      document: input.evidence,
      legs: [
        { account: { code: 'public_bank' }, amount: net },
        { account: { code: 'public_revenue' }, amount: -net },
      ],
    });
    if (entry.replayed) throw new DomainError('finance.income_recorded', 409);
    const id = newId();
    await trx
      .insertInto('public_incomes')
      .values({
        id,
        estate_id: input.estateId,
        source: input.source,
        description: input.description,
        gross_fen: input.grossFen,
        cost_fen: input.costFen,
        evidence: input.evidence,
        received_on: input.receivedOn,
        entry_id: entry.id,
        recorded_by: ctx.actor.accountId,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'public_revenue.income',
      entityType: 'public_income',
      entityId: id,
      estateId: input.estateId,
      after: input,
    });
    return { id, netFen: net };
  });
}

/**
 * A spending, approved by the owners' vote (its result published, passed) or by a committee decision, goes on
 * 公示 for the estate's publicity period; only after it may the money move.
 */
export async function proposeSpending(
  db: Db,
  ctx: RequestContext,
  input: {
    estateId: string;
    item: string;
    description: string;
    amountFen: number;
    matterId?: string;
    resolution?: string;
  },
) {
  await estateFor(db, ctx, input.estateId, SPENDERS);
  if (input.matterId) {
    const d = await decisionOf(db, input.matterId);
    if (d.estateId !== input.estateId || !d.final || d.outcome !== 'PASS')
      throw new DomainError('finance.approval_invalid', 400);
  } else {
    if (!input.resolution?.trim()) throw new DomainError('finance.approval_required', 400);
    const may = await committeeMaySpend(db, input.estateId, input.amountFen);
    if (!may.allowed)
      throw new DomainError('finance.committee_over_limit', 400, { limit: (may.limitFen / 100).toFixed(2) });
  }
  const available = await availableFen(db, input.estateId);
  if (input.amountFen > available)
    throw new DomainError('finance.spending_exceeds', 409, { available: (available / 100).toFixed(2) });
  const { publicityDays } = await settingsOf(db, input.estateId);
  const now = clock.now();
  const row = {
    id: newId(),
    estate_id: input.estateId,
    item: input.item,
    description: input.description,
    amount_fen: input.amountFen,
    approval_kind: input.matterId ? ('vote' as const) : ('committee' as const),
    matter_id: input.matterId ?? null,
    resolution: input.resolution?.trim() || null,
    publicized_at: now,
    payable_from: new Date(now.getTime() + publicityDays * DAY),
    cosigned_by: null,
    paid_on: null,
    entry_id: null,
    created_by: ctx.actor.accountId,
  };
  await db.insertInto('public_spendings').values(row).execute();
  await audit(db, ctx, {
    action: 'public_revenue.propose',
    entityType: 'public_spending',
    entityId: row.id,
    estateId: input.estateId,
    after: row,
  });
  return { id: row.id, payableFrom: row.payable_from.toISOString(), version: 1 };
}

/** What the owners' account holds less the spendings already on 公示: what a new spending may take. */
async function availableFen(db: Executor, estateId: string) {
  const r = await sql<{ available: string }>`
    SELECT (coalesce((SELECT balance FROM ledger_accounts WHERE estate_id = ${estateId} AND code = 'public_bank'), 0)
      - coalesce((SELECT sum(amount_fen) FROM public_spendings WHERE estate_id = ${estateId} AND state = 'publicized'), 0)
    )::text AS available`.execute(db);
  return Number(r.rows[0].available);
}

/** A spending on 公示 that will not be made (the owners objected, the work fell through) is withdrawn, on record. */
export async function cancelSpending(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; reason: string },
) {
  return db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom('public_spendings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!s) throw notFound('finance.spending_not_found');
    await estateFor(trx, ctx, s.estate_id, SPENDERS);
    if (s.version !== input.version) throw versionConflict();
    if (s.state !== 'publicized') throw new DomainError('finance.spending_state', 409);
    await trx
      .updateTable('public_spendings')
      .set({ state: 'cancelled', version: s.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      action: 'public_revenue.cancel',
      entityType: 'public_spending',
      entityId: id,
      estateId: s.estate_id,
      before: { state: s.state },
      after: { state: 'cancelled', reason: input.reason },
    });
    return { id, state: 'cancelled' as const };
  });
}

/** 共管账户: the community co-signs a payment before it can be made. */
export async function cosign(db: Db, ctx: RequestContext, id: string) {
  const s = await db.selectFrom('public_spendings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound('finance.spending_not_found');
  await estateFor(db, ctx, s.estate_id, ['community']);
  const done = await db
    .updateTable('public_spendings')
    .set((eb) => ({ cosigned_by: ctx.actor.accountId, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('state', '=', 'publicized')
    .where('cosigned_by', 'is', null)
    .executeTakeFirst();
  if (!Number(done.numUpdatedRows)) throw new DomainError('finance.spending_state', 409);
  await audit(db, ctx, {
    action: 'public_revenue.cosign',
    entityType: 'public_spending',
    entityId: id,
    estateId: s.estate_id,
  });
  return { ok: true };
}

export async function paySpending(db: Db, ctx: RequestContext, id: string, version: number) {
  return db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom('public_spendings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!s) throw notFound('finance.spending_not_found');
    await estateFor(trx, ctx, s.estate_id, SPENDERS);
    if (s.version !== version) throw versionConflict();
    if (s.state !== 'publicized') throw new DomainError('finance.spending_state', 409);
    const now = clock.now();
    if (now < s.payable_from)
      throw new DomainError('finance.publicity_running', 409, { until: s.payable_from.toISOString().slice(0, 10) });
    if ((await settingsOf(trx, s.estate_id)).coManaged && !s.cosigned_by)
      throw new DomainError('finance.cosign_needed', 409);
    const entry = await post(trx, ctx, {
      estateId: s.estate_id,
      kind: 'public_spending',
      memo: `公共收益支出：${s.item}`,
      idempotencyKey: `public-spending:${s.id}`,
      document: s.resolution ?? s.matter_id ?? undefined,
      legs: [
        { account: { code: 'public_revenue' }, amount: Number(s.amount_fen) },
        { account: { code: 'public_bank' }, amount: -Number(s.amount_fen) },
      ],
    });
    const paidOn = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await trx
      .updateTable('public_spendings')
      .set({ state: 'paid', paid_on: paidOn, entry_id: entry.id, version: s.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      action: 'public_revenue.pay',
      entityType: 'public_spending',
      entityId: id,
      estateId: s.estate_id,
    });
    return { id, paidOn };
  });
}

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
