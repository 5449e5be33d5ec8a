import type { Executor } from '../../kernel/db.ts';

/** Lookups other modules use for credit evaluation and the public portal: staff, a region's companies, estates. */

/** One staff member, with the company they work for, or undefined. */
export async function staffMember(db: Executor, id: string) {
  return db
    .selectFrom('staff')
    .select(['id', 'company_id as companyId', 'name', 'position', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Names of staff members, by id. */
export async function staffNames(db: Executor, ids: string[]): Promise<Record<string, string>> {
  if (!ids.length) return {};
  const rows = await db.selectFrom('staff').select(['id', 'name']).where('id', 'in', ids).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/** A region (district, street…) and the companies managing at least one estate inside it. */
export async function companiesServingRegion(db: Executor, regionId: string) {
  const region = await db
    .selectFrom('regions')
    .select(['id', 'name', 'path'])
    .where('id', '=', regionId)
    .executeTakeFirst();
  if (!region) return undefined;
  const rows = await db
    .selectFrom('estates')
    .select('company_id')
    .distinct()
    .where('region_path', 'like', `${region.path}%`)
    .where('company_id', 'is not', null)
    .execute();
  return { id: region.id, name: region.name, companyIds: rows.map((r) => r.company_id as string) };
}

/** The city's districts, for choosing a district ranking. */
export async function districts(db: Executor) {
  return db.selectFrom('regions').select(['id', 'name']).where('level', '=', 'district').orderBy('code').execute();
}

/** Estates by a fragment of their name or address, for the public portal: public facts only. */
export async function searchEstates(db: Executor, q: string, limit = 50) {
  const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
  return db
    .selectFrom('estates')
    .leftJoin('companies', 'companies.id', 'estates.company_id')
    .leftJoin('regions', 'regions.id', 'estates.street_id')
    .select([
      'estates.id',
      'estates.name',
      'estates.address',
      'regions.name as street',
      'companies.id as companyId',
      'companies.name as company',
    ])
    .where((eb) => eb.or([eb('estates.name', 'ilike', like), eb('estates.address', 'ilike', like)]))
    .orderBy('estates.code')
    .limit(limit)
    .execute();
}
