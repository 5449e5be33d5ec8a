import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { saveVersioned } from '../../kernel/versioned.ts';
import { ownerContacts, unitLabels } from '../registry/index.ts';
import { lateFee, periodDays } from './billing.ts';
import { owedOf } from './defaulters.ts';
import { estateFor, unitFor } from './fees.ts';
import { tellOwner } from './notices.ts';
import { financePolicy as P } from './policy.ts';

const COLLECTORS: Role[] = ['company_admin', 'project_manager', 'company_staff'];
const today = () => new Date(clock.nowMs() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Whole months from a bill's period to the period `asOf` ('YYYY-MM'): a bill of the same month is 0 months old. */
export const monthsBetween = (period: string, asOf: string) =>
  (Number(asOf.slice(0, 4)) - Number(period.slice(0, 4))) * 12 + Number(asOf.slice(5, 7)) - Number(period.slice(5, 7));

/** Aging buckets: 0–3, 3–6, 6–12 and 12+ months, by the age of each unpaid bill. */
export const BUCKETS = [
  { key: 'm0_3', from: 0, to: 3 },
  { key: 'm3_6', from: 3, to: 6 },
  { key: 'm6_12', from: 6, to: 12 },
  { key: 'm12', from: 12, to: Number.POSITIVE_INFINITY },
] as const;

/** The estate's due process for the non-payer list, and the contract's late-fee clause (none: no late fees). */
export async function arrearsSettings(db: Executor, estateId: string) {
  const s = await db.selectFrom('arrears_settings').selectAll().where('estate_id', '=', estateId).executeTakeFirst();
  return {
    minMonths: s?.min_months ?? 6,
    writtenNotices: s?.written_notices ?? 2,
    lateFee: s?.late_fee_clause
      ? { clause: s.late_fee_clause, bpPerDay: s.late_fee_bp_per_day as number, graceDays: s.late_fee_grace_days }
      : null,
    version: s?.version ?? 0,
  };
}

/** The company records what its contract says; a late fee needs the clause that allows it. */
export async function saveArrearsSettings(
  db: Executor,
  ctx: RequestContext,
  estateId: string,
  input: {
    minMonths: number;
    writtenNotices: number;
    lateFee: { clause: string; bpPerDay: number; graceDays: number } | null;
    version: number;
  },
) {
  await estateFor(db, ctx, estateId, ['company_admin', 'project_manager']);
  const row = {
    min_months: input.minMonths,
    written_notices: input.writtenNotices,
    late_fee_clause: input.lateFee?.clause.trim() || null,
    late_fee_bp_per_day: input.lateFee?.clause.trim() ? input.lateFee.bpPerDay : null,
    late_fee_grace_days: input.lateFee?.graceDays ?? 0,
  };
  await saveVersioned(db, 'arrears_settings', { estate_id: estateId }, row, input.version);
  await audit(db, ctx, { action: 'arrears.settings', entityType: 'estate', entityId: estateId, estateId, after: row });
  return arrearsSettings(db, estateId);
}

/**
 * Each unit's unpaid amounts by age as of a period, largest first; the totals by bucket; and, where the contract
 * has a late-fee clause, the 违约金 accrued to the end of that period (or today, if sooner) — shown, not billed.
 */
export async function arrearsAging(db: Executor, ctx: RequestContext, estateId: string, asOf: string) {
  await estateFor(db, ctx, estateId, P.readFees);
  const { lateFee: clause } = await arrearsSettings(db, estateId);
  const asOfDate = [today(), periodDays(asOf).end].sort()[0];
  const { rows } = await sql<{ unit_id: string; period: string; owed: string }>`
    SELECT unit_id, period, sum(amount_fen - paid_fen)::text AS owed FROM bills
    WHERE estate_id = ${estateId} AND paid_fen < amount_fen AND period <= ${asOf}
    GROUP BY unit_id, period`.execute(db);
  const [labels, notices, listed] = await Promise.all([
    unitLabels(
      db,
      rows.map((r) => r.unit_id),
    ),
    db
      .selectFrom('arrears_notices')
      .select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('estate_id', '=', estateId)
      .where('kind', '=', 'written')
      .groupBy('unit_id')
      .execute(),
    db
      .selectFrom('defaulters')
      .select('unit_id')
      .where('estate_id', '=', estateId)
      .where('removed_on', 'is', null)
      .execute(),
  ]);
  const written = new Map(notices.map((n) => [n.unit_id, Number(n.n)]));
  const onList = new Set(listed.map((d) => d.unit_id));
  const units = new Map<
    string,
    {
      unitId: string;
      label: string;
      totalFen: number;
      lateFeeFen: number;
      writtenNotices: number;
      listed: boolean;
      oldest: string;
      buckets: Record<string, number>;
    }
  >();
  const totals: Record<string, number> = Object.fromEntries(BUCKETS.map((b) => [b.key, 0]));
  for (const r of rows) {
    const age = monthsBetween(r.period, asOf);
    const bucket = BUCKETS.find((b) => age >= b.from && age < b.to)?.key as string;
    const u = units.get(r.unit_id) ?? {
      unitId: r.unit_id,
      label: labels.get(r.unit_id) ?? '',
      totalFen: 0,
      lateFeeFen: 0,
      writtenNotices: written.get(r.unit_id) ?? 0,
      listed: onList.has(r.unit_id),
      oldest: r.period,
      buckets: Object.fromEntries(BUCKETS.map((b) => [b.key, 0])),
    };
    const owed = Number(r.owed);
    u.totalFen += owed;
    u.buckets[bucket] += owed;
    if (clause) u.lateFeeFen += lateFee(owed, r.period, asOfDate, clause.bpPerDay, clause.graceDays);
    if (r.period < u.oldest) u.oldest = r.period;
    totals[bucket] += owed;
    units.set(r.unit_id, u);
  }
  const list = [...units.values()].sort((a, b) => b.totalFen - a.totalFen || a.label.localeCompare(b.label));
  return {
    asOf,
    totals,
    totalFen: list.reduce((s, u) => s + u.totalFen, 0),
    lateFee: clause && { ...clause, asOf: asOfDate, totalFen: list.reduce((s, u) => s + u.lateFeeFen, 0) },
    units: list,
  };
}

/** Reminders through the outbox to the owners of every unit owing since at least `minMonths` months. */
export async function sendReminders(db: Db, ctx: RequestContext, estateId: string, asOf: string, minMonths = 0) {
  const aging = await arrearsAging(db, ctx, estateId, asOf);
  const due = aging.units.filter((u) => monthsBetween(u.oldest, asOf) >= minMonths);
  return db.transaction().execute(async (trx) => {
    const owners = await ownerContacts(
      trx,
      due.map((u) => u.unitId),
    );
    let sent = 0;
    for (const u of due) {
      const o = owners.find((x) => x.unitId === u.unitId);
      const params = { unit: u.label, yuan: (u.totalFen / 100).toFixed(2), since: u.oldest };
      if (!o || !(await tellOwner(trx, o, 'finance.arrears_reminder', params))) continue;
      await trx
        .insertInto('arrears_notices')
        .values({
          id: newId(),
          estate_id: estateId,
          unit_id: u.unitId,
          kind: 'message',
          owed_fen: u.totalFen,
          delivered_on: today(),
          evidence: null,
          recorded_by: ctx.actor.accountId,
        })
        .execute();
      sent += 1;
    }
    await audit(trx, ctx, {
      action: 'arrears.remind',
      entityType: 'estate',
      entityId: estateId,
      estateId,
      after: { asOf, sent },
    });
    return { sent };
  });
}

/** A written reminder (催缴函) delivered, with its proof of delivery: the due process the non-payer list requires. */
export async function recordWrittenNotice(
  db: Executor,
  ctx: RequestContext,
  input: { unitId: string; deliveredOn: string; evidence: string },
) {
  const unit = await unitFor(db, ctx, input.unitId, COLLECTORS);
  const owed = await owedOf(db, unit.unitId);
  if (!owed.fen) throw new DomainError('finance.nothing_owed', 400);
  const id = newId();
  await db
    .insertInto('arrears_notices')
    .values({
      id,
      estate_id: unit.estateId,
      unit_id: unit.unitId,
      kind: 'written',
      owed_fen: owed.fen,
      delivered_on: input.deliveredOn,
      evidence: input.evidence,
      recorded_by: ctx.actor.accountId,
    })
    .execute();
  await audit(db, ctx, {
    action: 'arrears.written_notice',
    entityType: 'unit',
    entityId: unit.unitId,
    estateId: unit.estateId,
    after: input,
  });
  return { id };
}
