import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, pageOf, pageSize } from '../../kernel/pagination.ts';
import { updateVersioned } from '../../kernel/versioned.ts';
import { writableEstate } from './access.ts';
import { isValidResidentId, maskPhone, maskResidentId } from './identifiers.ts';
import { registryPolicy } from './policy.ts';
import { estateVisible, visibleEstateIds } from './scope.ts';
import { getUnit } from './units.ts';

/** Owners of units and the persons behind them. Personal data leaves here masked; full reads are audited. */

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
