import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Db, Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, type PageQueryT, pageOf, pageSize } from '../../kernel/pagination.ts';
import { coversEstate, type EstatePlace, estatePlace, namesOf, visibleEstateIds } from '../registry/index.ts';
import { barEnds } from './credit.ts';
import { EVALUATORS } from './policy.ts';
import { creditSettings, today } from './records.ts';

const ref = (e: EstatePlace) => ({ id: e.id, region_path: e.regionPath, company_id: e.companyId });

/**
 * 星级评定 (Nantong): the housing authority rates an estate's service from one to five stars for a period, where the
 * city has switched star ratings on. A new rating replaces the one before; a rating can be revoked with a reason.
 */
export async function awardStars(
  db: Db,
  ctx: RequestContext,
  input: { estateId: string; stars: number; awardedOn: string; validUntil?: string; basis: string },
) {
  if (!(await creditSettings(db)).starRatings) throw new DomainError('stars.not_used', 409);
  const estate = await estatePlace(db, input.estateId);
  if (!coversEstate(ctx.actor, EVALUATORS, ref(estate))) throw forbidden();
  const row = {
    id: newId(),
    estate_id: input.estateId,
    stars: input.stars,
    awarded_on: input.awardedOn,
    valid_until: input.validUntil ?? barEnds(input.awardedOn, 12),
    basis: input.basis,
    awarded_by: ctx.actor.accountId,
  };
  if (row.valid_until < row.awarded_on) throw new DomainError('credit.validity_invalid', 400);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('estate_stars').values(row).execute();
    await audit(trx, ctx, {
      action: 'stars.award',
      entityType: 'estate_stars',
      entityId: row.id,
      estateId: input.estateId,
      after: row,
    });
  });
  return { id: row.id };
}

export async function revokeStars(db: Db, ctx: RequestContext, id: string, reason: string) {
  return db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('estate_stars').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw notFound('stars.not_found');
    if (!coversEstate(ctx.actor, EVALUATORS, ref(await estatePlace(trx, r.estate_id)))) throw forbidden();
    if (r.revoked_on) throw new DomainError('stars.revoked', 409);
    const patch = { revoked_on: today(), revoked_reason: reason };
    await trx.updateTable('estate_stars').set(patch).where('id', '=', id).execute();
    await audit(trx, ctx, {
      action: 'stars.revoke',
      entityType: 'estate_stars',
      entityId: id,
      estateId: r.estate_id,
      after: patch,
    });
    return { id };
  });
}

/** The rating in force on a day for each estate asked about: the latest awarded, not revoked, still valid. */
export async function starsInForce(db: Executor, estateIds: string[], on = today()) {
  if (!estateIds.length) return new Map<string, { stars: number; awardedOn: string; validUntil: string }>();
  const rows = await db
    .selectFrom('estate_stars')
    .select(['estate_id', 'stars', 'awarded_on', 'valid_until'])
    .where('estate_id', 'in', estateIds)
    .where('revoked_on', 'is', null)
    .where('awarded_on', '<=', on)
    .where('valid_until', '>=', on)
    .orderBy('awarded_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  const by = new Map<string, { stars: number; awardedOn: string; validUntil: string }>();
  for (const r of rows)
    if (!by.has(r.estate_id))
      by.set(r.estate_id, { stars: r.stars, awardedOn: r.awarded_on, validUntil: r.valid_until });
  return by;
}

/** An estate's ratings, newest first, for the authority's page. */
export async function starHistory(db: Executor, ctx: RequestContext, estateId: string) {
  if (!coversEstate(ctx.actor, EVALUATORS, ref(await estatePlace(db, estateId)))) throw forbidden();
  const rows = await db
    .selectFrom('estate_stars')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('awarded_on', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    stars: r.stars,
    awardedOn: r.awarded_on,
    validUntil: r.valid_until,
    basis: r.basis,
    revokedOn: r.revoked_on,
    revokedReason: r.revoked_reason,
  }));
}

/**
 * The ratings in force today on the estates the caller may see (one per estate, the latest), most stars first, a
 * page at a time: the authority's overview before it opens one estate's history.
 */
export async function ratingsInForce(db: Executor, ctx: RequestContext, f: PageQueryT) {
  const on = today();
  const latest = db
    .selectFrom('estate_stars')
    .distinctOn('estate_id')
    .select(['id', 'estate_id', 'stars', 'awarded_on', 'valid_until', 'basis'])
    .where('revoked_on', 'is', null)
    .where('awarded_on', '<=', on)
    .where('valid_until', '>=', on)
    .where((eb) => eb('estate_id', 'in', visibleEstateIds(ctx.actor)(eb as never)))
    .orderBy('estate_id')
    .orderBy('awarded_on', 'desc')
    .orderBy('created_at', 'desc');
  let q = db.selectFrom(latest.as('r')).selectAll();
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where(sql<boolean>`(r.stars, r.id) < (${Number(cursor.key)}, ${cursor.id})`);
  const limit = pageSize(false, f.limit);
  const rows = await q
    .orderBy('r.stars', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => r.stars);
  const names = await namesOf(
    db,
    page.items.map((r) => r.estate_id),
  );
  return {
    items: page.items.map((r) => ({
      id: r.id,
      estateId: r.estate_id,
      estate: names[r.estate_id] ?? '',
      stars: r.stars,
      awardedOn: r.awarded_on,
      validUntil: r.valid_until,
      basis: r.basis,
    })),
    nextCursor: page.nextCursor,
  };
}
