import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { unitLabels } from '../registry/index.ts';
import { arrearsSettings, monthsBetween } from './arrears.ts';
import { estateFor, unitFor } from './fees.ts';

/** 恶意拖欠名单: who may list and delist a unit — the company's administrator or the estate's project manager. */
const LISTERS = ['company_admin', 'project_manager'] as const;
const today = () => new Date(clock.nowMs() + 8 * 3_600_000).toISOString().slice(0, 10);

/** What a unit owes, and since which period. */
export async function owedOf(db: Executor, unitId: string) {
  const r = await db
    .selectFrom('bills')
    .select([
      sql<string>`coalesce(sum(amount_fen - paid_fen), 0)::text`.as('fen'),
      sql<string | null>`min(period)`.as('oldest'),
    ])
    .where('unit_id', '=', unitId)
    .where(sql<boolean>`paid_fen < amount_fen`)
    .executeTakeFirstOrThrow();
  return { fen: Number(r.fen), oldest: r.oldest };
}

/**
 * 恶意拖欠: a unit goes on the list only after due process — owing for at least the estate's number of months and
 * after the required written reminders were delivered (both configurable; 6 months and 2 notices by default).
 */
export async function listDefaulter(db: Db, ctx: RequestContext, input: { unitId: string; reason: string }) {
  const unit = await unitFor(db, ctx, input.unitId, LISTERS);
  const listed = await db
    .selectFrom('defaulters')
    .select('id')
    .where('unit_id', '=', unit.unitId)
    .where('removed_on', 'is', null)
    .executeTakeFirst();
  if (listed) throw new DomainError('finance.already_listed', 409);
  const { minMonths, writtenNotices: needed } = await arrearsSettings(db, unit.estateId);
  const owed = await owedOf(db, unit.unitId);
  const nowPeriod = today().slice(0, 7);
  const months = owed.oldest ? monthsBetween(owed.oldest, nowPeriod) : 0;
  const written = await db
    .selectFrom('arrears_notices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unit_id', '=', unit.unitId)
    .where('kind', '=', 'written')
    .executeTakeFirstOrThrow();
  if (months < minMonths || Number(written.n) < needed)
    throw new DomainError('finance.due_process', 409, { minMonths, needed, months, written: Number(written.n) });
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('defaulters')
      .values({
        id,
        estate_id: unit.estateId,
        unit_id: unit.unitId,
        reason: input.reason,
        owed_fen: owed.fen,
        months,
        listed_on: today(),
        listed_by: ctx.actor.accountId,
        removed_on: null,
        removed_why: null,
      })
      .execute();
    await audit(trx, ctx, {
      action: 'arrears.list_defaulter',
      entityType: 'unit',
      entityId: unit.unitId,
      estateId: unit.estateId,
      after: { ...input, owedFen: owed.fen, months },
    });
  });
  return { id, owedFen: owed.fen, months };
}

/** The estate's list, current entries first, each unit labelled. */
export async function listDefaulters(db: Executor, ctx: RequestContext, estateId: string) {
  await estateFor(db, ctx, estateId, [...LISTERS, 'company_staff']);
  const rows = await db
    .selectFrom('defaulters')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy(sql`removed_on IS NULL`, 'desc')
    .orderBy('listed_on', 'desc')
    .limit(1000)
    .execute();
  const labels = await unitLabels(
    db,
    rows.map((r) => r.unit_id),
  );
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    unit: labels.get(r.unit_id) ?? '',
    reason: r.reason,
    owedFen: Number(r.owed_fen),
    months: r.months,
    listedOn: r.listed_on,
    removedOn: r.removed_on,
    removedWhy: r.removed_why,
  }));
}

/** Off the list, with the reason (paid up, an agreement, a court's decision); the entry stays on record. */
export async function removeDefaulter(db: Db, ctx: RequestContext, id: string, reason: string) {
  return db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('defaulters').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!d) throw notFound('finance.defaulter_not_found');
    await estateFor(trx, ctx, d.estate_id, LISTERS);
    if (d.removed_on) throw new DomainError('finance.defaulter_removed', 409);
    await trx
      .updateTable('defaulters')
      .set({ removed_on: today(), removed_why: reason })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      action: 'arrears.delist_defaulter',
      entityType: 'unit',
      entityId: d.unit_id,
      estateId: d.estate_id,
      after: { reason },
    });
    return { id, removedOn: today() };
  });
}
