import type { Role } from '../../kernel/auth/roles.ts';

/** The housing authorities keep the records, rate estates and read every manager's results. */
export const EVALUATORS: Role[] = ['city_regulator', 'district_regulator'];
const AUTHORITIES = EVALUATORS;

/** Who may call each supervision route; which companies: records.ts (a company objects to its own records only). */
export const supervisionPolicy = {
  editScheme: ['city_regulator'],
  evaluate: AUTHORITIES,
  publish: ['city_regulator'],
  object: ['company_admin'],
  readRecords: [...AUTHORITIES, 'company_admin', 'project_manager'],
  readManagers: [...AUTHORITIES, 'company_admin'],
} as const satisfies Record<string, 'authenticated' | 'public' | readonly Role[]>;
