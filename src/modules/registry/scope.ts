import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Actor, Binding } from '../../kernel/auth/roles.ts';
import type { Database } from '../../kernel/db.ts';

/**
 * Row-level scoping of the registry. Every list and read goes through these filters, so a caller
 * sees only the estates (and what hangs off them) of their region, company, estate or home.
 */

type EstateEB = ExpressionBuilder<Database, 'estates'>;

const REGION_ROLES = new Set(['city_regulator', 'district_regulator', 'street_office', 'community', 'department']);

/** Estates the actor may see. Region-bound roles (and departments, through their region) by path prefix. */
export function estateVisible(actor: Actor) {
  return (eb: EstateEB): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    for (const b of actor.bindings) {
      if (REGION_ROLES.has(b.role) && b.scopePath) ors.push(eb('estates.region_path', 'like', `${b.scopePath}%`));
      else if (b.scopeType === 'company' && b.scopeId) ors.push(eb('estates.company_id', '=', b.scopeId));
      else if (b.scopeType === 'estate' && b.scopeId) ors.push(eb('estates.id', '=', b.scopeId));
      else if (b.role === 'resident' && actor.personId) {
        ors.push(
          eb(
            'estates.id',
            'in',
            eb
              .selectFrom('unit_owners')
              .select('unit_owners.estate_id')
              .where('unit_owners.person_id', '=', actor.personId),
          ),
        );
      }
    }
    return ors.length ? eb.or(ors) : sql<SqlBool>`false`;
  };
}

/** The same rule as a subquery of estate ids, for tables that carry estate_id. */
export function visibleEstateIds(actor: Actor) {
  return (eb: ExpressionBuilder<Database, keyof Database>) =>
    eb.selectFrom('estates').select('estates.id').where(estateVisible(actor));
}

/**
 * Companies the actor may see: city and district regulators all of them (companies register city-wide
 * and may take on estates anywhere); company roles their own; everyone else the companies that
 * manage an estate they can see.
 */
export function companyVisible(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'companies'>): Expression<SqlBool> => {
    if (actor.bindings.some((b) => b.role === 'city_regulator' || b.role === 'district_regulator'))
      return sql<SqlBool>`true`;
    const ors: Expression<SqlBool>[] = [];
    const own = actor.bindings.filter((b) => b.scopeType === 'company' && b.scopeId).map((b) => b.scopeId as string);
    if (own.length) ors.push(eb('companies.id', 'in', own));
    const viaEstates = actor.bindings.filter((b) => b.scopeType !== 'company');
    if (viaEstates.length) {
      const estates = estateVisible({ ...actor, bindings: viaEstates });
      ors.push(
        eb(
          'companies.id',
          'in',
          eb
            .selectFrom('estates')
            .select('estates.company_id')
            .where(estates as never)
            .where('estates.company_id', 'is not', null),
        ) as Expression<SqlBool>,
      );
    }
    return ors.length ? eb.or(ors) : sql<SqlBool>`false`;
  };
}

/** Staff the actor may see: their company's (company admin), their estate's, or those of visible companies (regulators). */
export function staffVisible(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'staff'>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    for (const b of actor.bindings) {
      if (b.role === 'company_admin' && b.scopeId) ors.push(eb('staff.company_id', '=', b.scopeId));
      else if ((b.role === 'project_manager' || b.role === 'company_staff') && b.scopeType === 'estate' && b.scopeId)
        ors.push(eb('staff.estate_id', '=', b.scopeId));
      else if (REGION_ROLES.has(b.role) && b.role !== 'department' && b.scopePath) {
        ors.push(
          eb(
            'staff.company_id',
            'in',
            eb
              .selectFrom('estates')
              .select('estates.company_id')
              .where('estates.region_path', 'like', `${b.scopePath}%`)
              .where('estates.company_id', 'is not', null),
          ) as Expression<SqlBool>,
        );
      }
    }
    if (actor.bindings.some((b) => b.role === 'city_regulator')) return sql<SqlBool>`true`;
    return ors.length ? eb.or(ors) : sql<SqlBool>`false`;
  };
}

/** Whether a region path (of a community, street…) lies inside one of the actor's region bindings of these roles. */
export function regionInScope(bindings: Binding[], path: string): boolean {
  return bindings.some((b) => b.scopePath && path.startsWith(b.scopePath));
}
