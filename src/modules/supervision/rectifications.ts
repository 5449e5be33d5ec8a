import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { type RequestContext, systemContext } from '../../kernel/http.ts';
import { defineRecurringJob } from '../../kernel/jobs.ts';
import { decodeCursor, type PageQueryT, pageOf, pageSize } from '../../kernel/pagination.ts';
import { stepVersioned } from '../../kernel/versioned.ts';
import { coversEstate, namesOf } from '../registry/index.ts';
import type { InspectionTables, RectificationState } from './inspection-tables.ts';
import { estateRef, INSPECTORS, RECTIFIERS } from './inspections.ts';
import { recordAutomatic, today } from './records.ts';
import { evidenceOf } from './rectification-evidence.ts';

type Rectification = Selectable<InspectionTables['rectifications']>;
const view = (r: Rectification) => ({
  id: r.id,
  noticeNo: r.notice_no,
  inspectionId: r.inspection_id,
  estateId: r.estate_id,
  companyId: r.company_id,
  itemCode: r.item_code,
  finding: r.finding,
  legalBasis: r.legal_basis,
  deadline: r.deadline,
  state: r.state,
  answer: r.answer,
  answeredOn: r.answered_on,
  rounds: r.rounds,
  reinspection: r.reinspection,
  passedOn: r.passed_on,
  escalatedOn: r.escalated_on,
  overdue: (r.state === 'issued' || r.state === 'reopened') && r.deadline < today(),
  version: r.version,
});

/** A notice's step under its lock, for the roles given, from one of the states given. */
async function step(
  db: Db,
  ctx: RequestContext,
  id: string,
  version: number,
  roles: typeof INSPECTORS,
  from: RectificationState[],
  patch: (r: Rectification) => Partial<Rectification>,
  action: string,
) {
  const { before, patch: p } = await stepVersioned<Rectification>(db, ctx, 'rectifications', id, version, {
    admit: (r) => {
      if (!r || !coversEstate(ctx.actor, [...INSPECTORS, ...RECTIFIERS], estateRef(r)))
        throw notFound('inspection.notice_not_found');
      if (!coversEstate(ctx.actor, roles, estateRef(r))) throw new DomainError('inspection.not_yours', 403);
    },
    change: (r) => {
      if (!from.includes(r.state))
        throw new DomainError('inspection.notice_state', 409, { state: `inspection.state.${r.state}` });
      return patch(r);
    },
    audit: (r, p) => ({
      action: `rectification.${action}`,
      entityType: 'rectification',
      entityId: id,
      estateId: r.estate_id,
      before: { state: r.state },
      after: p,
    }),
  });
  return view({ ...before, ...p, version: before.version + 1 });
}

/** The company's answer: what it did, with its evidence described. */
export const answerNotice = (db: Db, ctx: RequestContext, id: string, input: { version: number; answer: string }) =>
  step(
    db,
    ctx,
    id,
    input.version,
    RECTIFIERS,
    ['issued', 'reopened'],
    () => ({ state: 'answered', answer: input.answer, answered_on: today() }),
    'answer',
  );

/** Re-inspection: passed closes the notice; not passed sends it back with a new deadline. */
export const reinspect = (
  db: Db,
  ctx: RequestContext,
  id: string,
  input: { version: number; passed: boolean; note: string; newDeadline?: string },
) =>
  step(
    db,
    ctx,
    id,
    input.version,
    INSPECTORS,
    ['answered'],
    (r) => {
      if (input.passed)
        return { state: 'passed', reinspection: input.note, reinspected_by: ctx.actor.accountId, passed_on: today() };
      if (!input.newDeadline || input.newDeadline <= today())
        throw new DomainError('inspection.deadline_required', 400);
      return {
        state: 'reopened',
        reinspection: input.note,
        reinspected_by: ctx.actor.accountId,
        deadline: input.newDeadline,
        rounds: r.rounds + 1,
      };
    },
    input.passed ? 'pass' : 'reopen',
  );

/**
 * The lists' order: the notices still to be dealt with (issued, answered, reopened) first, the most urgent deadline
 * first; then the passed ones, the latest deadline first (days before 9999-12-31, zero-padded). One text key, so a
 * page can continue after any row.
 */
const listKey = sql<string>`CASE WHEN rectifications.state = 'passed'
  THEN '1' || to_char(date '9999-12-31' - rectifications.deadline, 'FM0000000')
  ELSE '0' || rectifications.deadline::text END`;

export interface NoticeFilter extends PageQueryT {
  state?: RectificationState;
  estateId?: string;
  inspectionId?: string;
}

/**
 * The notices the caller may see, a page at a time (or all of them, to export): a company its own estates', an
 * authority its region's.
 */
export async function listNotices(db: Executor, ctx: RequestContext, f: NoticeFilter, all = false) {
  let q = db.selectFrom('rectifications').selectAll().select(listKey.as('list_key'));
  if (f.state) q = q.where('state', '=', f.state);
  if (f.estateId) q = q.where('estate_id', '=', f.estateId);
  if (f.inspectionId) q = q.where('inspection_id', '=', f.inspectionId);
  const companyIds = ctx.actor.bindings
    .filter((b) => b.scopeType === 'company' && b.scopeId)
    .map((b) => b.scopeId as string);
  const estateIds = ctx.actor.bindings
    .filter((b) => b.scopeType === 'estate' && b.scopeId)
    .map((b) => b.scopeId as string);
  const paths = ctx.actor.bindings
    .filter((b) => INSPECTORS.includes(b.role) && b.scopePath)
    .map((b) => b.scopePath as string);
  q = q.where((eb) =>
    eb.or([
      ...paths.map((p) => eb('region_path', 'like', `${p}%`)),
      ...(companyIds.length ? [eb('company_id', 'in', companyIds)] : []),
      ...(estateIds.length ? [eb('estate_id', 'in', estateIds)] : []),
      sql<boolean>`false`,
    ]),
  );
  const cursor = decodeCursor(f.cursor);
  if (cursor)
    q = q.where((eb) =>
      eb(eb.tuple(listKey, eb.ref('rectifications.id')), '>', eb.tuple(String(cursor.key), cursor.id)),
    );
  const limit = pageSize(all, f.limit);
  const rows = await q
    .orderBy(listKey)
    .orderBy('rectifications.id')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.list_key);
  const [names, evidence] = await Promise.all([
    namesOf(
      db,
      page.items.map((r) => r.estate_id),
    ),
    evidenceOf(
      db,
      page.items.map((r) => r.id),
    ),
  ]);
  return {
    items: page.items.map((r) => ({
      ...view(r),
      estate: names[r.estate_id] ?? '',
      evidence: evidence.get(r.id) ?? [],
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * Overdue notices escalate once: marked, and recorded against the company as a credit record (pending a person's
 * approval, as every record is). Run every few minutes by whichever instance's worker claims it.
 */
export async function escalateOverdue(db: Db) {
  const due = await db
    .selectFrom('rectifications')
    .selectAll()
    .where('state', 'in', ['issued', 'reopened'])
    .where('escalated_on', 'is', null)
    .where('deadline', '<', today())
    .limit(500)
    .execute();
  const system = systemContext('rectifications');

  for (const r of due) {
    await db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('rectifications')
        .set({ escalated_on: today() })
        .where('id', '=', r.id)
        .where('escalated_on', 'is', null)
        .executeTakeFirst();
      if (!Number(done.numUpdatedRows) || !r.company_id) return;
      await recordAutomatic(
        trx,
        system,
        {
          companyId: r.company_id,
          item: 'rectification_overdue',
          onDate: today(),
          evidence: `${r.notice_no}：${r.finding}（整改期限 ${r.deadline}）`,
        },
        { source: 'inspections', ref: r.id },
      );
    });
  }
  return { escalated: due.length };
}

defineRecurringJob('supervision.rectifications', 5 * 60_000, ({ db }) => escalateOverdue(db as Db));

/** 整改 figures by estate, company or street: found, rectified, the rectification rate and the on-time rate. */
export async function rectificationFigures(db: Executor, ctx: RequestContext, by: 'estate' | 'company' | 'street') {
  const paths = ctx.actor.bindings
    .filter((b) => INSPECTORS.includes(b.role) && b.scopePath)
    .map((b) => b.scopePath as string);
  if (!paths.length) return [];
  // A street is the region path up to its fourth segment (city/district/street/community…): the estate's street.
  const key =
    by === 'estate'
      ? sql`estate_id::text`
      : by === 'company'
        ? sql`coalesce(company_id::text, '')`
        : sql`split_part(region_path, '/', 4)`;
  const { rows } = await sql<{ key: string; found: string; rectified: string; on_time: string }>`
    SELECT ${key} AS key, count(*)::text AS found,
      count(*) FILTER (WHERE state = 'passed')::text AS rectified,
      count(*) FILTER (WHERE state = 'passed' AND passed_on <= deadline)::text AS on_time
    FROM rectifications
    WHERE ${sql.join(
      paths.map((p) => sql`region_path LIKE ${`${p}%`}`),
      sql` OR `,
    )}
    GROUP BY 1 ORDER BY 2 DESC`.execute(db);
  const names = await namesOf(
    db,
    rows.map((r) => r.key),
  );
  return rows.map((r) => {
    const found = Number(r.found);
    const rectified = Number(r.rectified);
    return {
      key: r.key,
      name: names[r.key] ?? null,
      found,
      rectified,
      onTime: Number(r.on_time),
      /** Per ten thousand, so 537 of 538 reads 9981 (99.81 %), exactly. */
      rateBp: found ? Math.floor((rectified * 10_000) / found) : null,
      onTimeBp: rectified ? Math.floor((Number(r.on_time) * 10_000) / rectified) : null,
    };
  });
}
