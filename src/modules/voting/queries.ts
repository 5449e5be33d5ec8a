import type { Executor } from '../../kernel/db.ts';
import { audit } from '../../kernel/audit.ts';
import { DomainError, forbidden } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { coversEstate, visibleEstateIds } from '../registry/index.ts';
import { loadMatter, phaseOf } from './matters.ts';
import { ORGANISERS } from './policy.ts';
import type { MatterRow } from './tables.ts';

const summary = (m: MatterRow) => ({
  id: m.id,
  estateId: m.estate_id,
  item: m.item,
  title: m.title,
  state: m.state,
  phase: phaseOf(m),
  opensAt: m.opens_at.toISOString(),
  closesAt: m.closes_at.toISOString(),
  version: m.version,
});

export async function listMatters(db: Executor, ctx: RequestContext, f: { estateId?: string }) {
  let q = db
    .selectFrom('matters')
    .selectAll()
    .where((eb) => eb('matters.estate_id', 'in', visibleEstateIds(ctx.actor)(eb as never)));
  if (f.estateId) q = q.where('estate_id', '=', f.estateId);
  // Residents see matters once announced; drafts stay with the organisers.
  if (ctx.actor.kind === 'resident') q = q.where('state', '<>', 'draft');
  const rows = await q.orderBy('created_at', 'desc').limit(200).execute();
  return rows.map(summary);
}

export async function getMatter(db: Executor, ctx: RequestContext, id: string) {
  const m = await loadMatter(db, ctx, id);
  if (ctx.actor.kind === 'resident' && m.state === 'draft') throw forbidden();
  const candidates = await db
    .selectFrom('matter_candidates')
    .select(['id', 'name', 'nomination', 'statement'])
    .where('matter_id', '=', id)
    .orderBy('sort')
    .execute();
  // The result is shown once voting has closed; while it runs only participation is (to organisers).
  return {
    ...summary(m),
    body: m.body,
    scopeKind: m.scope_kind,
    noticeDays: m.notice_days,
    seats: m.seats,
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
  if (!coversEstate(ctx.actor, ORGANISERS, { id: m.estate_id, region_path: m.region_path, company_id: null }))
    throw forbidden();
  const entries = await db
    .selectFrom('roll_entries')
    .leftJoin('ballots', (j) =>
      j
        .onRef('ballots.matter_id', '=', 'roll_entries.matter_id')
        .onRef('ballots.voter_key', '=', 'roll_entries.voter_key')
        .on('ballots.superseded_at', 'is', null),
    )
    .select(['roll_entries.voter_key', 'roll_entries.area', 'roll_entries.units', 'ballots.id as ballotId'])
    .where('roll_entries.matter_id', '=', id)
    .execute();
  const total = { area: 0, persons: 0, votedArea: 0, votedPersons: 0 };
  const byBuilding = new Map<string, typeof total & { buildingId: string; name: string }>();
  const notVoted: { units: string[] }[] = [];
  for (const e of entries) {
    const area = Number(e.area);
    const voted = !!e.ballotId;
    total.area += area;
    total.persons += 1;
    if (voted) {
      total.votedArea += area;
      total.votedPersons += 1;
    } else notVoted.push({ units: e.units.map((u) => u.label) });
    for (const u of e.units) {
      const b = byBuilding.get(u.buildingId) ?? {
        buildingId: u.buildingId,
        name: u.buildingName,
        area: 0,
        persons: 0,
        votedArea: 0,
        votedPersons: 0,
      };
      b.area += u.area;
      if (voted) b.votedArea += u.area;
      byBuilding.set(u.buildingId, b);
    }
    // An owner counts once in each building where they hold a unit.
    for (const buildingId of new Set(e.units.map((u) => u.buildingId))) {
      const b = byBuilding.get(buildingId) as typeof total;
      b.persons += 1;
      if (voted) b.votedPersons += 1;
    }
  }
  return { ...total, buildings: [...byBuilding.values()], notVoted };
}

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
  if (!coversEstate(ctx.actor, ORGANISERS, { id: m.estate_id, region_path: m.region_path, company_id: null }))
    throw forbidden();
  const rows = await db
    .selectFrom('roll_entries')
    .select(['units', 'area', 'objection'])
    .where('matter_id', '=', id)
    .where('objection', 'is not', null)
    .execute();
  return rows.map((r) => ({ units: r.units.map((u) => u.label), area: Number(r.area), objection: r.objection }));
}
