import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import { accountNames } from '../../kernel/auth/accounts.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, notFound, versionConflict } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { unitLabels } from '../registry/index.ts';
import { owedOf } from './defaulters.ts';
import { estateFor, unitFor } from './fees.ts';
import { post } from './ledger.ts';

/**
 * 退款: what a unit holds as prepayment (paid ahead, or overpaid) goes back to its owner in two hands. The desk
 * requests it; a company administrator or project manager other than the requester approves, and only then is the
 * money booked out (prepayment down, bank or till down) in one entry. A refund larger than the prepayment left at
 * that moment is refused by the ledger itself, so two approvals racing for the same money cannot both pass.
 */

const REQUESTERS: Role[] = ['company_admin', 'company_staff', 'project_manager'];
const APPROVERS: Role[] = ['company_admin', 'project_manager'];

/** A unit's prepayment: the credit its owner holds with the company, in fen. */
export async function prepaymentOf(db: Executor, unitId: string): Promise<number> {
  const a = await db
    .selectFrom('ledger_accounts')
    .select('balance')
    .where('unit_id', '=', unitId)
    .where('code', '=', 'prepayments')
    .executeTakeFirst();
  return -Number(a?.balance ?? 0);
}

export async function requestRefund(
  db: Db,
  ctx: RequestContext,
  input: { unitId: string; amountFen: number; channel: 'cash' | 'transfer'; reason: string },
) {
  const unit = await unitFor(db, ctx, input.unitId, REQUESTERS);
  const held = await prepaymentOf(db, unit.unitId);
  if (input.amountFen > held) throw new DomainError('finance.refund_exceeds', 400, { held: (held / 100).toFixed(2) });
  const row = {
    id: newId(),
    estate_id: unit.estateId,
    unit_id: unit.unitId,
    amount_fen: input.amountFen,
    channel: input.channel,
    reason: input.reason,
    requested_by: ctx.actor.accountId as string,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('refunds').values(row).execute();
    await audit(trx, ctx, {
      action: 'refund.request',
      entityType: 'refund',
      entityId: row.id,
      estateId: unit.estateId,
      after: row,
    });
  });
  return refundOf(db, row.id);
}

/** Approve (the money goes out now) or reject, once, by someone other than the requester. */
export async function decideRefund(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; approve: boolean; note?: string },
) {
  await db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('refunds').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw notFound('finance.refund_not_found');
    await estateFor(trx, ctx, r.estate_id, APPROVERS);
    if (r.version !== input.version) throw versionConflict();
    if (r.state !== 'requested') throw new DomainError('finance.refund_decided', 409);
    if (r.requested_by === ctx.actor.accountId) throw new DomainError('finance.refund_same_person', 403);
    let entryId: string | null = null;
    if (input.approve) {
      const held = await prepaymentOf(trx, r.unit_id);
      if (Number(r.amount_fen) > held)
        throw new DomainError('finance.refund_exceeds', 409, { held: (held / 100).toFixed(2) });
      const entry = await post(trx, ctx, {
        estateId: r.estate_id,
        kind: 'refund',
        memo: `退款：${r.reason}`,
        idempotencyKey: `refund:${r.id}`,
        legs: [
          { account: { code: 'prepayments', unitId: r.unit_id }, amount: Number(r.amount_fen) },
          { account: { code: r.channel === 'cash' ? 'cash' : 'bank' }, amount: -Number(r.amount_fen) },
        ],
      }).catch((err: unknown) => {
        // The prepayment was checked above, so a refusal here is the till (or bank account) running short.
        if ((err as DomainError).code === 'ledger.insufficient_balance')
          throw new DomainError(r.channel === 'cash' ? 'finance.refund_cash_short' : 'finance.refund_bank_short', 409);
        throw err;
      });
      entryId = entry.id;
    }
    const patch = {
      state: input.approve ? ('refunded' as const) : ('rejected' as const),
      decided_by: ctx.actor.accountId,
      decided_note: input.note ?? null,
      decided_at: clock.now(),
      entry_id: entryId,
      version: r.version + 1,
    };
    await trx.updateTable('refunds').set(patch).where('id', '=', id).execute();
    await audit(trx, ctx, {
      action: input.approve ? 'refund.approve' : 'refund.reject',
      entityType: 'refund',
      entityId: id,
      estateId: r.estate_id,
      before: { state: r.state },
      after: patch,
    });
  });
  return refundOf(db, id);
}

async function refundOf(db: Executor, id: string) {
  const [r] = await present(db, await refundRows(db).where('id', '=', id).execute());
  if (!r) throw notFound('finance.refund_not_found');
  return r;
}

const refundRows = (db: Executor) =>
  db
    .selectFrom('refunds')
    .select([
      'id',
      'unit_id as unitId',
      sql<number>`amount_fen::float8`.as('amountFen'),
      'channel',
      'reason',
      'state',
      'requested_by as requestedBy',
      'decided_by as decidedBy',
      'decided_note as decidedNote',
      'entry_id as entryId',
      'version',
      'created_at as createdAt',
    ]);

/** Each refund with its unit's label and the names of who asked and who decided. */
async function present<T extends { unitId: string; requestedBy: string; decidedBy: string | null }>(
  db: Executor,
  rows: T[],
) {
  const [labels, names] = await Promise.all([
    unitLabels(
      db,
      rows.map((r) => r.unitId),
    ),
    accountNames(
      db,
      rows.flatMap((r) => [r.requestedBy, r.decidedBy]),
    ),
  ]);
  return rows.map((r) => ({
    ...r,
    unit: labels.get(r.unitId) ?? '',
    requestedByName: names.get(r.requestedBy) ?? null,
    decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
  }));
}

export async function listRefunds(db: Executor, ctx: RequestContext, estateId: string) {
  await estateFor(db, ctx, estateId, REQUESTERS);
  return present(
    db,
    await refundRows(db).where('estate_id', '=', estateId).orderBy('created_at', 'desc').limit(500).execute(),
  );
}

/** What the desk sees of a unit before taking or refunding money: what it owes and what it holds in advance. */
export async function unitAccount(db: Executor, ctx: RequestContext, unitId: string) {
  const unit = await unitFor(db, ctx, unitId, REQUESTERS);
  const [owed, prepaymentFen] = await Promise.all([owedOf(db, unit.unitId), prepaymentOf(db, unit.unitId)]);
  return { unitId: unit.unitId, unit: unit.label, owedFen: owed.fen, oldestUnpaid: owed.oldest, prepaymentFen };
}
