import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { updateVersioned } from '../../kernel/versioned.ts';
import { writableEstate } from './access.ts';
import { registryPolicy } from './policy.ts';
import { estateVisible } from './scope.ts';

/** Departments and owners' committees. */

const toDepartment = (r: {
  id: string;
  region_id: string;
  kind: string;
  name: string;
  phone: string | null;
  categories: string[];
  version: number;
}) => ({
  id: r.id,
  regionId: r.region_id,
  kind: r.kind,
  name: r.name,
  phone: r.phone,
  categories: r.categories,
  version: r.version,
});

export async function listDepartments(db: Executor) {
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'region_id', 'kind', 'name', 'phone', 'categories', 'version'])
    .orderBy('name')
    .execute();
  return rows.map(toDepartment);
}

export async function createDepartment(
  db: Executor,
  ctx: RequestContext,
  input: { regionId: string; kind: string; name: string; phone?: string | null; categories: string[] },
) {
  return db.transaction().execute(async (trx) => {
    const row = {
      id: newId(),
      region_id: input.regionId,
      kind: input.kind,
      name: input.name,
      phone: input.phone ?? null,
      categories: input.categories,
    };
    await trx.insertInto('departments').values(row).execute();
    await audit(trx, ctx, { action: 'create', entityType: 'department', entityId: row.id, after: row });
    return toDepartment({ ...row, version: 1 });
  });
}

export async function patchDepartment(
  db: Executor,
  ctx: RequestContext,
  id: string,
  input: { version: number; name?: string; phone?: string | null; categories?: string[] },
) {
  return db.transaction().execute(async (trx) => {
    const { version, ...changes } = input;
    const { before, after } = await updateVersioned<Parameters<typeof toDepartment>[0]>(
      trx,
      'departments',
      id,
      version,
      changes,
      false,
    );
    await audit(trx, ctx, { action: 'update', entityType: 'department', entityId: id, before, after });
    return toDepartment(after);
  });
}

export async function listCommittees(db: Executor, ctx: RequestContext, estateId: string) {
  const visible = await db
    .selectFrom('estates')
    .select('id')
    .where('id', '=', estateId)
    .where(estateVisible(ctx.actor))
    .executeTakeFirst();
  if (!visible) throw notFound();
  const committees = await db
    .selectFrom('committees')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('created_at', 'desc')
    .execute();
  const members = committees.length
    ? await db
        .selectFrom('committee_members')
        .innerJoin('persons', 'persons.id', 'committee_members.person_id')
        .select(['committee_members.committee_id', 'persons.id', 'persons.name', 'committee_members.position'])
        .where(
          'committee_id',
          'in',
          committees.map((c) => c.id),
        )
        .execute()
    : [];
  return committees.map((c) => ({
    id: c.id,
    estateId: c.estate_id,
    kind: c.kind,
    termStart: c.term_start,
    termEnd: c.term_end,
    status: c.status,
    version: c.version,
    members: members
      .filter((m) => m.committee_id === c.id)
      .map((m) => ({ personId: m.id, name: m.name, position: m.position })),
  }));
}

/** Records a committee (after its election, or a 物业管理委员会 set up by the street office); the previous one ends. */
export async function createCommittee(
  db: Executor,
  ctx: RequestContext,
  estateId: string,
  input: {
    kind: 'owners_committee' | 'management_committee';
    termStart?: string | null;
    termEnd?: string | null;
    members: { personId: string; position: 'director' | 'deputy_director' | 'member' }[];
  },
) {
  await db.transaction().execute(async (trx) => {
    await writableEstate(trx, ctx.actor, estateId, registryPolicy.editCommittees);
    if (input.kind === 'owners_committee' && input.members.length) {
      const owners = await trx
        .selectFrom('unit_owners')
        .select('person_id')
        .distinct()
        .where('estate_id', '=', estateId)
        .where(
          'person_id',
          'in',
          input.members.map((m) => m.personId),
        )
        .execute();
      if (owners.length !== new Set(input.members.map((m) => m.personId)).size)
        throw new DomainError('registry.not_estate_person', 400);
    }
    await trx
      .updateTable('committees')
      .set({ status: 'ended' })
      .where('estate_id', '=', estateId)
      .where('status', '=', 'active')
      .execute();
    const row = {
      id: newId(),
      estate_id: estateId,
      kind: input.kind,
      term_start: input.termStart ?? null,
      term_end: input.termEnd ?? null,
    };
    await trx.insertInto('committees').values(row).execute();
    if (input.members.length) {
      await trx
        .insertInto('committee_members')
        .values(input.members.map((m) => ({ committee_id: row.id, person_id: m.personId, position: m.position })))
        .execute();
    }
    await audit(trx, ctx, {
      action: 'create',
      entityType: 'committee',
      entityId: row.id,
      estateId,
      after: { ...row, members: input.members },
    });
  });
  return listCommittees(db, ctx, estateId);
}
