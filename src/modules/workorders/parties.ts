import type { Actor, Role } from '../../kernel/auth/roles.ts';
import { coversEstate } from '../registry/index.ts';
import type { Party } from './machine.ts';
import type { TicketRow } from './tables.ts';

/** Which parties of a ticket the caller is — pure, so the rules can be read and tested on their own. */

type TicketParties = Pick<
  TicketRow,
  | 'estate_id'
  | 'region_path'
  | 'company_id'
  | 'handler_kind'
  | 'reporter_account_id'
  | 'reporter_person_id'
  | 'assignee_account_id'
  | 'department_id'
  | 'state'
>;

const COMPANY_ROLES: Role[] = ['company_admin', 'company_staff', 'project_manager'];

const estateOf = (t: TicketParties) => ({ id: t.estate_id, region_path: t.region_path, company_id: t.company_id });

export const isCompanyMember = (a: Actor, t: TicketParties) =>
  t.company_id !== null && coversEstate(a, COMPANY_ROLES, estateOf(t));
export const isCommunityMember = (a: Actor, t: TicketParties) => coversEstate(a, ['community'], estateOf(t));
export const isStreetMember = (a: Actor, t: TicketParties) => coversEstate(a, ['street_office'], estateOf(t));
export const isDepartmentMember = (a: Actor, t: TicketParties) =>
  t.department_id !== null && a.bindings.some((b) => b.role === 'department' && b.scopeId === t.department_id);

export function partiesOf(actor: Actor, t: TicketParties): Set<Party> {
  const parties = new Set<Party>();
  if (
    (actor.accountId && actor.accountId === t.reporter_account_id) ||
    (actor.kind === 'resident' && actor.personId && actor.personId === t.reporter_person_id)
  )
    parties.add('reporter');
  const handler =
    t.handler_kind === 'company'
      ? isCompanyMember(actor, t)
      : t.handler_kind === 'community'
        ? isCommunityMember(actor, t)
        : isStreetMember(actor, t);
  if (handler) parties.add('handler');
  if (actor.accountId && actor.accountId === t.assignee_account_id) parties.add('assignee');
  if (isStreetMember(actor, t)) parties.add('street');
  // A department acts only while the ticket is whistled to it.
  if (isDepartmentMember(actor, t) && (t.state === 'whistled' || t.state === 'department_handling'))
    parties.add('department');
  // 核查 and 回访 by the company, the community, or the street that whistled.
  if (isCompanyMember(actor, t) || isCommunityMember(actor, t) || isStreetMember(actor, t)) parties.add('verifier');
  return parties;
}

/** Staff of the estate's company, community or street, and the department involved, see internal notes. */
export const seesInternal = (actor: Actor, t: TicketParties) =>
  isCompanyMember(actor, t) ||
  isCommunityMember(actor, t) ||
  isStreetMember(actor, t) ||
  isDepartmentMember(actor, t) ||
  actor.bindings.some(
    (b) =>
      (b.role === 'city_regulator' || b.role === 'district_regulator') &&
      b.scopePath &&
      t.region_path.startsWith(b.scopePath),
  );

type Responsible = Pick<TicketRow, 'responsible_kind' | 'responsible_id'>;

/** Who must act now, as the resident sees it. */
export function responsibleNow(
  t: Pick<
    TicketRow,
    'state' | 'handler_kind' | 'company_id' | 'community_id' | 'street_id' | 'department_id' | 'reporter_person_id'
  >,
): Responsible {
  const handler: Responsible =
    t.handler_kind === 'company'
      ? { responsible_kind: 'company', responsible_id: t.company_id }
      : t.handler_kind === 'community'
        ? { responsible_kind: 'community', responsible_id: t.community_id }
        : { responsible_kind: 'street', responsible_id: t.street_id };
  switch (t.state) {
    case 'waiting_resident':
      return { responsible_kind: 'resident', responsible_id: null };
    case 'escalation_requested':
      return { responsible_kind: 'street', responsible_id: t.street_id };
    case 'whistled':
    case 'department_handling':
      return { responsible_kind: 'department', responsible_id: t.department_id };
    case 'resolved':
    case 'verified':
      return t.reporter_person_id ? { responsible_kind: 'resident', responsible_id: null } : handler;
    case 'closed':
    case 'rejected':
    case 'merged':
    case 'out_of_scope':
      return { responsible_kind: 'none', responsible_id: null };
    default:
      return handler;
  }
}
