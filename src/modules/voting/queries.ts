import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { namesOf, visibleEstateIds } from '../registry/index.ts';
import { listMatterFiles } from './files.ts';
import { canOrganise, loadMatter, phaseOf } from './matters.ts';
import type { MatterRow } from './tables.ts';

const summary = (m: MatterRow) => ({
  id: m.id,
  estateId: m.estate_id,
  item: m.item,
  title: m.title,
  state: m.state,
  phase: phaseOf(m),
  purpose: m.purpose,
  committeeId: m.committee_id,
  opensAt: m.opens_at.toISOString(),
  closesAt: m.closes_at.toISOString(),
  publishedAt: m.published_at?.toISOString() ?? null,
  // the end of the 公示, after which the matter is archived
  publicUntil: m.published_at ? new Date(m.published_at.getTime() + m.publicity_days * 86_400_000).toISOString() : null,
  seatedAt: m.seated_at?.toISOString() ?? null,
  version: m.version,
});

export async function listMatters(db: Executor, ctx: RequestContext, f: { estateId?: string; committeeId?: string }) {
  let q = db
    .selectFrom('matters')
    .selectAll()
    .where((eb) => eb('matters.estate_id', 'in', visibleEstateIds(ctx.actor)(eb as never)));
  if (f.estateId) q = q.where('estate_id', '=', f.estateId);
  if (f.committeeId) q = q.where('committee_id', '=', f.committeeId);
  // Residents see matters once announced; drafts stay with the organisers.
  if (ctx.actor.kind === 'resident') q = q.where('state', '<>', 'draft');
  const rows = await q.orderBy('created_at', 'desc').limit(200).execute();
  const names = await namesOf(
    db,
    rows.map((m) => m.estate_id),
  );
  return rows.map((m) => ({ ...summary(m), estate: names[m.estate_id] ?? '' }));
}

export async function getMatter(db: Executor, ctx: RequestContext, id: string) {
  const m = await loadMatter(db, ctx, id);
  if (ctx.actor.kind === 'resident' && m.state === 'draft') throw forbidden();
  const [candidates, files] = await Promise.all([
    db
      .selectFrom('matter_candidates')
      .select(['id', 'name', 'nomination', 'statement'])
      .where('matter_id', '=', id)
      .orderBy('sort')
      .execute(),
    listMatterFiles(db, ctx, m),
  ]);
  // The result is shown once voting has closed; while it runs only participation is (to organisers).
  return {
    ...summary(m),
    body: m.body,
    scopeKind: m.scope_kind,
    proposerKind: m.proposer_kind,
    petitionUnits: canOrganise(ctx, m) ? m.petition_units : [],
    noticeDays: m.notice_days,
    publicityDays: m.publicity_days,
    revote: m.revote,
    paperOnline: m.paper_online,
    proxyLimit: m.proxy_limit,
    seats: m.seats,
    files,
    cancelReason: m.cancel_reason,
    candidates,
    result: m.state === 'closed' || m.state === 'published' ? m.result : null,
  };
}

/**
 * Live participation for canvassing: area and headcount that took part, overall and by building, and who has
 * not voted yet. Organisers only; how anyone voted is never shown here.
 */
export async function participation(db: Executor, ctx: RequestContext, id: string) {
  const m = await loadMatter(db, ctx, id);
  if (!canOrganise(ctx, m)) throw forbidden();
  // Kept by building as ballots arrive (roll_buildings): ~100 rows and the first page of non-voters, never the roll.
  const [buildings, notVoted] = await Promise.all([
    db
      .selectFrom('roll_buildings')
      .select([
        'building_id as buildingId',
        'name',
        'area',
        'persons',
        'voted_area as votedArea',
        'voted_persons as votedPersons',
        'voted_primary as votedPrimary',
      ])
      .where('matter_id', '=', id)
      .orderBy('name')
      .execute(),
    // Who has not voted yet, for canvassing: a page at a time.
    sql<{ units: string[] }>`
      SELECT ARRAY(SELECT x->>'label' FROM jsonb_array_elements(r.units) x) AS units
      FROM roll_entries r
      WHERE r.matter_id = ${id} AND NOT r.voted ORDER BY r.voter_key LIMIT ${NOT_VOTED_PAGE}`.execute(db),
  ]);
  const persons = m.roll_persons ?? 0;
  // Every unit lies in one building, so building areas add up; each voter is counted once, in their first building.
  const votedArea = buildings.reduce((sum, b) => sum + Number(b.votedArea), 0);
  const votedPersons = buildings.reduce((sum, b) => sum + b.votedPrimary, 0);
  return {
    area: Number(m.roll_area ?? 0),
    persons,
    votedArea,
    votedPersons,
    buildings: buildings.map(({ votedPrimary: _, ...b }) => ({
      ...b,
      area: Number(b.area),
      votedArea: Number(b.votedArea),
    })),
    notVoted: notVoted.rows,
    notVotedTotal: persons - votedPersons,
  };
}

/** The not-yet-voted list is for knocking on doors: the first page is enough to start. */
const NOT_VOTED_PAGE = 500;

/** An owner disputes their roll entry (units, area) before voting opens; the organisers must answer it. */
export async function objectToRoll(db: Executor, ctx: RequestContext, id: string, text: string) {
  const m = await loadMatter(db, ctx, id);
  if (phaseOf(m) !== 'announced') throw new DomainError('voting.objection_closed', 409);
  const res = await db
    .updateTable('roll_entries')
    .set({ objection: text })
    .where('matter_id', '=', id)
    .where('voter_key', '=', ctx.actor.personId ?? '')
    .executeTakeFirst();
  if (!Number(res.numUpdatedRows)) throw new DomainError('voting.not_on_roll', 403);
  await audit(db, ctx, {
    action: 'roll.objection',
    entityType: 'matter',
    entityId: id,
    estateId: m.estate_id,
    after: { text },
  });
  return { ok: true };
}

/** The objections raised against the roll, for the organisers. */
export async function rollObjections(db: Executor, ctx: RequestContext, id: string) {
  const m = await loadMatter(db, ctx, id);
  if (!canOrganise(ctx, m)) throw forbidden();
  const rows = await db
    .selectFrom('roll_entries')
    .select(['units', 'area', 'objection'])
    .where('matter_id', '=', id)
    .where('objection', 'is not', null)
    .execute();
  return rows.map((r) => ({ units: r.units.map((u) => u.label), area: Number(r.area), objection: r.objection }));
}

/**
 * Where another module's decision stands (the maintenance fund's use, a public-revenue spending): the matter's
 * phase and, once counted, its outcome; `final` once the result is published.
 */
export async function decisionOf(db: Executor, matterId: string) {
  const m = await db.selectFrom('matters').selectAll().where('id', '=', matterId).executeTakeFirstOrThrow();
  const phase = phaseOf(m);
  const outcome = (m.result as { outcome?: 'PASS' | 'FAIL' | 'NO_QUORUM' } | null)?.outcome ?? null;
  return {
    estateId: m.estate_id,
    item: m.item,
    title: m.title,
    phase,
    outcome,
    final: phase === 'published' || phase === 'archived',
  };
}
