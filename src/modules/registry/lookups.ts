import { sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';

/** Read-only lookups other modules need from the registry, so they never query its tables themselves. */

export interface EstatePlace {
  id: string;
  code: string;
  name: string;
  address: string;
  regionPath: string;
  streetId: string;
  communityId: string;
  companyId: string | null;
  lat: number | null;
  lng: number | null;
}

const estateColumns = [
  'estates.id',
  'estates.code',
  'estates.name',
  'estates.address',
  'estates.region_path as regionPath',
  'estates.street_id as streetId',
  'estates.community_id as communityId',
  'estates.company_id as companyId',
  'estates.lat',
  'estates.lng',
] as const;

export async function estatePlace(db: Executor, estateId: string): Promise<EstatePlace> {
  const row = await db.selectFrom('estates').select(estateColumns).where('id', '=', estateId).executeTakeFirst();
  if (!row) throw notFound('registry.estate_not_found');
  return row;
}

/** An estate named by code, by the nearest coordinates (within ~1 km), or by a name or address fragment. */
export async function findEstate(
  db: Executor,
  by: { code?: string; lat?: number; lng?: number; text?: string },
): Promise<EstatePlace | undefined> {
  const q = db.selectFrom('estates').select(estateColumns);
  if (by.code) return q.where('code', '=', by.code).executeTakeFirst();
  if (by.lat !== undefined && by.lng !== undefined) {
    // Equirectangular distance is exact enough inside one city; 0.01° ≈ 1.1 km.
    const d2 = sql<number>`power(estates.lat - ${by.lat}, 2) + power((estates.lng - ${by.lng}) * cos(radians(${by.lat})), 2)`;
    return q.where('lat', 'is not', null).where(d2, '<', 0.0001).orderBy(d2).limit(1).executeTakeFirst();
  }
  if (by.text) {
    const like = `%${by.text.replace(/[%_\\]/g, '\\$&')}%`;
    return q
      .where((eb) =>
        eb.or([
          eb('name', 'like', like),
          eb('address', 'like', like),
          eb(sql.val(by.text as string), 'like', sql<string>`'%' || estates.name || '%'`),
        ]),
      )
      .orderBy('code')
      .limit(1)
      .executeTakeFirst();
  }
  return undefined;
}

/** Checks that a unit or building lies in the estate; returns a label such as "3栋 1201". */
export async function placeLabel(
  db: Executor,
  estateId: string,
  place: { unitId?: string | null; buildingId?: string | null },
): Promise<{ buildingId: string | null; label: string | null }> {
  if (place.unitId) {
    const u = await db
      .selectFrom('units')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .select(['units.estate_id', 'buildings.id as buildingId', 'buildings.name as building', 'units.number'])
      .where('units.id', '=', place.unitId)
      .executeTakeFirst();
    if (!u || u.estate_id !== estateId) throw new DomainError('registry.unit_not_in_estate', 400);
    return { buildingId: u.buildingId, label: `${u.building} ${u.number}` };
  }
  if (place.buildingId) {
    const b = await db
      .selectFrom('buildings')
      .select(['estate_id', 'name'])
      .where('id', '=', place.buildingId)
      .executeTakeFirst();
    if (!b || b.estate_id !== estateId) throw new DomainError('registry.unit_not_in_estate', 400);
    return { buildingId: place.buildingId, label: b.name };
  }
  return { buildingId: null, label: null };
}

/** Whether a person owns a unit in the estate (a resident may report only where they live). */
export async function ownsUnitIn(db: Executor, personId: string, estateId: string): Promise<boolean> {
  const row = await db
    .selectFrom('unit_owners')
    .select('unit_id')
    .where('person_id', '=', personId)
    .where('estate_id', '=', estateId)
    .executeTakeFirst();
  return !!row;
}

export async function personContact(db: Executor, personId: string) {
  return db.selectFrom('persons').select(['name', 'phone']).where('id', '=', personId).executeTakeFirst();
}

/**
 * The department of a kind that answers for a place: the one registered nearest above it (a district's own
 * department before the city's).
 */
export async function departmentFor(db: Executor, kind: string, regionPath: string) {
  return db
    .selectFrom('departments')
    .innerJoin('regions', 'regions.id', 'departments.region_id')
    .select(['departments.id', 'departments.name', 'departments.kind', 'regions.path'])
    .where('departments.kind', '=', kind)
    .where(sql.val(regionPath), 'like', sql<string>`regions.path || '%'`)
    .orderBy(sql`length(regions.path)`, 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function departmentsIn(db: Executor, regionPath: string) {
  return db
    .selectFrom('departments')
    .innerJoin('regions', 'regions.id', 'departments.region_id')
    .select(['departments.id', 'departments.name', 'departments.kind'])
    .where(sql.val(regionPath), 'like', sql<string>`regions.path || '%'`)
    .orderBy('departments.name')
    .execute();
}

/** Display names of regions, estates, companies and departments by id. */
export async function namesOf(db: Executor, ids: (string | null | undefined)[]): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return {};
  const rows = await db
    .selectFrom('regions')
    .select(['id', 'name'])
    .where('id', 'in', wanted)
    .unionAll(db.selectFrom('estates').select(['id', 'name']).where('id', 'in', wanted))
    .unionAll(db.selectFrom('companies').select(['id', 'name']).where('id', 'in', wanted))
    .unionAll(db.selectFrom('departments').select(['id', 'name']).where('id', 'in', wanted))
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/** The estates a company manages now. */
export async function estatesOfCompany(db: Executor, companyId: string): Promise<string[]> {
  const rows = await db.selectFrom('estates').select('id').where('company_id', '=', companyId).execute();
  return rows.map((r) => r.id);
}

/** Estate codes (JC-001…) by estate id: the public identifiers Open311 calls address_id. */
export async function estateCodes(db: Executor, ids: (string | null | undefined)[]): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return {};
  const rows = await db.selectFrom('estates').select(['id', 'code']).where('id', 'in', wanted).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.code]));
}
