import type { Role } from '../../kernel/auth/roles.ts';

/** Who may call each work-order route. Which tickets they see and may act on: scope.ts and parties.ts. */
const GOVERNMENT: Role[] = ['city_regulator', 'district_regulator', 'street_office', 'community', 'department'];
const COMPANY: Role[] = ['company_admin', 'company_staff', 'project_manager'];

export const workorderPolicy = {
  readCatalog: 'authenticated',
  editCatalog: ['city_regulator'],
  /** Residents, company front desks, communities and streets, and integrations bound to a region. */
  report: ['resident', ...COMPANY, 'community', 'street_office', 'district_regulator', 'city_regulator'],
  readTickets: [...GOVERNMENT, ...COMPANY, 'committee_member', 'resident'],
  act: [...GOVERNMENT, ...COMPANY, 'resident'],
  readContact: ['street_office', 'community', 'department', ...COMPANY],
  metrics: [...GOVERNMENT, ...COMPANY, 'committee_member'],
  teams: ['company_admin', 'project_manager'],
  /** Whoever handles a ticket may list the people to dispatch it to (the handler check is per ticket). */
  dispatch: [...COMPANY, 'community', 'street_office'],
  editTeams: ['company_admin'],
  upload: ['resident', ...GOVERNMENT, ...COMPANY],
} as const satisfies Record<string, 'authenticated' | 'public' | readonly Role[]>;
