import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, pageOf, pageSize } from '../../kernel/pagination.ts';
import { updateVersioned } from '../../kernel/versioned.ts';
import { coversCompany } from './access.ts';
import { isValidUscc, maskPhone } from './identifiers.ts';
import { registryPolicy } from './policy.ts';
import { companyVisible } from './scope.ts';

/** Property-service companies (物业服务企业). */

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
