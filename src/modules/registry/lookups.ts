import { sql } from 'kysely';
import type { Actor } from '../../kernel/auth/roles.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { companyVisible, estateVisible } from './scope.ts';

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
  serviceGrade: number;
  lat: number | null;
  lng: number | null;
}

export const estateColumns = [
  'estates.id',
  'estates.code',
  'estates.name',
  'estates.address',
  'estates.region_path as regionPath',
  'estates.street_id as streetId',
  'estates.community_id as communityId',
  'estates.company_id as companyId',
  'estates.service_grade as serviceGrade',
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

/** Where a report is made and by whom, read in one round trip (intake runs it on every report). */
export interface ReportingContext {
  estate: EstatePlace;
  /** Whether the person owns a unit in the estate (a resident may report only where they live). */
  ownsUnit: boolean;
  /** The building of the unit or building named, and a label such as "3栋 1201". */
  place: { buildingId: string | null; label: string | null };
  person: { name: string; phone: string | null } | null;
}

export async function reportingContext(
  db: Executor,
  q: { estateId: string; personId?: string | null; unitId?: string | null; buildingId?: string | null },
): Promise<ReportingContext> {
  const res = await sql<
    EstatePlace & {
      owns: boolean | null;
      unit: Place | null;
      building: Place | null;
      person: ReportingContext['person'];
    }
  >`
    SELECT e.id, e.code, e.name, e.address, e.region_path AS "regionPath", e.street_id AS "streetId",
      e.community_id AS "communityId", e.company_id AS "companyId", e.lat, e.lng,
      (SELECT true FROM unit_owners o WHERE o.person_id = ${q.personId ?? null}::uuid AND o.estate_id = e.id LIMIT 1) AS owns,
      (SELECT json_build_object('estateId', u.estate_id, 'buildingId', b.id, 'label', b.name || ' ' || u.number)
         FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.id = ${q.unitId ?? null}::uuid) AS unit,
      (SELECT json_build_object('estateId', b.estate_id, 'buildingId', b.id, 'label', b.name)
         FROM buildings b WHERE b.id = ${q.buildingId ?? null}::uuid) AS building,
      (SELECT json_build_object('name', p.name, 'phone', p.phone) FROM persons p WHERE p.id = ${q.personId ?? null}::uuid) AS person
    FROM estates e WHERE e.id = ${q.estateId}::uuid`.execute(db);
  const row = res.rows[0];
  if (!row) throw notFound('registry.estate_not_found');
  const { owns, unit, building, person, ...estate } = row;
  const named = q.unitId ? unit : q.buildingId ? building : null;
  if ((q.unitId || q.buildingId) && named?.estateId !== estate.id)
    throw new DomainError('registry.unit_not_in_estate', 400);
  return {
    estate,
    ownsUnit: !!owns,
    place: { buildingId: named?.buildingId ?? null, label: named?.label ?? null },
    person,
  };
}
type Place = { estateId: string; buildingId: string; label: string };

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

/** A unit as an owners' vote counts it: its area fields and who holds it (the representative owner, if any). */
export interface VotingUnit {
  unitId: string;
  buildingId: string;
  buildingName: string;
  label: string;
  holder: 'owner' | 'developer_unsold' | 'developer_undelivered';
  personId: string | null;
  area_registered: number | null;
  area_surveyed: number | null;
  area_contract: number | null;
}

/** The units of an estate, or of some of its buildings or units, with their representative owners. */
export async function votingUnits(
  db: Executor,
  estateId: string,
  scope: { buildingIds?: string[]; unitIds?: string[] } = {},
): Promise<VotingUnit[]> {
  let q = db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .leftJoin('unit_owners', (j) =>
      j.onRef('unit_owners.unit_id', '=', 'units.id').on('unit_owners.is_representative', '=', true),
    )
    .select([
      'units.id as unitId',
      'units.building_id as buildingId',
      'buildings.name as buildingName',
      sql<string>`buildings.name || ' ' || units.number`.as('label'),
      'units.holder',
      'unit_owners.person_id as personId',
      'units.area_registered',
      'units.area_surveyed',
      'units.area_contract',
    ])
    .where('units.estate_id', '=', estateId);
  if (scope.buildingIds?.length) q = q.where('units.building_id', 'in', scope.buildingIds);
  if (scope.unitIds?.length) q = q.where('units.id', 'in', scope.unitIds);
  return q.orderBy('buildings.name').orderBy('units.number').execute() as Promise<VotingUnit[]>;
}

/**
 * The owner who speaks for a unit named by its label ("3栋 1201"), as the voting roll counts them: its
 * representative owner. Undefined when no such unit exists in the estate or nobody owns it on record.
 */
export async function ownerOfUnit(db: Executor, estateId: string, label: string) {
  return db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('unit_owners', (j) =>
      j.onRef('unit_owners.unit_id', '=', 'units.id').on('unit_owners.is_representative', '=', true),
    )
    .innerJoin('persons', 'persons.id', 'unit_owners.person_id')
    .select(['persons.id as personId', 'persons.name'])
    .where('units.estate_id', '=', estateId)
    .where(sql<string>`buildings.name || ' ' || units.number`, '=', label.trim().replace(/\s+/g, ' '))
    .executeTakeFirst();
}

/** How to reach the owner who speaks for each unit: their app account if they have one, else their phone. */
export async function ownerContacts(db: Executor, unitIds: string[]) {
  if (!unitIds.length) return [];
  return db
    .selectFrom('unit_owners')
    .innerJoin('persons', 'persons.id', 'unit_owners.person_id')
    .innerJoin('units', 'units.id', 'unit_owners.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .leftJoin('accounts', 'accounts.person_id', 'persons.id')
    .select([
      'unit_owners.unit_id as unitId',
      'accounts.id as accountId',
      'persons.phone',
      sql<string>`buildings.name || ' ' || units.number`.as('label'),
    ])
    .where('unit_owners.unit_id', 'in', unitIds)
    .where('unit_owners.is_representative', '=', true)
    .execute();
}

/** The estates an actor may see, with their place (for city-wide overviews such as the fund's). */
export async function estatesInView(db: Executor, actor: Actor, limit = 5000): Promise<EstatePlace[]> {
  return db
    .selectFrom('estates')
    .select(estateColumns)
    .where(estateVisible(actor))
    .orderBy('estates.code')
    .limit(limit)
    .execute();
}

/** The estate's serving owners' committee (业主委员会), if it has one: the owners' assembly can then act. */
export async function activeOwnersCommittee(db: Executor, estateId: string) {
  return db
    .selectFrom('committees')
    .select(['id', 'term_start as termStart', 'term_end as termEnd'])
    .where('estate_id', '=', estateId)
    .where('kind', '=', 'owners_committee')
    .where('status', '=', 'active')
    .executeTakeFirst();
}

/** The companies in business (not deregistered), by name: the ones a city-wide evaluation ranks. */
export async function activeCompanies(db: Executor) {
  return db
    .selectFrom('companies')
    .select(['id', 'name', 'uscc'])
    .where('status', '<>', 'deregistered')
    .orderBy('name')
    .execute();
}

/** May the actor see this company (regulators all; a company itself; others those managing estates they see)? */
export async function companyInView(db: Executor, actor: Actor, companyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('companies')
    .select('id')
    .where('id', '=', companyId)
    .where(companyVisible(actor))
    .executeTakeFirst();
  return !!row;
}

/** Companies by a fragment of their name or their USCC, for the public portal: public facts only. */
export async function searchCompanies(db: Executor, q: string, limit = 50) {
  const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
  return db
    .selectFrom('companies')
    .select(['id', 'name', 'uscc', 'status'])
    .where((eb) => eb.or([eb('name', 'ilike', like), eb('uscc', '=', q.toUpperCase())]))
    .where('status', '<>', 'deregistered')
    .orderBy('name')
    .limit(limit)
    .execute();
}

/** One company's public facts, or undefined. */
export async function publicCompany(db: Executor, id: string) {
  return db.selectFrom('companies').select(['id', 'name', 'uscc', 'status']).where('id', '=', id).executeTakeFirst();
}
