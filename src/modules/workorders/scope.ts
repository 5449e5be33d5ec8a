import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../kernel/auth/roles.ts';
import type { Database } from '../../kernel/db.ts';

const REGION_ROLES = new Set(['city_regulator', 'district_regulator', 'street_office', 'community']);

/**
 * Tickets the actor may see: regions by path, a company its estates' tickets, estate-bound staff and committee
 * members their estate's, a department what was whistled to it, a resident what they reported.
 */
export function ticketVisible(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'tickets'>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    for (const b of actor.bindings) {
      if (REGION_ROLES.has(b.role) && b.scopePath) ors.push(eb('tickets.region_path', 'like', `${b.scopePath}%`));
      else if (b.role === 'department' && b.scopeId)
        ors.push(
          eb(
            'tickets.id',
            'in',
            eb.selectFrom('ticket_whistles').select('ticket_whistles.ticket_id').where('department_id', '=', b.scopeId),
          ),
        );
      else if (b.scopeType === 'company' && b.scopeId) ors.push(eb('tickets.company_id', '=', b.scopeId));
      else if (b.scopeType === 'estate' && b.scopeId) ors.push(eb('tickets.estate_id', '=', b.scopeId));
    }
    if (actor.kind === 'resident' && actor.personId) ors.push(eb('tickets.reporter_person_id', '=', actor.personId));
    if (actor.kind === 'integration' && actor.accountId)
      ors.push(eb('tickets.reporter_account_id', '=', actor.accountId));
    return ors.length ? eb.or(ors) : sql<SqlBool>`false`;
  };
}
