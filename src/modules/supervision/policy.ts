import type { Role } from '../../kernel/auth/roles.ts';

const AUTHORITIES: Role[] = ['city_regulator', 'district_regulator'];

/** Who may call each supervision route; which companies: records.ts (a company objects to its own records only). */
export const supervisionPolicy = {
  editScheme: ['city_regulator'],
  evaluate: AUTHORITIES,
  publish: ['city_regulator'],
  object: ['company_admin'],
  readRecords: [...AUTHORITIES, 'company_admin', 'project_manager'],
} as const satisfies Record<string, 'authenticated' | 'public' | readonly Role[]>;
