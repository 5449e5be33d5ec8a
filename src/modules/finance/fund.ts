import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { saveVersioned } from '../../kernel/versioned.ts';
import {
  activeOwnersCommittee,
  coversEstate,
  effectiveArea,
  estatesInView,
  unitIdsOf,
  unitsOfPerson,
  votingUnits,
} from '../registry/index.ts';
import { estateFor, unitFor } from './fees.ts';
import { post } from './ledger.ts';

/** The housing authority keeps the fund (and takes deposits) until the owners' assembly takes it over. */
export const FUND_KEEPERS: Role[] = ['city_regulator', 'district_regulator'];

export async function listFundRates(db: Executor) {
  const rows = await db.selectFrom('fund_rates').selectAll().orderBy('use').execute();
  return rows.map((r) => ({ use: r.use, rateFen: r.rate_fen, version: r.version }));
}

export async function saveFundRate(db: Executor, ctx: RequestContext, use: string, rateFen: number, version: number) {
  return db.transaction().execute(async (trx) => {
    const saved = await saveVersioned(
      trx,
      'fund_rates',
      { use },
      { rate_fen: rateFen, updated_by: ctx.actor.accountId, updated_at: clock.now() },
      version,
    );
    await audit(trx, ctx, { action: 'fund_rate.save', entityType: 'fund_rate', entityId: use, after: { rateFen } });
    return { use, rateFen, version: saved };
  });
}

/** Area (0.01 m²) × fen per m², rounded half up to the fen. */
export const depositFor = (area: number, rateFen: number) =>
  Number((2n * BigInt(area) * BigInt(rateFen) + 100n) / 200n);

/**
 * A deposit paid into a unit's sub-account, with the bank's voucher: the initial one (building area × the city's
 * rate for the unit's use, once per unit) or a re-deposit (续筹) of a given amount. The same voucher is one deposit.
 */
export async function recordDeposit(
  db: Db,
  ctx: RequestContext,
  input: { unitId: string; kind: 'initial' | 'redeposit'; voucher: string; amountFen?: number },
) {
  const unit = await unitFor(db, ctx, input.unitId, FUND_KEEPERS);
  const { area } = effectiveArea(unit);
  let rate = 0;
  let amount = input.amountFen ?? 0;
  if (input.kind === 'initial') {
    const r = await db.selectFrom('fund_rates').select('rate_fen').where('use', '=', unit.use).executeTakeFirst();
    if (!r) throw new DomainError('finance.fund_rate_missing', 400, { use: unit.use });
    rate = r.rate_fen;
    amount = depositFor(Number(area), rate);
  } else if (!amount) throw new DomainError('ledger.amount_invalid', 400);
  return db.transaction().execute(async (trx) => {
    const again = await trx
      .selectFrom('fund_deposits')
      .selectAll()
      .where('estate_id', '=', unit.estateId)
      .where('voucher', '=', input.voucher)
      .executeTakeFirst();
    if (again) {
      if (again.unit_id !== unit.unitId || Number(again.amount_fen) !== amount)
        throw new DomainError('finance.voucher_used', 409, { voucher: input.voucher });
      return { id: again.id, amountFen: amount, replayed: true };
    }
    if (input.kind === 'initial') {
      const paid = await trx
        .selectFrom('fund_deposits')
        .select('id')
        .where('unit_id', '=', unit.unitId)
        .where('kind', '=', 'initial')
        .executeTakeFirst();
      if (paid) throw new DomainError('finance.initial_deposit_paid', 409);
    }
    const entry = await post(trx, ctx, {
      estateId: unit.estateId,
      kind: input.kind === 'initial' ? 'fund_deposit' : 'fund_redeposit',
      memo: input.kind === 'initial' ? '首期维修资金' : '续筹维修资金',
      idempotencyKey: `fund-deposit:${input.voucher}`,
      document: input.voucher,
      legs: [
        { account: { code: 'fund_bank' }, amount },
        { account: { code: 'fund_unit', unitId: unit.unitId }, amount: -amount },
      ],
    });
    const id = newId();
    await trx
      .insertInto('fund_deposits')
      .values({
        id,
        estate_id: unit.estateId,
        unit_id: unit.unitId,
        kind: input.kind,
        area: Number(area),
        rate_fen: rate,
        amount_fen: amount,
        voucher: input.voucher,
        entry_id: entry.id,
        paid_at: clock.now(),
      })
      .execute();
    await audit(trx, ctx, {
      action: 'fund.deposit',
      entityType: 'unit',
      entityId: unit.unitId,
      estateId: unit.estateId,
      after: { kind: input.kind, amountFen: amount, voucher: input.voucher },
    });
    return { id, amountFen: amount, replayed: false };
  });
}

/**
 * Each unit's fund balance (on its own, credit side: what the owners have in it) beside its initial deposit, for
 * the units given; `low` when below 30 % of the initial deposit, the line for a 续筹 notice.
 */
export async function unitFundBalances(db: Executor, unitIds: string[]) {
  if (!unitIds.length) return [];
  const rows = await sql<{ unit_id: string; balance: string; initial: string | null }>`
    SELECT u.id AS unit_id, coalesce(-a.balance, 0)::text AS balance, d.amount_fen::text AS initial
    FROM unnest(${unitIds}::uuid[]) AS u(id)
    LEFT JOIN ledger_accounts a ON a.unit_id = u.id AND a.code = 'fund_unit'
    LEFT JOIN fund_deposits d ON d.unit_id = u.id AND d.kind = 'initial'`.execute(db);
  return rows.rows.map((r) => {
    const balance = Number(r.balance);
    const initial = r.initial === null ? null : Number(r.initial);
    // 30 % by cross-multiplication: 10 × balance < 3 × initial
    return {
      unitId: r.unit_id,
      balanceFen: balance,
      initialFen: initial,
      low: initial !== null && 10 * balance < 3 * initial,
    };
  });
}

/** The owner's view: each of their units' balance and its movements, newest first. */
export async function myFund(db: Executor, ctx: RequestContext) {
  if (!ctx.actor.personId) throw forbidden();
  const units = (await unitsOfPerson(db, ctx.actor.personId)).map((u) => ({
    id: u.unitId,
    estateId: u.estateId,
    label: `${u.estateName} ${u.label}`,
  }));
  const balances = await unitFundBalances(
    db,
    units.map((u) => u.id),
  );
  return Promise.all(
    units.map(async (u) => {
      const history = await sql<{ posted_at: Date; kind: string; memo: string; amount: string }>`
        SELECT e.posted_at, e.kind, e.memo, (-l.amount)::text AS amount
        FROM ledger_accounts a
        JOIN journal_entries e ON e.account_ids @> ARRAY[a.id]
        CROSS JOIN LATERAL unnest(e.account_ids, e.amounts) AS l(id, amount)
        WHERE a.unit_id = ${u.id} AND a.code = 'fund_unit' AND l.id = a.id
        ORDER BY e.posted_at DESC LIMIT 100`.execute(db);
      return {
        unitId: u.id,
        estateId: u.estateId,
        label: u.label,
        ...balances.find((b) => b.unitId === u.id),
        history: history.rows.map((h) => ({
          at: h.posted_at.toISOString(),
          kind: h.kind,
          memo: h.memo,
          amountFen: Number(h.amount),
        })),
      };
    }),
  );
}

/** The regulator's and committee's view of an estate's fund: its total, who keeps it, units running low. */
/** Who reads an estate's fund: the authority, the street office and community, the committee, the company. */
const FUND_VIEWERS: Role[] = [...FUND_KEEPERS, 'street_office', 'community', 'committee_member', 'company_admin'];

export async function estateFund(db: Executor, ctx: RequestContext, estateId: string) {
  await estateFor(db, ctx, estateId, FUND_VIEWERS);
  const [bank, custody, units] = await Promise.all([
    db
      .selectFrom('ledger_accounts')
      .select('balance')
      .where('estate_id', '=', estateId)
      .where('code', '=', 'fund_bank')
      .executeTakeFirst(),
    db.selectFrom('fund_custody').selectAll().where('estate_id', '=', estateId).executeTakeFirst(),
    unitIdsOf(db, estateId),
  ]);
  const balances = await unitFundBalances(db, units);
  return {
    estateId,
    totalFen: Number(bank?.balance ?? 0),
    custodian: custody?.custodian ?? 'authority',
    account: custody?.account ?? null,
    transferredAt: custody?.transferred_at?.toISOString() ?? null,
    resolution: custody?.resolution ?? null,
    units: balances.length,
    deposited: balances.filter((b) => b.initialFen !== null).length,
    low: balances.filter((b) => b.low).map((b) => b.unitId),
  };
}

/** Who oversees funds across estates: the housing authority, and the street office and community below it. */
export const FUND_OVERSEERS: Role[] = [...FUND_KEEPERS, 'street_office', 'community'];

/**
 * The regulator's overview: every estate in the caller's region with its fund total, who keeps it, how many units
 * have made their initial deposit and how many have fallen below 30 % of it (the 续筹 line).
 */
export async function fundOverview(db: Executor, ctx: RequestContext) {
  const estates = (await estatesInView(db, ctx.actor)).filter((e) =>
    coversEstate(ctx.actor, FUND_OVERSEERS, { id: e.id, region_path: e.regionPath, company_id: e.companyId }),
  );
  if (!estates.length) return { totalFen: 0, estates: [] };
  const { rows } = await sql<{ estate_id: string; total: string; custodian: string; deposited: string; low: string }>`
    SELECT e.id AS estate_id, coalesce(b.balance, 0)::text AS total, coalesce(c.custodian, 'authority') AS custodian,
      coalesce(d.deposited, 0)::text AS deposited, coalesce(d.low, 0)::text AS low
    FROM unnest(${estates.map((e) => e.id)}::uuid[]) AS e(id)
    LEFT JOIN ledger_accounts b ON b.estate_id = e.id AND b.code = 'fund_bank'
    LEFT JOIN fund_custody c ON c.estate_id = e.id
    LEFT JOIN LATERAL (
      SELECT count(*) AS deposited, count(*) FILTER (WHERE 10 * coalesce(-a.balance, 0) < 3 * d.amount_fen) AS low
      FROM fund_deposits d
      LEFT JOIN ledger_accounts a ON a.unit_id = d.unit_id AND a.code = 'fund_unit'
      WHERE d.estate_id = e.id AND d.kind = 'initial'
    ) d ON true`.execute(db);
  const byId = new Map(rows.map((r) => [r.estate_id, r]));
  const list = estates.map((e) => {
    const r = byId.get(e.id);
    return {
      estateId: e.id,
      code: e.code,
      name: e.name,
      totalFen: Number(r?.total ?? 0),
      custodian: (r?.custodian ?? 'authority') as 'authority' | 'assembly',
      deposited: Number(r?.deposited ?? 0),
      low: Number(r?.low ?? 0),
    };
  });
  return { totalFen: list.reduce((s, e) => s + e.totalFen, 0), estates: list };
}

/**
 * 移交: once the estate's owners have an assembly acting through a serving committee, the housing authority hands
 * the fund over to the account the assembly named. The money and its per-unit sub-accounts stay as they are; what
 * changes is who keeps them, and that is recorded once, with the assembly's resolution.
 */
export async function transferCustody(
  db: Db,
  ctx: RequestContext,
  estateId: string,
  input: { resolution: string; account: string },
) {
  await estateFor(db, ctx, estateId, FUND_KEEPERS);
  const committee = await activeOwnersCommittee(db, estateId);
  if (!committee) throw new DomainError('finance.no_assembly', 409);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('fund_custody')
      .values({ estate_id: estateId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const now = await trx
      .selectFrom('fund_custody')
      .select('custodian')
      .where('estate_id', '=', estateId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (now.custodian === 'assembly') throw new DomainError('finance.custody_transferred', 409);
    const after = {
      custodian: 'assembly' as const,
      account: input.account,
      resolution: input.resolution,
      committee_id: committee.id,
      transferred_by: ctx.actor.accountId,
      transferred_at: clock.now(),
    };
    await trx.updateTable('fund_custody').set(after).where('estate_id', '=', estateId).execute();
    await audit(trx, ctx, {
      action: 'fund.custody_transfer',
      entityType: 'estate',
      entityId: estateId,
      estateId,
      before: { custodian: 'authority' },
      after,
    });
  });
  return estateFund(db, ctx, estateId);
}

/** Each unit's balance beside its initial deposit, for one building or the whole estate: the desk's 分户账 list. */
export async function estateFundUnits(db: Executor, ctx: RequestContext, estateId: string, buildingId?: string) {
  await estateFor(db, ctx, estateId, FUND_VIEWERS);
  const units = await votingUnits(db, estateId, buildingId ? { buildingIds: [buildingId] } : {});
  const balances = new Map(
    (
      await unitFundBalances(
        db,
        units.map((u) => u.unitId),
      )
    ).map((b) => [b.unitId, b]),
  );
  return units
    .map((u) => ({
      unitId: u.unitId,
      buildingId: u.buildingId,
      label: u.label,
      area: Number(effectiveArea(u).area),
      balanceFen: balances.get(u.unitId)?.balanceFen ?? 0,
      initialFen: balances.get(u.unitId)?.initialFen ?? null,
      low: balances.get(u.unitId)?.low ?? false,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true }));
}
