import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, pageOf, pageSize } from '../../kernel/pagination.ts';
import { updateVersioned } from '../../kernel/versioned.ts';
import { coversEstate, writableEstate } from './access.ts';
import { registryPolicy } from './policy.ts';
import { estateVisible } from './scope.ts';

/** Regions, estates and buildings: queries and use cases, each write audited in its transaction. */

const LEVEL_PARENT = { city: null, district: 'city', street: 'district', community: 'street' } as const;

export async function listRegions(db: Executor) {
  const rows = await db
    .selectFrom('regions')
    .select(['id', 'parent_id', 'level', 'code', 'name'])
    .orderBy('path')
    .execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, level: r.level, code: r.code, name: r.name }));
}

export async function createRegion(
  db: Executor,
  ctx: RequestContext,
  input: { parentId: string | null; level: keyof typeof LEVEL_PARENT; code: string; name: string },
) {
  return db.transaction().execute(async (trx) => {
    const parent = input.parentId
      ? await trx
          .selectFrom('regions')
          .select(['id', 'level', 'path'])
          .where('id', '=', input.parentId)
          .executeTakeFirst()
      : null;
    if ((parent?.level ?? null) !== LEVEL_PARENT[input.level]) throw new DomainError('registry.region_parent', 400);
    const id = newId();
    const row = {
      id,
      parent_id: parent?.id ?? null,
      level: input.level,
      code: input.code,
      name: input.name,
      path: `${parent?.path ?? '/'}${id}/`,
    };
    await trx.insertInto('regions').values(row).execute();
    await audit(trx, ctx, { action: 'create', entityType: 'region', entityId: id, after: row });
    return { id, parentId: row.parent_id, level: row.level, code: row.code, name: row.name };
  });
}

function estateQuery(db: Executor) {
  return db
    .selectFrom('estates')
    .innerJoin('regions as st', 'st.id', 'estates.street_id')
    .innerJoin('regions as co', 'co.id', 'estates.community_id')
    .leftJoin('companies', 'companies.id', 'estates.company_id')
    .leftJoin('staff as pm', 'pm.id', 'estates.project_manager_id')
    .select((eb) => [
      'estates.id',
      'estates.code',
      'estates.name',
      'estates.address',
      'estates.lng',
      'estates.lat',
      'estates.street_id',
      'st.name as street_name',
      'estates.community_id',
      'co.name as community_name',
      'estates.service_grade',
      'estates.company_id',
      'companies.name as company_name',
      'estates.management_mode',
      'estates.total_area',
      'estates.project_manager_id',
      'pm.name as project_manager_name',
      'estates.version',
      'estates.updated_at',
      eb
        .selectFrom('buildings')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('buildings.estate_id', '=', 'estates.id')
        .as('building_count'),
      eb
        .selectFrom('units')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('units.estate_id', '=', 'estates.id')
        .as('unit_count'),
    ]);
}

type EstateRow = Awaited<ReturnType<ReturnType<typeof estateQuery>['executeTakeFirstOrThrow']>>;

export const toEstate = (r: EstateRow) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  address: r.address,
  lng: r.lng,
  lat: r.lat,
  streetId: r.street_id,
  streetName: r.street_name,
  communityId: r.community_id,
  communityName: r.community_name,
  serviceGrade: r.service_grade,
  companyId: r.company_id,
  companyName: r.company_name,
  managementMode: r.management_mode,
  totalArea: r.total_area,
  projectManagerId: r.project_manager_id,
  projectManagerName: r.project_manager_name,
  buildingCount: Number(r.building_count ?? 0),
  unitCount: Number(r.unit_count ?? 0),
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

export interface EstateFilter {
  q?: string;
  regionId?: string;
  companyId?: string;
  serviceGrade?: number;
  managementMode?: string;
  cursor?: string;
  limit?: number;
}

export async function listEstates(db: Executor, ctx: RequestContext, f: EstateFilter, all = false) {
  let q = estateQuery(db).where(estateVisible(ctx.actor));
  if (f.q)
    q = q.where((eb) =>
      eb.or([
        eb('estates.name', 'ilike', `%${f.q}%`),
        eb('estates.code', 'ilike', `%${f.q}%`),
        eb('estates.address', 'ilike', `%${f.q}%`),
      ]),
    );
  if (f.regionId) {
    const region = await db.selectFrom('regions').select('path').where('id', '=', f.regionId).executeTakeFirst();
    q = q.where('estates.region_path', 'like', `${region?.path ?? '/none/'}%`);
  }
  if (f.companyId) q = q.where('estates.company_id', '=', f.companyId);
  if (f.serviceGrade) q = q.where('estates.service_grade', '=', f.serviceGrade);
  if (f.managementMode) q = q.where('estates.management_mode', '=', f.managementMode as 'company');
  const cursor = decodeCursor(f.cursor);
  if (cursor)
    q = q.where((eb) => eb(eb.refTuple('estates.name', 'estates.id'), '>', eb.tuple(String(cursor.key), cursor.id)));
  const limit = pageSize(all, f.limit);
  const rows = await q
    .orderBy('estates.name')
    .orderBy('estates.id')
    .limit(limit + 1)
    .execute();
  return pageOf(rows.map(toEstate), limit, (e) => e.name);
}

export async function getEstate(db: Executor, ctx: RequestContext, id: string) {
  const row = await estateQuery(db).where('estates.id', '=', id).where(estateVisible(ctx.actor)).executeTakeFirst();
  if (!row) throw notFound();
  return toEstate(row);
}

type EstateInput = {
  name?: string;
  address?: string;
  lng?: number | null;
  lat?: number | null;
  communityId?: string;
  serviceGrade?: number;
  companyId?: string | null;
  managementMode?: 'company' | 'self_managed' | 'community_custody';
  totalArea?: number;
  projectManagerId?: string | null;
};

/** Resolves and checks the references of an estate: community in the caller's jurisdiction, company ↔ mode, manager. */
async function estateColumns(
  trx: Executor,
  ctx: RequestContext,
  input: EstateInput,
  current?: { company_id: string | null; management_mode: string },
) {
  const cols: Record<string, unknown> = {};
  if (input.communityId !== undefined) {
    const community = await trx
      .selectFrom('regions')
      .select(['id', 'level', 'parent_id', 'path'])
      .where('id', '=', input.communityId)
      .executeTakeFirst();
    if (community?.level !== 'community') throw new DomainError('registry.not_community', 400);
    const regulator = ctx.actor.bindings.filter((b) => b.role === 'city_regulator' || b.role === 'district_regulator');
    if (!regulator.some((b) => b.scopePath && community.path.startsWith(b.scopePath)))
      throw new DomainError('registry.region_out_of_scope', 403);
    Object.assign(cols, { community_id: community.id, street_id: community.parent_id, region_path: community.path });
  }
  for (const [from, to] of [
    ['name', 'name'],
    ['address', 'address'],
    ['lng', 'lng'],
    ['lat', 'lat'],
    ['serviceGrade', 'service_grade'],
    ['companyId', 'company_id'],
    ['managementMode', 'management_mode'],
    ['totalArea', 'total_area'],
    ['projectManagerId', 'project_manager_id'],
  ] as const) {
    if (input[from] !== undefined) cols[to] = input[from];
  }
  const mode = (cols.management_mode ?? current?.management_mode) as string;
  const company = (cols.company_id !== undefined ? cols.company_id : current?.company_id) as string | null;
  if ((mode === 'company') !== (company != null)) throw new DomainError('registry.company_required', 400);
  if (cols.project_manager_id) {
    const pm = await trx
      .selectFrom('staff')
      .select(['company_id', 'status'])
      .where('id', '=', cols.project_manager_id as string)
      .executeTakeFirst();
    if (!pm || pm.company_id !== company || pm.status !== 'active')
      throw new DomainError('registry.project_manager_company', 400);
  }
  return cols;
}

export async function createEstate(db: Executor, ctx: RequestContext, input: EstateInput & { code: string }) {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const cols = await estateColumns(trx, ctx, { companyId: null, ...input });
    const row = { id, code: input.code, ...cols } as never;
    await trx.insertInto('estates').values(row).execute();
    await audit(trx, ctx, { action: 'create', entityType: 'estate', entityId: id, estateId: id, after: row });
  });
  return getEstate(db, ctx, id);
}

/** Regulators change anything in their jurisdiction; a company admin only the project manager of its own estates. */
export async function patchEstate(
  db: Executor,
  ctx: RequestContext,
  id: string,
  input: EstateInput & { version: number },
) {
  await db.transaction().execute(async (trx) => {
    const estate = await writableEstate(trx, ctx.actor, id, registryPolicy.editEstates);
    const { version, ...changes } = input;
    const regulator = coversEstate(ctx.actor, ['city_regulator', 'district_regulator'], estate);
    if (!regulator && Object.keys(changes).some((k) => k !== 'projectManagerId')) throw forbidden();
    const cols = await estateColumns(trx, ctx, changes, estate);
    const { before, after } = await updateVersioned(trx, 'estates', id, version, cols);
    await audit(trx, ctx, { action: 'update', entityType: 'estate', entityId: id, estateId: id, before, after });
  });
  return getEstate(db, ctx, id);
}

export async function listBuildings(db: Executor, ctx: RequestContext, estateId: string) {
  await getEstate(db, ctx, estateId);
  const rows = await db
    .selectFrom('buildings')
    .select((eb) => [
      'id',
      'estate_id',
      'name',
      'floors',
      'version',
      eb
        .selectFrom('units')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('units.building_id', '=', 'buildings.id')
        .as('unit_count'),
    ])
    .where('estate_id', '=', estateId)
    .orderBy(sql`length(name)`)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    estateId: r.estate_id,
    name: r.name,
    floors: r.floors,
    unitCount: Number(r.unit_count ?? 0),
    version: r.version,
  }));
}

export async function createBuilding(
  db: Executor,
  ctx: RequestContext,
  estateId: string,
  input: { name: string; floors?: number | null },
) {
  return db.transaction().execute(async (trx) => {
    await writableEstate(trx, ctx.actor, estateId, registryPolicy.editUnits);
    const row = { id: newId(), estate_id: estateId, name: input.name, floors: input.floors ?? null };
    await trx.insertInto('buildings').values(row).execute();
    await audit(trx, ctx, { action: 'create', entityType: 'building', entityId: row.id, estateId, after: row });
    return { id: row.id, estateId, name: row.name, floors: row.floors, unitCount: 0, version: 1 };
  });
}

export async function patchBuilding(
  db: Executor,
  ctx: RequestContext,
  id: string,
  input: { version: number; name?: string; floors?: number | null },
) {
  return db.transaction().execute(async (trx) => {
    const building = await trx.selectFrom('buildings').select('estate_id').where('id', '=', id).executeTakeFirst();
    if (!building) throw notFound();
    await writableEstate(trx, ctx.actor, building.estate_id, registryPolicy.editUnits);
    const { version, ...changes } = input;
    const { before, after } = await updateVersioned<{
      id: string;
      estate_id: string;
      name: string;
      floors: number | null;
      version: number;
    }>(trx, 'buildings', id, version, changes, false);
    await audit(trx, ctx, {
      action: 'update',
      entityType: 'building',
      entityId: id,
      estateId: building.estate_id,
      before,
      after,
    });
    return {
      id,
      estateId: after.estate_id,
      name: after.name,
      floors: after.floors,
      unitCount: 0,
      version: after.version,
    };
  });
}
