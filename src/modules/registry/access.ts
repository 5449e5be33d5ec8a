import type { Actor, Role } from '../../kernel/auth/roles.ts';
import type { Executor } from '../../kernel/db.ts';
import { forbidden, notFound } from '../../kernel/errors.ts';

type EstateRef = { id: string; region_path: string; company_id: string | null };

const REGION_ROLES = new Set<Role>(['city_regulator', 'district_regulator', 'street_office', 'community']);

/** Whether one of the actor's bindings of these roles covers the estate (region prefix, company or estate). */
export function coversEstate(actor: Actor, roles: readonly Role[], estate: EstateRef): boolean {
  return actor.bindings.some((b) => {
    if (!roles.includes(b.role)) return false;
    if (REGION_ROLES.has(b.role)) return !!b.scopePath && estate.region_path.startsWith(b.scopePath);
    if (b.scopeType === 'company') return b.scopeId === estate.company_id;
    if (b.scopeType === 'estate') return b.scopeId === estate.id;
    return false;
  });
}

/** Loads an estate the actor may change (404 if they cannot even see it, 403 if they only may read it). */
export async function writableEstate(db: Executor, actor: Actor, estateId: string, roles: readonly Role[]) {
  const estate = await db.selectFrom('estates').selectAll().where('id', '=', estateId).executeTakeFirst();
  if (!estate) throw notFound();
  if (!coversEstate(actor, roles, estate)) throw forbidden();
  return estate;
}

/** Whether the actor may edit a company: regulators of any region it works in, or its own admin. */
export function coversCompany(actor: Actor, roles: readonly Role[], companyId: string): boolean {
  return actor.bindings.some(
    (b) =>
      roles.includes(b.role) &&
      (b.role === 'city_regulator' || b.role === 'district_regulator' || b.scopeId === companyId),
  );
}
