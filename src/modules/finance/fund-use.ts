import type { Selectable } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import { clock } from '../../kernel/clock.ts';
import type { Database, Db, Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { stepVersioned } from '../../kernel/versioned.ts';
import { effectiveArea, ownerContacts, unitLabels, votingUnits } from '../registry/index.ts';
import { createMatter, decisionOf } from '../voting/index.ts';
import { apportion } from './apportion.ts';
import { estateFor } from './fees.ts';
import { FUND_KEEPERS, unitFundBalances } from './fund.ts';
import { post } from './ledger.ts';
import { tellOwner } from './notices.ts';
import type { Emergency, FundUseState } from './tables.ts';

/**
 * 维修资金的使用: an application names the project, its budget and the units that benefit; the budget is apportioned
 * among them by area to the fen; their owners approve it by vote (art. 278 item 5) — or, in an emergency, the
 * committee or the street office confirms it at once — then the contract, the acceptance, and the disbursement
 * that takes each unit's share from its sub-account.
 */

/** Who applies and follows an application through: the committee, the street office and community, the company. */
export const FUND_APPLICANTS: Role[] = ['committee_member', 'street_office', 'community', 'company_admin'];
/** Who may confirm an emergency use (《住宅专项维修资金管理办法》 art. 29): the committee or the street office. */
export const EMERGENCY_CONFIRMERS: Role[] = ['committee_member', 'street_office'];
/** Who puts an application to the owners: the organisers of their votes (the company may apply, not organise). */
export const VOTE_ORGANISERS: Role[] = ['committee_member', 'street_office', 'community'];

export interface FundUseInput {
  estateId: string;
  project: string;
  description: string;
  budgetFen: number;
  scopeKind: 'estate' | 'buildings' | 'units';
  scopeIds?: string[];
  emergency?: Emergency;
}

export async function applyForFundUse(db: Db, ctx: RequestContext, input: FundUseInput) {
  const estate = await estateFor(db, ctx, input.estateId, FUND_APPLICANTS);
  if (input.scopeKind !== 'estate' && !input.scopeIds?.length) throw new DomainError('voting.scope_required', 400);
  const units = await votingUnits(db, estate.id, {
    buildingIds: input.scopeKind === 'buildings' ? input.scopeIds : undefined,
    unitIds: input.scopeKind === 'units' ? input.scopeIds : undefined,
  });
  if (!units.length) throw new DomainError('voting.roll_empty', 400);
  const areas = units.map((u) => ({ id: u.unitId, area: Number(effectiveArea(u).area) }));
  const shares = apportion(input.budgetFen, areas);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('fund_applications')
      .values({
        id,
        estate_id: estate.id,
        region_path: estate.regionPath,
        project: input.project,
        description: input.description,
        budget_fen: input.budgetFen,
        scope_kind: input.scopeKind,
        scope_ids: input.scopeIds ?? [],
        emergency: input.emergency ?? null,
        matter_id: null,
        confirmed_by: null,
        contractor: null,
        contract_no: null,
        accepted_note: null,
        entry_id: null,
        created_by: ctx.actor.accountId,
      })
      .execute();
    await trx
      .insertInto('fund_shares')
      .values(shares.map((s, i) => ({ application_id: id, unit_id: s.id, area: areas[i].area, fen: s.fen })))
      .execute();
    await audit(trx, ctx, {
      action: 'fund_use.apply',
      entityType: 'fund_application',
      entityId: id,
      estateId: estate.id,
      after: { ...input, units: units.length },
    });
  });
  return getFundUse(db, ctx, id);
}

export async function getFundUse(db: Executor, ctx: RequestContext, id: string) {
  const a = await db.selectFrom('fund_applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound('finance.application_not_found');
  await estateFor(db, ctx, a.estate_id, [...FUND_APPLICANTS, ...FUND_KEEPERS]);
  const rows = await db
    .selectFrom('fund_shares')
    .select(['unit_id as unitId', 'area', 'fen'])
    .where('application_id', '=', id)
    .execute();
  const labels = await unitLabels(
    db,
    rows.map((r) => r.unitId),
  );
  const shares = rows
    .map((r) => ({ ...r, label: labels.get(r.unitId) ?? '' }))
    .sort((x, y) => x.label.localeCompare(y.label, 'zh-CN', { numeric: true }));
  return {
    id: a.id,
    estateId: a.estate_id,
    project: a.project,
    description: a.description,
    budgetFen: Number(a.budget_fen),
    scopeKind: a.scope_kind,
    emergency: a.emergency,
    state: a.state,
    matterId: a.matter_id,
    contractor: a.contractor,
    contractNo: a.contract_no,
    acceptedNote: a.accepted_note,
    entryId: a.entry_id,
    version: a.version,
    createdAt: a.created_at.toISOString(),
    shares: shares.map((s) => ({ ...s, area: Number(s.area), fen: Number(s.fen) })),
  };
}

type FundApplication = Selectable<Database['fund_applications']>;

/** Moves an application from one of `from` to the next state, under a lock; a stale version is a 409. */
async function step(
  db: Db,
  ctx: RequestContext,
  id: string,
  version: number,
  from: FundUseState[],
  roles: Role[],
  change: (
    trx: Executor,
    a: { estate_id: string; emergency: Emergency | null; matter_id: string | null },
  ) => Promise<Record<string, unknown>>,
  action: string,
) {
  await stepVersioned<FundApplication>(db, ctx, 'fund_applications', id, version, {
    admit: (a) => {
      if (!a) throw notFound('finance.application_not_found');
    },
    change: async (a, trx) => {
      await estateFor(trx, ctx, a.estate_id, roles);
      if (!from.includes(a.state)) throw new DomainError('finance.application_state', 409, { state: a.state });
      return { ...(await change(trx, a)), updated_at: clock.now() };
    },
    audit: (a, patch) => ({
      action: `fund_use.${action}`,
      entityType: 'fund_application',
      entityId: id,
      estateId: a.estate_id,
      before: { state: a.state },
      after: patch,
    }),
  });
  return getFundUse(db, ctx, id);
}

/** The owners of the units in scope decide: a vote (art. 278 item 5) drafted with the application's text. */
export const requestApproval = (
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; opensAt: string; closesAt: string },
) =>
  step(
    db,
    ctx,
    id,
    input.version,
    ['draft'],
    VOTE_ORGANISERS,
    async (trx, a) => {
      if (a.emergency) throw new DomainError('finance.emergency_no_vote', 409);
      const app = await trx.selectFrom('fund_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const matter = await createMatter(trx, ctx, {
        estateId: app.estate_id,
        item: 5,
        title: `使用专项维修资金：${app.project}`,
        body: `${app.description}\n\n预算 ${(Number(app.budget_fen) / 100).toFixed(2)} 元，按专有部分面积分摊至受益业主分户账。`,
        scopeKind: app.scope_kind,
        scopeIds: app.scope_ids,
        proposerKind: 'committee',
        opensAt: input.opensAt,
        closesAt: input.closesAt,
      });
      return { state: 'voting', matter_id: matter.id };
    },
    'vote',
  );

/** An emergency: the committee or the street office confirms, and the money may move at once. */
export const confirmEmergency = (db: Db, ctx: RequestContext, id: string, version: number) =>
  step(
    db,
    ctx,
    id,
    version,
    ['draft'],
    EMERGENCY_CONFIRMERS,
    async (_trx, a) => {
      if (!a.emergency) throw new DomainError('finance.not_emergency', 409);
      return { state: 'approved', confirmed_by: ctx.actor.accountId };
    },
    'confirm_emergency',
  );

/** The vote's published result decides: approved on PASS, rejected otherwise. */
export const settleVote = (db: Db, ctx: RequestContext, id: string, version: number) =>
  step(
    db,
    ctx,
    id,
    version,
    ['voting'],
    FUND_APPLICANTS,
    async (trx, a) => {
      const d = await decisionOf(trx, a.matter_id as string);
      if (!d.final) throw new DomainError('finance.vote_not_final', 409);
      return { state: d.outcome === 'PASS' ? 'approved' : 'rejected' };
    },
    'decide',
  );

export const recordContract = (
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; contractor: string; contractNo: string },
) =>
  step(
    db,
    ctx,
    id,
    input.version,
    ['approved'],
    FUND_APPLICANTS,
    async () => ({
      state: 'contracted',
      contractor: input.contractor,
      contract_no: input.contractNo,
    }),
    'contract',
  );

export const recordAcceptance = (db: Db, ctx: RequestContext, id: string, input: { version: number; note: string }) =>
  step(
    db,
    ctx,
    id,
    input.version,
    ['contracted'],
    FUND_APPLICANTS,
    async () => ({
      state: 'accepted',
      accepted_note: input.note,
    }),
    'accept',
  );

/**
 * Pays the project out of the fund: each benefiting unit's share leaves its sub-account, the total leaves the
 * fund's bank account, in one entry. Refused, naming the units, if any sub-account cannot cover its share. Owners
 * whose balance falls below 30 % of their initial deposit get a 续筹 notice. An emergency may be paid at once.
 */
export const disburse = (db: Db, ctx: RequestContext, id: string, version: number) =>
  step(
    db,
    ctx,
    id,
    version,
    ['accepted', 'approved'],
    [...FUND_APPLICANTS, ...FUND_KEEPERS],
    async (trx, a) => {
      const app = await trx.selectFrom('fund_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      if (app.state === 'approved' && !a.emergency)
        throw new DomainError('finance.application_state', 409, { state: app.state });
      const shares = (
        await trx.selectFrom('fund_shares').selectAll().where('application_id', '=', id).execute()
      ).filter((s) => Number(s.fen) > 0);
      const before = await unitFundBalances(
        trx,
        shares.map((s) => s.unit_id),
      );
      const short = shares.filter((s) => (before.find((b) => b.unitId === s.unit_id)?.balanceFen ?? 0) < Number(s.fen));
      if (short.length) {
        const labels = await unitLabels(
          trx,
          short.map((x) => x.unit_id),
        );
        const named = short.slice(0, 10).map((x) => labels.get(x.unit_id) ?? x.unit_id);
        throw new DomainError('finance.fund_insufficient', 409, {
          count: short.length,
          units: `${named.join('、')}${short.length > named.length ? ' …' : ''}`,
        });
      }
      const entry = await post(trx, ctx, {
        estateId: app.estate_id,
        kind: a.emergency ? 'fund_emergency_use' : 'fund_use',
        memo: `维修资金使用：${app.project}`,
        idempotencyKey: `fund-use:${id}`,
        document: app.contract_no ?? undefined,
        legs: [
          ...shares.map((s) => ({ account: { code: 'fund_unit' as const, unitId: s.unit_id }, amount: Number(s.fen) })),
          { account: { code: 'fund_bank' as const }, amount: -Number(app.budget_fen) },
        ],
      });
      const low = (
        await unitFundBalances(
          trx,
          shares.map((s) => s.unit_id),
        )
      ).filter((b) => b.low);
      await remindToRedeposit(
        trx,
        low.map((b) => b.unitId),
      );
      return { state: 'disbursed', entry_id: entry.id };
    },
    'disburse',
  );

/** 续筹通知 to the owners (their accounts in the app, else by SMS) of units whose fund ran low. */
async function remindToRedeposit(trx: Executor, unitIds: string[]) {
  for (const o of await ownerContacts(trx, unitIds))
    await tellOwner(trx, o, 'finance.redeposit_notice', { unit: o.label });
}

/** An estate's applications, newest first, for the desks that follow them. */
export async function listFundUses(db: Executor, ctx: RequestContext, estateId: string) {
  await estateFor(db, ctx, estateId, [...FUND_APPLICANTS, ...FUND_KEEPERS]);
  const rows = await db
    .selectFrom('fund_applications')
    .select(['id', 'project', 'budget_fen', 'scope_kind', 'emergency', 'state', 'matter_id', 'version', 'created_at'])
    .where('estate_id', '=', estateId)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    project: r.project,
    budgetFen: Number(r.budget_fen),
    scopeKind: r.scope_kind,
    emergency: r.emergency,
    state: r.state,
    matterId: r.matter_id,
    version: r.version,
    createdAt: r.created_at.toISOString(),
  }));
}
