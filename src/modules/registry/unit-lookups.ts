import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../kernel/db.ts';
import { type EstatePlace, estateColumns } from './lookups.ts';

/**
 * Read-only lookups of units for other modules (money, above all), so they never query the registry's tables
 * themselves. A unit's label is its building and number: "3栋 1201".
 */

const label = sql<string>`buildings.name || ' ' || units.number`;

export interface UnitPlace {
  unitId: string;
  label: string;
  use: 'residence' | 'shop' | 'parking' | 'other';
  area_registered: number | null;
  area_surveyed: number | null;
  area_contract: number | null;
  estate: EstatePlace;
}

/** A unit with its label, use, areas and its estate's place, in one read: for a desk that takes a unit's money. */
export async function unitPlace(db: Executor, unitId: string): Promise<UnitPlace | undefined> {
  const row = await db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('estates', 'estates.id', 'units.estate_id')
    .select([
      ...estateColumns,
      'units.id as unitId',
      label.as('label'),
      'units.use',
      'units.area_registered',
      'units.area_surveyed',
      'units.area_contract',
    ])
    .where('units.id', '=', unitId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { unitId: id, label: l, use, area_registered, area_surveyed, area_contract, ...estate } = row;
  return { unitId: id, label: l, use, area_registered, area_surveyed, area_contract, estate };
}

/** Labels by unit id, for lists of money that name units. */
export async function unitLabels(db: Executor, unitIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(unitIds)];
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .select(['units.id', label.as('label')])
    .where('units.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** The units a person owns, with their estate, labelled, in building and number order. */
export async function unitsOfPerson(db: Executor, personId: string) {
  return db
    .selectFrom('unit_owners')
    .innerJoin('units', 'units.id', 'unit_owners.unit_id')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('estates', 'estates.id', 'units.estate_id')
    .select(['units.id as unitId', 'units.estate_id as estateId', 'estates.name as estateName', label.as('label')])
    .where('unit_owners.person_id', '=', personId)
    .orderBy('estates.name')
    .orderBy('buildings.name')
    .orderBy('units.number')
    .execute();
}

/** The estate of a unit the person owns; undefined if they do not own it. */
export async function ownedUnitEstate(db: Executor, personId: string, unitId: string) {
  const row = await db
    .selectFrom('unit_owners')
    .select('estate_id')
    .where('unit_id', '=', unitId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row?.estate_id;
}

/** Every unit id of an estate. */
export async function unitIdsOf(db: Executor, estateId: string): Promise<string[]> {
  const rows = await db.selectFrom('units').select('id').where('estate_id', '=', estateId).execute();
  return rows.map((r) => r.id);
}

/**
 * The units a bill run bills, as a subquery for its set-based INSERT … SELECT: `id`, `area` (the effective area in
 * 0.01 m²) and `since` (the first owner's handover date, from which a part month is billed), for an estate's units
 * of the given uses. The registry owns this SQL; the bill run only composes it.
 */
export function billableUnits(
  estateId: string,
  uses: string[],
): RawBuilder<{ id: string; area: number; since: string }> {
  return sql`
    SELECT u.id, coalesce(u.area_registered, u.area_surveyed, u.area_contract) AS area, o.since
    FROM units u
    LEFT JOIN LATERAL (SELECT min(since) AS since FROM unit_owners WHERE unit_id = u.id) o ON true
    WHERE u.estate_id = ${estateId} AND u.use = ANY(${uses}::text[])`;
}
