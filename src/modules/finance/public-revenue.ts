import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, notFound, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { saveVersioned } from '../../kernel/versioned.ts';
import { committeeMaySpend, decisionOf } from '../voting/index.ts';
import { estateFor } from './fees.ts';
import { post } from './ledger.ts';

/** The company collects the income; the committee (or the street office and community standing in) spends it. */
export const COLLECTORS: Role[] = ['company_admin', 'project_manager'];
export const SPENDERS: Role[] = ['committee_member', 'street_office', 'community'];
const DAY = 86_400_000;

export async function settingsOf(db: Executor, estateId: string) {
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
export async function availableFen(db: Executor, estateId: string) {
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
