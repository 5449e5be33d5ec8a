import { type BindingInput, createPasswordAccount } from '../../src/kernel/auth/accounts.ts';
import type { Role } from '../../src/kernel/auth/roles.ts';
import type { Db } from '../../src/kernel/db.ts';
import { newId } from '../../src/kernel/ids.ts';
import { residentId, uscc } from '../../src/modules/registry/seed/names.ts';

/** Test data factories: each creates the parents it needs that the caller did not give. */

let serial = 1;
const next = () => serial++;

type RegionRow = { id: string; path: string };

export async function region(
  db: Db,
  level: 'city' | 'district' | 'street' | 'community' = 'community',
  parent?: RegionRow,
): Promise<RegionRow> {
  const parentLevel = { city: null, district: 'city', street: 'district', community: 'street' } as const;
  const p = parent ?? (parentLevel[level] ? await region(db, parentLevel[level] as 'city') : undefined);
  const id = newId();
  const path = `${p?.path ?? '/'}${id}/`;
  await db
    .insertInto('regions')
    .values({ id, parent_id: p?.id ?? null, level, code: `T${next()}`, name: `${level}-${serial}`, path })
    .execute();
  return { id, path };
}

export async function company(db: Db, overrides: Partial<{ name: string }> = {}) {
  const id = newId();
  await db
    .insertInto('companies')
    .values({
      id,
      uscc: uscc(500_000 + next()),
      name: overrides.name ?? `测试物业${serial}`,
      legal_representative: '张三',
    })
    .execute();
  return { id };
}

export async function estate(db: Db, o: { community?: RegionRow; companyId?: string | null; name?: string } = {}) {
  const community = o.community ?? (await region(db, 'community'));
  const parent = await db
    .selectFrom('regions')
    .select('parent_id')
    .where('id', '=', community.id)
    .executeTakeFirstOrThrow();
  const companyId = o.companyId === undefined ? (await company(db)).id : o.companyId;
  const id = newId();
  await db
    .insertInto('estates')
    .values({
      id,
      code: `E${next()}`,
      name: o.name ?? `测试小区${serial}`,
      address: '测试路1号',
      lng: null,
      lat: null,
      street_id: parent.parent_id as string,
      community_id: community.id,
      region_path: community.path,
      service_grade: 3,
      company_id: companyId,
      management_mode: companyId ? 'company' : 'self_managed',
      total_area: 0,
      project_manager_id: null,
    })
    .execute();
  return { id, companyId, community };
}

export async function unit(db: Db, o: { estateId?: string; area?: number } = {}) {
  const estateId = o.estateId ?? (await estate(db)).id;
  let building = await db.selectFrom('buildings').select('id').where('estate_id', '=', estateId).executeTakeFirst();
  if (!building) {
    building = { id: newId() };
    await db
      .insertInto('buildings')
      .values({ id: building.id, estate_id: estateId, name: '1号楼', floors: 10 })
      .execute();
  }
  const id = newId();
  await db
    .insertInto('units')
    .values({
      id,
      estate_id: estateId,
      building_id: building.id,
      number: `${next()}`,
      floor: 1,
      use: 'residence',
      area_registered: o.area ?? 9000,
      area_surveyed: null,
      area_contract: null,
    })
    .execute();
  return { id, estateId, buildingId: building.id };
}

export async function owner(db: Db, o: { unitId?: string; phone?: string; name?: string } = {}) {
  const u = o.unitId
    ? await db.selectFrom('units').select(['id', 'estate_id']).where('id', '=', o.unitId).executeTakeFirstOrThrow()
    : await unit(db).then((x) => ({ id: x.id, estate_id: x.estateId }));
  const id = newId();
  const n = next();
  await db
    .insertInto('persons')
    .values({
      id,
      name: o.name ?? `业主${n}`,
      phone: o.phone ?? `139${String(n).padStart(8, '0')}`,
      id_number: residentId(9_000_000 + n),
    })
    .execute();
  await db
    .insertInto('unit_owners')
    .values({ unit_id: u.id, person_id: id, estate_id: u.estate_id, is_representative: true, since: null })
    .execute();
  return { id, unitId: u.id, estateId: u.estate_id };
}

/** A password account holding one role over a scope; returns its username (password Anju@2026). */
export async function account(db: Db, role: Role, scope: Omit<BindingInput, 'role'>) {
  const username = `${role}.${next()}`;
  await createPasswordAccount(db, { username, password: 'Anju@2026', displayName: username }, [{ role, ...scope }]);
  return username;
}
