import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, pageOf, pageSize } from '../../kernel/pagination.ts';
import { updateVersioned } from '../../kernel/versioned.ts';
import { coversCompany, writableEstate } from './access.ts';
import { isValidResidentId, isValidUscc, maskPhone, maskResidentId } from './identifiers.ts';
import { registryPolicy } from './policy.ts';
import { companyVisible, estateVisible, staffVisible } from './scope.ts';

/** Companies, their staff, departments and owners' committees. */

const fieldError = (field: string, code: string) => new DomainError('validation', 400, {}, [{ field, code }]);

function companyQuery(db: Executor) {
  return db
    .selectFrom('companies')
    .select((eb) => [
      'companies.id',
      'companies.uscc',
      'companies.name',
      'companies.legal_representative',
      'companies.contact_name',
      'companies.contact_phone',
      'companies.address',
      'companies.status',
      'companies.version',
      eb
        .selectFrom('estates')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('estates.company_id', '=', 'companies.id')
        .as('estate_count'),
      eb
        .selectFrom('staff')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('staff.company_id', '=', 'companies.id')
        .where('staff.status', '=', 'active')
        .as('staff_count'),
    ]);
}
type CompanyRow = Awaited<ReturnType<ReturnType<typeof companyQuery>['executeTakeFirstOrThrow']>>;
const toCompany = (r: CompanyRow) => ({
  id: r.id,
  uscc: r.uscc,
  name: r.name,
  legalRepresentative: r.legal_representative,
  contactName: r.contact_name,
  contactPhone: maskPhone(r.contact_phone),
  address: r.address,
  status: r.status,
  estateCount: Number(r.estate_count ?? 0),
  staffCount: Number(r.staff_count ?? 0),
  version: r.version,
});

export async function listCompanies(
  db: Executor,
  ctx: RequestContext,
  f: { q?: string; status?: string; cursor?: string; limit?: number },
  all = false,
) {
  let q = companyQuery(db).where(companyVisible(ctx.actor));
  if (f.q)
    q = q.where((eb) => eb.or([eb('companies.name', 'ilike', `%${f.q}%`), eb('companies.uscc', 'ilike', `%${f.q}%`)]));
  if (f.status) q = q.where('companies.status', '=', f.status as 'active');
  const cursor = decodeCursor(f.cursor);
  if (cursor)
    q = q.where((eb) =>
      eb(eb.refTuple('companies.name', 'companies.id'), '>', eb.tuple(String(cursor.key), cursor.id)),
    );
  const limit = pageSize(all, f.limit);
  const rows = await q
    .orderBy('companies.name')
    .orderBy('companies.id')
    .limit(limit + 1)
    .execute();
  return pageOf(rows.map(toCompany), limit, (c) => c.name);
}

export async function getCompany(db: Executor, ctx: RequestContext, id: string) {
  const row = await companyQuery(db).where('companies.id', '=', id).where(companyVisible(ctx.actor)).executeTakeFirst();
  if (!row) throw notFound();
  return toCompany(row);
}

type CompanyInput = {
  name?: string;
  legalRepresentative?: string;
  contactName?: string | null;
  contactPhone?: string | null;
  address?: string | null;
  status?: string;
};
const companyColumns = (i: CompanyInput) => {
  const map = {
    name: 'name',
    legalRepresentative: 'legal_representative',
    contactName: 'contact_name',
    contactPhone: 'contact_phone',
    address: 'address',
    status: 'status',
  } as const;
  const cols: Record<string, unknown> = {};
  for (const [k, c] of Object.entries(map))
    if (i[k as keyof CompanyInput] !== undefined) cols[c] = i[k as keyof CompanyInput];
  return cols;
};

export async function createCompany(db: Executor, ctx: RequestContext, input: CompanyInput & { uscc: string }) {
  const uscc = input.uscc.toUpperCase();
  if (!isValidUscc(uscc)) throw fieldError('uscc', 'registry.invalid_uscc');
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const row = { id, uscc, ...companyColumns(input) };
    await trx
      .insertInto('companies')
      .values(row as never)
      .execute();
    await audit(trx, ctx, { action: 'create', entityType: 'company', entityId: id, after: row });
  });
  return getCompany(db, ctx, id);
}

/** Regulators edit any field; a company admin its own contact details, not its status. */
export async function patchCompany(
  db: Executor,
  ctx: RequestContext,
  id: string,
  input: CompanyInput & { version: number },
) {
  if (!coversCompany(ctx.actor, registryPolicy.editCompanies, id)) throw forbidden();
  const regulator = ctx.actor.bindings.some((b) => b.role === 'city_regulator' || b.role === 'district_regulator');
  if (!regulator && input.status !== undefined) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const { version, ...changes } = input;
    const { before, after } = await updateVersioned(trx, 'companies', id, version, companyColumns(changes));
    await audit(trx, ctx, { action: 'update', entityType: 'company', entityId: id, before, after });
  });
  return getCompany(db, ctx, id);
}

function staffQuery(db: Executor) {
  return db
    .selectFrom('staff')
    .innerJoin('companies', 'companies.id', 'staff.company_id')
    .leftJoin('estates', 'estates.id', 'staff.estate_id')
    .select([
      'staff.id',
      'staff.company_id',
      'companies.name as company_name',
      'staff.name',
      'staff.phone',
      'staff.id_number',
      'staff.position',
      'staff.certificates',
      'staff.estate_id',
      'estates.name as estate_name',
      'staff.status',
      'staff.version',
    ]);
}
type StaffRow = Awaited<ReturnType<ReturnType<typeof staffQuery>['executeTakeFirstOrThrow']>>;
const toStaff = (r: StaffRow) => ({
  id: r.id,
  companyId: r.company_id,
  companyName: r.company_name,
  name: r.name,
  phone: maskPhone(r.phone) as string,
  idNumber: maskResidentId(r.id_number),
  position: r.position,
  certificates: r.certificates ?? [],
  estateId: r.estate_id,
  estateName: r.estate_name,
  status: r.status,
  version: r.version,
});

export async function listStaff(
  db: Executor,
  ctx: RequestContext,
  f: { q?: string; companyId?: string; estateId?: string; position?: string; cursor?: string; limit?: number },
  all = false,
) {
  let q = staffQuery(db).where(staffVisible(ctx.actor));
  if (f.q) q = q.where('staff.name', 'ilike', `%${f.q}%`);
  if (f.companyId) q = q.where('staff.company_id', '=', f.companyId);
  if (f.estateId) q = q.where('staff.estate_id', '=', f.estateId);
  if (f.position) q = q.where('staff.position', '=', f.position);
  const cursor = decodeCursor(f.cursor);
  if (cursor)
    q = q.where((eb) => eb(eb.refTuple('staff.name', 'staff.id'), '>', eb.tuple(String(cursor.key), cursor.id)));
  const limit = pageSize(all, f.limit);
  const rows = await q
    .orderBy('staff.name')
    .orderBy('staff.id')
    .limit(limit + 1)
    .execute();
  return pageOf(rows.map(toStaff), limit, (s) => s.name);
}

async function getStaff(db: Executor, ctx: RequestContext, id: string) {
  const row = await staffQuery(db).where('staff.id', '=', id).where(staffVisible(ctx.actor)).executeTakeFirst();
  if (!row) throw notFound();
  return toStaff(row);
}

async function checkStaffEstate(trx: Executor, companyId: string, estateId: string | null | undefined) {
  if (!estateId) return;
  const estate = await trx.selectFrom('estates').select('company_id').where('id', '=', estateId).executeTakeFirst();
  if (!estate || estate.company_id !== companyId) throw fieldError('estateId', 'registry.staff_estate_company');
}

type StaffInput = {
  name?: string;
  phone?: string;
  idNumber?: string | null;
  position?: string;
  certificates?: { name: string; number?: string; expires?: string }[];
  estateId?: string | null;
  status?: 'active' | 'left';
};
const staffColumns = (i: StaffInput) => {
  const cols: Record<string, unknown> = {};
  const map = { name: 'name', phone: 'phone', position: 'position', estateId: 'estate_id', status: 'status' } as const;
  for (const [k, c] of Object.entries(map))
    if (i[k as keyof StaffInput] !== undefined) cols[c] = i[k as keyof StaffInput];
  if (i.idNumber !== undefined) cols.id_number = i.idNumber?.toUpperCase() ?? null;
  if (i.certificates !== undefined) cols.certificates = JSON.stringify(i.certificates);
  return cols;
};
const maskedStaff = (r: Record<string, unknown>) => ({
  ...r,
  phone: maskPhone(r.phone as string),
  id_number: maskResidentId((r.id_number as string) ?? null),
});

export async function createStaff(db: Executor, ctx: RequestContext, input: StaffInput & { companyId: string }) {
  if (!coversCompany(ctx.actor, registryPolicy.editStaff, input.companyId)) throw forbidden();
  if (input.idNumber && !isValidResidentId(input.idNumber))
    throw fieldError('idNumber', 'registry.invalid_resident_id');
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await checkStaffEstate(trx, input.companyId, input.estateId);
    const row = { id, company_id: input.companyId, certificates: '[]', ...staffColumns(input) };
    await trx
      .insertInto('staff')
      .values(row as never)
      .execute();
    await audit(trx, ctx, {
      action: 'create',
      entityType: 'staff',
      entityId: id,
      estateId: input.estateId ?? null,
      after: maskedStaff(row),
    });
  });
  return getStaff(db, ctx, id);
}

export async function patchStaff(
  db: Executor,
  ctx: RequestContext,
  id: string,
  input: StaffInput & { version: number },
) {
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('staff').select(['company_id']).where('id', '=', id).executeTakeFirst();
    if (!current) throw notFound();
    if (!coversCompany(ctx.actor, registryPolicy.editStaff, current.company_id)) throw forbidden();
    await checkStaffEstate(trx, current.company_id, input.estateId);
    const { version, ...changes } = input;
    const { before, after } = await updateVersioned(trx, 'staff', id, version, staffColumns(changes));
    await audit(trx, ctx, {
      action: 'update',
      entityType: 'staff',
      entityId: id,
      before: maskedStaff(before),
      after: maskedStaff(after),
    });
  });
  return getStaff(db, ctx, id);
}

export async function readStaffPii(db: Executor, ctx: RequestContext, id: string) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('staff')
      .select(['id', 'name', 'phone', 'id_number'])
      .where('id', '=', id)
      .where(staffVisible(ctx.actor))
      .executeTakeFirst();
    if (!row) throw notFound();
    await audit(trx, ctx, { action: 'read_pii', entityType: 'staff', entityId: id });
    return { id: row.id, name: row.name, phone: row.phone, idNumber: row.id_number };
  });
}

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
