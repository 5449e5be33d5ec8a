import type { Selectable } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import { accountNames } from '../../kernel/auth/accounts.ts';
import type { Role } from '../../kernel/auth/roles.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { stepVersioned } from '../../kernel/versioned.ts';
import { coversEstate, estatePlace, namesOf } from '../registry/index.ts';
import type { DisputeKind, DisputeState, Level, MediationTables } from './mediation-tables.ts';
import { today } from './records.ts';

/**
 * 三级调解: a dispute is mediated where it is brought — by the community, the street office or the district's
 * committee — and goes up a level when the one below cannot settle it. It ends mediated (with the agreement),
 * withdrawn or failed; a failed or unsettled one may be referred to the court (诉调对接), which files it and ends
 * it by its own mediation, a judgment or a withdrawal.
 */

const LEVELS: Level[] = ['community', 'street', 'district'];
const HANDLER: Record<Level, Role> = {
  community: 'community',
  street: 'street_office',
  district: 'district_regulator',
};
export const MEDIATORS: Role[] = ['community', 'street_office', 'district_regulator'];
/** The court docking is the street office's and the district's. */
export const COURT_DESK: Role[] = ['street_office', 'district_regulator'];
export const MEDIATION_READERS: Role[] = [...MEDIATORS, 'city_regulator'];

type Dispute = Selectable<MediationTables['disputes']>;
const ref = (d: { estate_id: string; region_path: string }) => ({
  id: d.estate_id,
  region_path: d.region_path,
  company_id: null,
});

/** The level a mediator brings a dispute in at: the lowest their roles over the estate reach. */
function levelOf(ctx: RequestContext, estate: { id: string; regionPath: string }): Level | undefined {
  return LEVELS.find((l) =>
    coversEstate(ctx.actor, [HANDLER[l]], { id: estate.id, region_path: estate.regionPath, company_id: null }),
  );
}

export async function openDispute(
  db: Db,
  ctx: RequestContext,
  input: { estateId: string; kind: DisputeKind; applicant: string; respondent: string; claims: string },
) {
  const estate = await estatePlace(db, input.estateId);
  const level = levelOf(ctx, estate);
  if (!level) throw forbidden();
  const row = {
    id: newId(),
    estate_id: estate.id,
    region_path: estate.regionPath,
    kind: input.kind,
    applicant: input.applicant,
    respondent: input.respondent,
    claims: input.claims,
    level,
    agreement: null,
    court: null,
    case_no: null,
    referral_id: null,
    closed_on: null,
    created_by: ctx.actor.accountId,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('disputes').values(row).execute();
    await event(trx, ctx, row.id, 'opened', level, today(), null);
    await audit(trx, ctx, {
      action: 'dispute.open',
      entityType: 'dispute',
      entityId: row.id,
      estateId: estate.id,
      after: row,
    });
  });
  return getDispute(db, ctx, row.id);
}

const event = (
  trx: Executor,
  ctx: RequestContext,
  disputeId: string,
  kind: string,
  level: Level,
  onDate: string,
  note: string | null,
) =>
  trx
    .insertInto('dispute_events')
    .values({ id: newId(), dispute_id: disputeId, kind, level, on_date: onDate, note, by_account: ctx.actor.accountId })
    .execute();

/**
 * One step on a dispute, under a row lock and its version: `may` says who (the mediator of its current level, or
 * the court desk), `change` what changes; an event and an audit entry record it.
 */
async function step(
  db: Db,
  ctx: RequestContext,
  id: string,
  version: number,
  may: (d: Dispute) => Role[],
  from: DisputeState[],
  change: (d: Dispute) => { patch: Partial<Dispute>; kind: string; note: string | null; onDate?: string },
) {
  let kind = '';
  await stepVersioned<Dispute>(db, ctx, 'disputes', id, version, {
    admit: (d) => {
      if (!d || !coversEstate(ctx.actor, MEDIATION_READERS, ref(d))) throw notFound('mediation.not_found');
      if (!coversEstate(ctx.actor, may(d), ref(d))) throw forbidden();
    },
    change: async (d, trx) => {
      if (!from.includes(d.state))
        throw new DomainError('mediation.state', 409, { state: `mediation.state.${d.state}` });
      const c = change(d);
      kind = c.kind;
      await event(trx, ctx, id, c.kind, c.patch.level ?? d.level, c.onDate ?? today(), c.note);
      return c.patch;
    },
    audit: (d, patch) => ({
      action: `dispute.${kind}`,
      entityType: 'dispute',
      entityId: id,
      estateId: d.estate_id,
      before: { state: d.state, level: d.level },
      after: patch,
    }),
  });
  return getDispute(db, ctx, id);
}

const atItsLevel = (d: Dispute) => [HANDLER[d.level]];

export const recordSession = (
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; onDate: string; note: string },
) =>
  step(db, ctx, id, input.version, atItsLevel, ['open'], () => ({
    patch: {},
    kind: 'session',
    note: input.note,
    onDate: input.onDate,
  }));

/** Up one level: community → street → the district's committee, which is the last. */
export const escalate = (db: Db, ctx: RequestContext, id: string, input: { version: number; reason: string }) =>
  step(db, ctx, id, input.version, atItsLevel, ['open'], (d) => {
    const next = LEVELS[LEVELS.indexOf(d.level) + 1];
    if (!next) throw new DomainError('mediation.top_level', 409);
    return { patch: { level: next }, kind: 'escalated', note: input.reason };
  });

/** Ends the mediation: mediated (with the 调解协议), withdrawn by the applicant, or failed. */
export const closeDispute = (
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; outcome: 'mediated' | 'withdrawn' | 'failed'; agreement?: string; note?: string },
) =>
  step(db, ctx, id, input.version, atItsLevel, ['open'], () => {
    if (input.outcome === 'mediated' && !input.agreement?.trim())
      throw new DomainError('mediation.agreement_required', 400);
    return {
      patch: {
        state: input.outcome,
        agreement: input.outcome === 'mediated' ? (input.agreement as string) : null,
        closed_on: today(),
      },
      kind: input.outcome,
      note: input.note ?? null,
    };
  });

/** 诉调对接: several failed or unsettled disputes referred to one court in one batch. */
export async function referToCourt(db: Db, ctx: RequestContext, input: { disputeIds: string[]; court: string }) {
  const batch = {
    id: newId(),
    court: input.court,
    referred_on: today(),
    region_path: '',
    created_by: ctx.actor.accountId,
  };
  await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('disputes')
      .selectAll()
      .where('id', 'in', input.disputeIds)
      .orderBy('id')
      .forUpdate()
      .execute();
    if (rows.length !== new Set(input.disputeIds).size) throw notFound('mediation.not_found');
    for (const d of rows) {
      if (!coversEstate(ctx.actor, COURT_DESK, ref(d))) throw forbidden();
      if (!['open', 'failed'].includes(d.state))
        throw new DomainError('mediation.state', 409, { state: `mediation.state.${d.state}` });
    }
    batch.region_path = commonPrefix(rows.map((r) => r.region_path));
    await trx.insertInto('court_referrals').values(batch).execute();
    await trx
      .updateTable('disputes')
      .set((eb) => ({ state: 'referred', court: input.court, referral_id: batch.id, version: eb('version', '+', 1) }))
      .where('id', 'in', input.disputeIds)
      .execute();
    for (const d of rows) await event(trx, ctx, d.id, 'referred', d.level, batch.referred_on, input.court);
    await audit(trx, ctx, {
      action: 'dispute.refer',
      entityType: 'court_referral',
      entityId: batch.id,
      after: { court: input.court, disputes: rows.length },
    });
  });
  return { referralId: batch.id, referred: input.disputeIds.length };
}

const commonPrefix = (paths: string[]) =>
  paths.reduce((p, x) => {
    let i = 0;
    while (i < p.length && p[i] === x[i]) i++;
    return p.slice(0, i);
  });

/** The court's own date for what it did, as the desk learns it later: today by default, never in the future. */
function courtDate(onDate: string | undefined) {
  if (onDate && onDate > today()) throw new DomainError('mediation.date_future', 400);
  return onDate ?? today();
}

/** The court files the case (立案) under its number. */
export const recordFiling = (
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; caseNo: string; onDate?: string },
) =>
  step(
    db,
    ctx,
    id,
    input.version,
    () => COURT_DESK,
    ['referred'],
    () => ({
      patch: { state: 'filed', case_no: input.caseNo },
      kind: 'filed',
      note: input.caseNo,
      onDate: courtDate(input.onDate),
    }),
  );

/** How the court ended it: its own mediation, a judgment, or a withdrawal. */
export const recordCourtOutcome = (
  db: Db,
  ctx: RequestContext,
  id: string,
  input: {
    version: number;
    outcome: 'court_mediated' | 'judged' | 'court_withdrawn';
    note?: string;
    onDate?: string;
  },
) =>
  step(
    db,
    ctx,
    id,
    input.version,
    () => COURT_DESK,
    ['filed'],
    () => {
      const onDate = courtDate(input.onDate);
      return {
        patch: { state: input.outcome, closed_on: onDate },
        kind: input.outcome,
        note: input.note ?? null,
        onDate,
      };
    },
  );

export async function getDispute(db: Executor, ctx: RequestContext, id: string) {
  const d = await db.selectFrom('disputes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d || !coversEstate(ctx.actor, MEDIATION_READERS, ref(d))) throw notFound('mediation.not_found');
  const events = await db.selectFrom('dispute_events').selectAll().where('dispute_id', '=', id).orderBy('at').execute();
  const [estate, by] = await Promise.all([
    namesOf(db, [d.estate_id]),
    accountNames(
      db,
      events.map((e) => e.by_account),
    ),
  ]);
  return {
    ...disputeView(d),
    estate: estate[d.estate_id] ?? '',
    events: events.map((e) => ({
      kind: e.kind,
      level: e.level,
      onDate: e.on_date,
      note: e.note,
      by: e.by_account ? (by.get(e.by_account) ?? null) : null,
    })),
  };
}

/** A dispute as the desks read it (the ledger's rows and the drawer). */
export const disputeView = (d: Dispute) => ({
  id: d.id,
  estateId: d.estate_id,
  kind: d.kind,
  applicant: d.applicant,
  respondent: d.respondent,
  claims: d.claims,
  level: d.level,
  state: d.state,
  agreement: d.agreement,
  court: d.court,
  caseNo: d.case_no,
  closedOn: d.closed_on,
  version: d.version,
  createdAt: d.created_at.toISOString(),
});
