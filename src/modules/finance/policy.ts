import type { Role } from '../../kernel/auth/roles.ts';

const COMPANY: Role[] = ['company_admin', 'company_staff', 'project_manager'];
const GOVERNMENT: Role[] = ['city_regulator', 'district_regulator', 'street_office', 'community'];

/** Who may call each finance route; which estates: fees.ts and bill-run.ts (coversEstate on each estate). */
export const financePolicy = {
  readCaps: 'authenticated',
  editCaps: ['city_regulator'],
  readFees: [...COMPANY, ...GOVERNMENT, 'committee_member'],
  editFees: ['company_admin', 'project_manager'],
  /** A company bills its own estates; the city regulator may bill the whole city in one run. */
  runBills: ['company_admin', 'city_regulator'],
  /** Cash and transfers taken at the company's desk. */
  desk: COMPANY,
  resident: ['resident'],
} as const satisfies Record<string, 'authenticated' | 'public' | readonly Role[]>;
