import { sql } from 'kysely';
import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, pageOf, pageSize } from '../../kernel/pagination.ts';
import { updateVersioned } from '../../kernel/versioned.ts';
import { writableEstate } from './access.ts';
import { effectiveArea, isValidResidentId, maskPhone, maskResidentId } from './identifiers.ts';
import { registryPolicy } from './policy.ts';
import { estateVisible, visibleEstateIds } from './scope.ts';

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

/** Adds an owner to a unit: an existing person by id, or a person found or created by resident ID number. */
export async function addOwner(
  db: Executor,
  ctx: RequestContext,
  unitId: string,
  input: {
    personId?: string;
    name?: string;
    phone?: string;
    idNumber?: string;
    isRepresentative?: boolean;
    since?: string;
  },
) {
  await db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('units').select(['id', 'estate_id']).where('id', '=', unitId).executeTakeFirst();
    if (!unit) throw notFound();
    await writableEstate(trx, ctx.actor, unit.estate_id, registryPolicy.editUnits);
    let personId = input.personId;
    if (!personId) {
      if (!input.name || !input.idNumber) throw new DomainError('registry.person_required', 400);
      if (!isValidResidentId(input.idNumber))
        throw new DomainError('validation', 400, {}, [{ field: 'idNumber', code: 'registry.invalid_resident_id' }]);
      const idNumber = input.idNumber.toUpperCase();
      const existing = await trx
        .selectFrom('persons')
        .select('id')
        .where('id_number', '=', idNumber)
        .executeTakeFirst();
      personId = existing?.id ?? newId();
      if (!existing) {
        const person = { id: personId, name: input.name, phone: input.phone ?? null, id_number: idNumber };
        await trx.insertInto('persons').values(person).execute();
        await audit(trx, ctx, {
          action: 'create',
          entityType: 'person',
          entityId: personId,
          estateId: unit.estate_id,
          after: { ...person, phone: maskPhone(person.phone), id_number: maskResidentId(idNumber) },
        });
      }
    } else if (!(await trx.selectFrom('persons').select('id').where('id', '=', personId).executeTakeFirst())) {
      throw notFound();
    }
    const first = !(await trx
      .selectFrom('unit_owners')
      .select('person_id')
      .where('unit_id', '=', unitId)
      .executeTakeFirst());
    const representative = first || (input.isRepresentative ?? false);
    if (representative && !first)
      await trx.updateTable('unit_owners').set({ is_representative: false }).where('unit_id', '=', unitId).execute();
    const link = {
      unit_id: unitId,
      person_id: personId,
      estate_id: unit.estate_id,
      is_representative: representative,
      since: input.since ?? null,
    };
    await trx.insertInto('unit_owners').values(link).execute();
    await trx.updateTable('units').set({ holder: 'owner', updated_at: new Date() }).where('id', '=', unitId).execute();
    await audit(trx, ctx, {
      action: 'create',
      entityType: 'unit_owner',
      entityId: `${unitId}:${personId}`,
      estateId: unit.estate_id,
      after: link,
    });
  });
  return getUnit(db, ctx, unitId);
}

export async function removeOwner(db: Executor, ctx: RequestContext, unitId: string, personId: string) {
  await db.transaction().execute(async (trx) => {
    const link = await trx
      .selectFrom('unit_owners')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    if (!link) throw notFound();
    await writableEstate(trx, ctx.actor, link.estate_id, registryPolicy.editUnits);
    await trx.deleteFrom('unit_owners').where('unit_id', '=', unitId).where('person_id', '=', personId).execute();
    if (link.is_representative) {
      // Co-owned units always keep one representative: the next co-owner takes over.
      const next = await trx
        .selectFrom('unit_owners')
        .select('person_id')
        .where('unit_id', '=', unitId)
        .limit(1)
        .executeTakeFirst();
      if (next)
        await trx
          .updateTable('unit_owners')
          .set({ is_representative: true })
          .where('unit_id', '=', unitId)
          .where('person_id', '=', next.person_id)
          .execute();
    }
    await audit(trx, ctx, {
      action: 'delete',
      entityType: 'unit_owner',
      entityId: `${unitId}:${personId}`,
      estateId: link.estate_id,
      before: link,
    });
  });
}

/** Owners in the estates the caller can see, masked. */
export async function listOwners(
  db: Executor,
  ctx: RequestContext,
  f: { q?: string; estateId?: string; cursor?: string; limit?: number },
  all = false,
) {
  let q = db
    .selectFrom('persons')
    .select(['persons.id', 'persons.name', 'persons.phone', 'persons.id_number', 'persons.version'])
    .where('persons.id', 'in', (eb) => {
      let owned = eb
        .selectFrom('unit_owners')
        .select('unit_owners.person_id')
        .where('unit_owners.estate_id', 'in', visibleEstateIds(ctx.actor) as never);
      if (f.estateId) owned = owned.where('unit_owners.estate_id', '=', f.estateId);
      return owned;
    });
  if (f.q)
    q = q.where((eb) => eb.or([eb('persons.name', 'ilike', `%${f.q}%`), eb('persons.phone', 'like', `%${f.q}%`)]));
  const cursor = decodeCursor(f.cursor);
  if (cursor)
    q = q.where((eb) => eb(eb.refTuple('persons.name', 'persons.id'), '>', eb.tuple(String(cursor.key), cursor.id)));
  const limit = pageSize(all, f.limit);
  const rows = await q
    .orderBy('persons.name')
    .orderBy('persons.id')
    .limit(limit + 1)
    .execute();
  const units = rows.length
    ? await db
        .selectFrom('unit_owners')
        .innerJoin('units', 'units.id', 'unit_owners.unit_id')
        .innerJoin('buildings', 'buildings.id', 'units.building_id')
        .innerJoin('estates', 'estates.id', 'units.estate_id')
        .select([
          'unit_owners.person_id',
          'units.id',
          'estates.name as estate_name',
          'buildings.name as building_name',
          'units.number',
          'unit_owners.is_representative',
        ])
        .where(
          'unit_owners.person_id',
          'in',
          rows.map((r) => r.id),
        )
        .where(estateVisible(ctx.actor))
        .execute()
    : [];
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone: maskPhone(r.phone),
    idNumber: maskResidentId(r.id_number),
    version: r.version,
    units: units
      .filter((u) => u.person_id === r.id)
      .map((u) => ({
        unitId: u.id,
        estateName: u.estate_name,
        buildingName: u.building_name,
        number: u.number,
        isRepresentative: u.is_representative,
      })),
  }));
  return pageOf(items, limit, (p) => p.name);
}

/** The full phone and ID number of an owner in the caller's scope. Every such read is audited. */
export async function readPersonPii(db: Executor, ctx: RequestContext, personId: string) {
  return db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom('persons')
      .select(['id', 'name', 'phone', 'id_number'])
      .where('id', '=', personId)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('unit_owners')
          .select('person_id')
          .where('estate_id', 'in', visibleEstateIds(ctx.actor) as never),
      )
      .executeTakeFirst();
    if (!person) throw notFound();
    await audit(trx, ctx, { action: 'read_pii', entityType: 'person', entityId: personId });
    return { id: person.id, name: person.name, phone: person.phone, idNumber: person.id_number };
  });
}

export async function patchPerson(
  db: Executor,
  ctx: RequestContext,
  id: string,
  input: { version: number; name?: string; phone?: string | null; idNumber?: string | null },
) {
  return db.transaction().execute(async (trx) => {
    const estates = await trx
      .selectFrom('unit_owners')
      .innerJoin('estates', 'estates.id', 'unit_owners.estate_id')
      .select(['estates.id', 'estates.region_path', 'estates.company_id'])
      .where('unit_owners.person_id', '=', id)
      .execute();
    if (!estates.length) throw notFound();
    // Whoever may edit the units of any of the person's estates may correct the person's record.
    let allowed = false;
    for (const e of estates)
      if (!allowed)
        allowed = await writableEstate(trx, ctx.actor, e.id, registryPolicy.editUnits).then(
          () => true,
          () => false,
        );
    if (!allowed) throw notFound();
    if (input.idNumber && !isValidResidentId(input.idNumber))
      throw new DomainError('validation', 400, {}, [{ field: 'idNumber', code: 'registry.invalid_resident_id' }]);
    const { version, idNumber, ...rest } = input;
    const { before, after } = await updateVersioned<{
      id: string;
      name: string;
      phone: string | null;
      id_number: string | null;
      version: number;
    }>(trx, 'persons', id, version, {
      ...rest,
      ...(idNumber !== undefined ? { id_number: idNumber?.toUpperCase() ?? null } : {}),
    });
    const masked = (p: typeof before) => ({ ...p, phone: maskPhone(p.phone), id_number: maskResidentId(p.id_number) });
    await audit(trx, ctx, {
      action: 'update',
      entityType: 'person',
      entityId: id,
      before: masked(before),
      after: masked(after),
    });
    return {
      id,
      name: after.name,
      phone: maskPhone(after.phone),
      idNumber: maskResidentId(after.id_number),
      version: after.version,
    };
  });
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

export async function myProfile(db: Executor, ctx: RequestContext) {
  const person = ctx.actor.personId
    ? await db
        .selectFrom('persons')
        .select(['id', 'name', 'phone', 'id_number'])
        .where('id', '=', ctx.actor.personId)
        .executeTakeFirst()
    : undefined;
  // Residents see their own number masked too: the screen may be seen by others.
  return {
    id: person?.id ?? null,
    name: person?.name ?? ctx.actor.displayName,
    phone: maskPhone(person?.phone ?? null),
    idNumber: maskResidentId(person?.id_number ?? null),
  };
}

/** For the auth hook: the owner registered with this phone number. */
export async function findOwnerByPhone(db: Executor, phone: string) {
  const person = await db
    .selectFrom('persons')
    .select(['id', 'name'])
    .where('phone', '=', phone)
    .where('id', 'in', (eb) => eb.selectFrom('unit_owners').select('person_id'))
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return person ? { personId: person.id, name: person.name } : null;
}
