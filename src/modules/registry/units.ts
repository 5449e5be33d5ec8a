import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, pageOf, pageSize } from '../../kernel/pagination.ts';
import { updateVersioned } from '../../kernel/versioned.ts';
import { writableEstate } from './access.ts';
import { effectiveArea, maskPhone } from './identifiers.ts';
import { registryPolicy } from './policy.ts';
import { estateVisible } from './scope.ts';

/** Units (专有部分), their owners and the persons behind them. Personal data leaves here masked. */

function unitQuery(db: Executor) {
  return db
    .selectFrom('units')
    .innerJoin('buildings', 'buildings.id', 'units.building_id')
    .innerJoin('estates', 'estates.id', 'units.estate_id')
    .select([
      'units.id',
      'units.estate_id',
      'estates.name as estate_name',
      'units.building_id',
      'buildings.name as building_name',
      'units.number',
      'units.floor',
      'units.use',
      'units.area_registered',
      'units.area_surveyed',
      'units.area_contract',
      'units.holder',
      'units.version',
    ]);
}
type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['executeTakeFirstOrThrow']>>;

async function withOwners(db: Executor, rows: UnitRow[]) {
  const ids = rows.map((r) => r.id);
  const owners = ids.length
    ? await db
        .selectFrom('unit_owners')
        .innerJoin('persons', 'persons.id', 'unit_owners.person_id')
        .select(['unit_owners.unit_id', 'persons.id', 'persons.name', 'persons.phone', 'unit_owners.is_representative'])
        .where('unit_owners.unit_id', 'in', ids)
        .orderBy('unit_owners.is_representative', 'desc')
        .execute()
    : [];
  return rows.map((r) => {
    const { area, source } = effectiveArea(r);
    return {
      id: r.id,
      estateId: r.estate_id,
      estateName: r.estate_name,
      buildingId: r.building_id,
      buildingName: r.building_name,
      number: r.number,
      floor: r.floor,
      use: r.use,
      areaRegistered: r.area_registered,
      areaSurveyed: r.area_surveyed,
      areaContract: r.area_contract,
      area,
      areaSource: source,
      holder: r.holder,
      owners: owners
        .filter((o) => o.unit_id === r.id)
        .map((o) => ({
          personId: o.id,
          name: o.name,
          phone: maskPhone(o.phone),
          isRepresentative: o.is_representative,
        })),
      version: r.version,
    };
  });
}

export interface UnitFilter {
  q?: string;
  estateId?: string;
  buildingId?: string;
  use?: string;
  cursor?: string;
  limit?: number;
}

export async function listUnits(db: Executor, ctx: RequestContext, f: UnitFilter, all = false) {
  let q = unitQuery(db).where(estateVisible(ctx.actor));
  if (f.estateId) q = q.where('units.estate_id', '=', f.estateId);
  if (f.buildingId) q = q.where('units.building_id', '=', f.buildingId);
  if (f.use) q = q.where('units.use', '=', f.use as 'residence');
  if (f.q) q = q.where('units.number', 'ilike', `%${f.q}%`);
  // Sort key: building then unit number, zero-padded so 2号楼 < 10号楼 and 101 < 1001, as on the door plates.
  const key = sql<string>`lpad(buildings.name, 20, '0') || '/' || lpad(units.number, 12, '0')`;
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where((eb) => eb(eb.tuple(key, eb.ref('units.id')), '>', eb.tuple(String(cursor.key), cursor.id)));
  const limit = pageSize(all, f.limit);
  const rows = await q
    .orderBy(key)
    .orderBy('units.id')
    .limit(limit + 1)
    .execute();
  return pageOf(
    await withOwners(db, rows),
    limit,
    (u) => `${u.buildingName.padStart(20, '0')}/${u.number.padStart(12, '0')}`,
  );
}

export async function getUnit(db: Executor, ctx: RequestContext, id: string) {
  const row = await unitQuery(db).where('units.id', '=', id).where(estateVisible(ctx.actor)).executeTakeFirst();
  if (!row) throw notFound();
  return (await withOwners(db, [row]))[0];
}

type UnitInput = {
  number?: string;
  floor?: number | null;
  use?: 'residence' | 'shop' | 'parking' | 'other';
  areaRegistered?: number | null;
  areaSurveyed?: number | null;
  areaContract?: number | null;
  holder?: 'owner' | 'developer_unsold' | 'developer_undelivered';
};

const unitColumns = (input: UnitInput) => {
  const map = {
    number: 'number',
    floor: 'floor',
    use: 'use',
    areaRegistered: 'area_registered',
    areaSurveyed: 'area_surveyed',
    areaContract: 'area_contract',
    holder: 'holder',
  } as const;
  const cols: Record<string, unknown> = {};
  for (const [k, c] of Object.entries(map))
    if (input[k as keyof UnitInput] !== undefined) cols[c] = input[k as keyof UnitInput];
  return cols;
};

const hasArea = (u: { area_registered?: unknown; area_surveyed?: unknown; area_contract?: unknown }) =>
  u.area_registered != null || u.area_surveyed != null || u.area_contract != null;

export async function createUnit(db: Executor, ctx: RequestContext, input: UnitInput & { buildingId: string }) {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const building = await trx
      .selectFrom('buildings')
      .select(['id', 'estate_id'])
      .where('id', '=', input.buildingId)
      .executeTakeFirst();
    if (!building) throw notFound();
    await writableEstate(trx, ctx.actor, building.estate_id, registryPolicy.editUnits);
    const row: Record<string, unknown> = {
      id,
      estate_id: building.estate_id,
      building_id: building.id,
      ...unitColumns(input),
    };
    if (!hasArea(row))
      throw new DomainError('validation', 400, {}, [{ field: 'areaRegistered', code: 'registry.area_required' }]);
    await trx
      .insertInto('units')
      .values(row as never)
      .execute();
    await audit(trx, ctx, {
      action: 'create',
      entityType: 'unit',
      entityId: id,
      estateId: building.estate_id,
      after: row,
    });
  });
  return getUnit(db, ctx, id);
}

export async function patchUnit(db: Executor, ctx: RequestContext, id: string, input: UnitInput & { version: number }) {
  await db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('units').select('estate_id').where('id', '=', id).executeTakeFirst();
    if (!unit) throw notFound();
    await writableEstate(trx, ctx.actor, unit.estate_id, registryPolicy.editUnits);
    const { version, ...changes } = input;
    const { before, after } = await updateVersioned(trx, 'units', id, version, unitColumns(changes));
    if (!hasArea(after))
      throw new DomainError('validation', 400, {}, [{ field: 'areaRegistered', code: 'registry.area_required' }]);
    await audit(trx, ctx, {
      action: 'update',
      entityType: 'unit',
      entityId: id,
      estateId: unit.estate_id,
      before,
      after,
    });
  });
  return getUnit(db, ctx, id);
}

/** A resident's own units, through the person linked to their account. */
export async function myUnits(db: Executor, ctx: RequestContext) {
  if (!ctx.actor.personId) return [];
  const rows = await unitQuery(db)
    .where('units.id', 'in', (eb) =>
      eb
        .selectFrom('unit_owners')
        .select('unit_id')
        .where('person_id', '=', ctx.actor.personId as string),
    )
    .orderBy('estates.name')
    .orderBy('units.number')
    .execute();
  return withOwners(db, rows);
}
