import { audit } from '../../kernel/audit.ts';
import { clock } from '../../kernel/clock.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { saveVersioned, stepVersioned } from '../../kernel/versioned.ts';
import { companyInView, namesOf, staffMember, staffNames } from '../registry/index.ts';
import {
  barEnds,
  type CreditScheme,
  DEFAULT_LIST_RULES,
  DEFAULT_SCHEME,
  DEFAULT_WORKORDER_RULES,
  type ListRules,
  type WorkorderRules,
} from './credit.ts';
import type { RecordState } from './tables.ts';

export const today = () => new Date(clock.nowMs() + 8 * 3_600_000).toISOString().slice(0, 10);

export async function creditSettings(db: Executor) {
  const s = await db.selectFrom('credit_settings').selectAll().executeTakeFirst();
  return {
    scheme: s?.scheme ?? DEFAULT_SCHEME,
    listRules: s?.list_rules ?? DEFAULT_LIST_RULES,
    objectionDays: s?.objection_days ?? 10,
    workorderRules: s?.workorder_rules ?? DEFAULT_WORKORDER_RULES,
    starRatings: s?.star_ratings ?? false,
    version: s?.version ?? 0,
  };
}

export async function saveCreditSettings(
  db: Executor,
  ctx: RequestContext,
  input: {
    scheme: CreditScheme;
    listRules: ListRules;
    objectionDays: number;
    workorderRules?: WorkorderRules;
    starRatings?: boolean;
    version: number;
  },
) {
  const grades = input.scheme.grades;
  if (
    grades.some((g, i) => i > 0 && g.min >= grades[i - 1].min) ||
    new Set(input.scheme.items.map((i) => i.code)).size !== input.scheme.items.length
  )
    throw new DomainError('credit.scheme_invalid', 400);
  const row = {
    scheme: JSON.stringify(input.scheme),
    list_rules: JSON.stringify(input.listRules),
    objection_days: input.objectionDays,
    ...(input.workorderRules && { workorder_rules: JSON.stringify(input.workorderRules) }),
    ...(input.starRatings !== undefined && { star_ratings: input.starRatings }),
  };
  await saveVersioned(db, 'credit_settings', { id: 1 }, row, input.version);
  await audit(db, ctx, { action: 'credit.settings', entityType: 'credit_settings', entityId: '1', after: input });
  return creditSettings(db);
}

/**
 * A record with evidence: its points from the scheme's item; it counts once someone else approves it. A record may
 * also name the company's project manager (项目负责人), who is evaluated on the records that name them.
 */
export async function recordCredit(
  db: Executor,
  ctx: RequestContext,
  input: {
    companyId: string;
    staffId?: string;
    item: string;
    onDate: string;
    validUntil?: string;
    evidence: string;
    times?: number;
  },
  source: { source: string; ref: string } | null = null,
) {
  const { scheme } = await creditSettings(db);
  const item = scheme.items.find((i) => i.code === input.item);
  if (!item) throw new DomainError('credit.item_unknown', 400, { item: input.item });
  if (input.staffId && (await staffMember(db, input.staffId))?.companyId !== input.companyId)
    throw new DomainError('credit.staff_not_of_company', 400);
  const validUntil = input.validUntil ?? barEnds(input.onDate, 12);
  if (validUntil < input.onDate) throw new DomainError('credit.validity_invalid', 400);
  const row = {
    id: newId(),
    company_id: input.companyId,
    staff_id: input.staffId ?? null,
    item: item.code,
    points: item.points * (input.times ?? 1),
    on_date: input.onDate,
    valid_until: validUntil,
    evidence: input.evidence,
    source: source?.source ?? 'manual',
    source_ref: source?.ref ?? null,
    recorded_by: ctx.actor.accountId,
  };
  const inserted = await db
    .insertInto('credit_records')
    .values(row)
    .onConflict((oc) => oc.columns(['source', 'source_ref']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted)
    await audit(db, ctx, { action: 'credit.record', entityType: 'credit_record', entityId: row.id, after: row });
  return { id: inserted?.id ?? null, replayed: !inserted };
}

/** For records other modules report: an item the city has taken out of its scheme is simply not recorded. */
export async function recordAutomatic(
  db: Executor,
  ctx: RequestContext,
  input: Parameters<typeof recordCredit>[2],
  source: { source: string; ref: string },
) {
  const { scheme } = await creditSettings(db);
  if (!scheme.items.some((i) => i.code === input.item)) return null;
  return recordCredit(db, ctx, input, source);
}

type Row = { state: RecordState; recorded_by: string | null; company_id: string; objection_state: string | null };

/** A record's step under its lock: `check` refuses a wrong state; the patch is audited as credit.<action>. */
async function step(
  db: Db,
  ctx: RequestContext,
  id: string,
  version: number,
  check: (r: Row) => void,
  patch: Record<string, unknown>,
  action: string,
) {
  await stepVersioned<Row & { version: number }>(db, ctx, 'credit_records', id, version, {
    admit: (r) => {
      if (!r) throw notFound('credit.record_not_found');
    },
    change: (r) => {
      check(r);
      return patch;
    },
    audit: () => ({ action: `credit.${action}`, entityType: 'credit_record', entityId: id, after: patch }),
  });
  return { id, version: version + 1 };
}

/** Approve or reject a pending record; never one's own. */
export const decideRecord = (db: Db, ctx: RequestContext, id: string, input: { version: number; approve: boolean }) =>
  step(
    db,
    ctx,
    id,
    input.version,
    (r) => {
      if (r.state !== 'pending') throw new DomainError('credit.record_state', 409);
      if (r.recorded_by === ctx.actor.accountId) throw new DomainError('credit.same_person', 403);
    },
    input.approve
      ? { state: 'approved', approved_by: ctx.actor.accountId, approved_on: today() }
      : { state: 'rejected', approved_by: ctx.actor.accountId },
    input.approve ? 'approve' : 'reject',
  );

/** 申诉: the company objects to an approved record of its own within the window after approval. */
export async function objectTo(db: Db, ctx: RequestContext, id: string, input: { version: number; reason: string }) {
  const { objectionDays } = await creditSettings(db);
  const r = await db.selectFrom('credit_records').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('credit.record_not_found');
  const own = ctx.actor.bindings.some((b) => b.role === 'company_admin' && b.scopeId === r.company_id);
  if (!own) throw forbidden();
  const closes = addDays(r.approved_on ?? today(), objectionDays);
  return step(
    db,
    ctx,
    id,
    input.version,
    (x) => {
      if (x.state !== 'approved' || x.objection_state) throw new DomainError('credit.record_state', 409);
      if (today() > closes) throw new DomainError('credit.objection_closed', 409, { until: closes });
    },
    { objection: input.reason, objection_state: 'open' },
    'object',
  );
}

/** The authority decides an objection: upheld, the record no longer counts; dismissed, it stands. */
export const decideObjection = (
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; uphold: boolean; note: string },
) =>
  step(
    db,
    ctx,
    id,
    input.version,
    (r) => {
      if (r.objection_state !== 'open') throw new DomainError('credit.record_state', 409);
    },
    input.uphold
      ? { objection_state: 'upheld', objection_note: input.note, state: 'withdrawn' }
      : { objection_state: 'dismissed', objection_note: input.note },
    input.uphold ? 'uphold' : 'dismiss',
  );

export const addDays = (day: string, days: number) =>
  new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);

/** A company's records, for the regulators and for the company itself. */
export async function companyRecords(db: Executor, ctx: RequestContext, companyId: string) {
  if (!(await companyInView(db, ctx.actor, companyId))) throw notFound('credit.company_not_found');
  const rows = await db
    .selectFrom('credit_records')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('on_date', 'desc')
    .limit(500)
    .execute();
  const staff = await staffNames(db, [...new Set(rows.flatMap((r) => (r.staff_id ? [r.staff_id] : [])))]);
  return rows.map((r) => ({
    ...recordView(r),
    staff: r.staff_id ? { id: r.staff_id, name: staff[r.staff_id] ?? '' } : null,
  }));
}

type RecordRow = {
  id: string;
  company_id: string;
  item: string;
  points: number;
  on_date: string;
  valid_until: string;
  evidence: string;
  source: string;
  state: RecordState;
  objection: string | null;
  objection_state: string | null;
  objection_note: string | null;
  recorded_by: string | null;
  version: number;
};

const recordView = (r: RecordRow) => ({
  id: r.id,
  companyId: r.company_id,
  item: r.item,
  points: r.points,
  onDate: r.on_date,
  validUntil: r.valid_until,
  evidence: r.evidence,
  source: r.source,
  state: r.state,
  objection: r.objection,
  objectionState: r.objection_state,
  objectionNote: r.objection_note,
  recordedBy: r.recorded_by,
  version: r.version,
});

/**
 * The authorities' work list across companies: records waiting for a second person, and objections waiting for a
 * decision, oldest first.
 */
export async function recordsAwaiting(db: Executor) {
  const rows = await db
    .selectFrom('credit_records')
    .selectAll()
    .where((eb) => eb.or([eb('state', '=', 'pending'), eb('objection_state', '=', 'open')]))
    .orderBy('created_at')
    .limit(500)
    .execute();
  const names = await namesOf(
    db,
    rows.map((r) => r.company_id),
  );
  return rows.map((r) => ({ ...recordView(r), company: names[r.company_id] ?? '' }));
}
