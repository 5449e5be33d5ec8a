import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, pageOf, pageSize } from '../../kernel/pagination.ts';
import { updateVersioned } from '../../kernel/versioned.ts';
import { coversCompany } from './access.ts';
import { isValidResidentId, maskPhone, maskResidentId } from './identifiers.ts';
import { registryPolicy } from './policy.ts';
import { staffVisible } from './scope.ts';

/** Company staff, with certificates and the estate they serve. */

const fieldError = (field: string, code: string) => new DomainError('validation', 400, {}, [{ field, code }]);

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
