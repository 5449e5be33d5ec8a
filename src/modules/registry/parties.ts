import { audit } from '../../kernel/audit.ts';
import type { Executor } from '../../kernel/db.ts';
import type { RequestContext } from '../../kernel/http.ts';
import { newId } from '../../kernel/ids.ts';
import { updateVersioned } from '../../kernel/versioned.ts';

/** Departments. */

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
