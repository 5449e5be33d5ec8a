import type { Role } from '../../kernel/auth/roles.ts';

/** Who may call each registry route. Row scoping (which estates, companies) is applied by scope.ts. */
const GOVERNMENT: Role[] = ['city_regulator', 'district_regulator', 'street_office', 'community', 'department'];
const COMPANY: Role[] = ['company_admin', 'company_staff', 'project_manager'];
const REGULATOR: Role[] = ['city_regulator', 'district_regulator'];

export const registryPolicy = {
  readRegions: 'authenticated',
  editRegions: ['city_regulator'],
  readDepartments: 'authenticated',
  editDepartments: ['city_regulator'],
  readEstates: [...GOVERNMENT, ...COMPANY, 'committee_member'],
  editEstates: [...REGULATOR, 'company_admin'],
  /** Buildings, units and their owners are kept by the regulator or by the company that manages the estate. */
  editUnits: [...REGULATOR, 'company_admin', 'project_manager'],
  readOwners: ['city_regulator', 'district_regulator', 'street_office', 'community', ...COMPANY, 'committee_member'],
  /** Full phone and ID numbers: only those who must contact or identify owners; every read audited. */
  readPersonalData: [
    'city_regulator',
    'district_regulator',
    'street_office',
    'community',
    'company_admin',
    'project_manager',
  ],
  readCompanies: [...GOVERNMENT, ...COMPANY, 'committee_member'],
  editCompanies: [...REGULATOR, 'company_admin'],
  createCompanies: REGULATOR,
  readStaff: ['city_regulator', 'district_regulator', 'street_office', 'community', 'company_admin', 'project_manager'],
  editStaff: [...REGULATOR, 'company_admin'],
  readCommittees: [...GOVERNMENT, ...COMPANY, 'committee_member'],
  editCommittees: [...REGULATOR, 'street_office', 'community'],
  import: [...REGULATOR, 'company_admin'],
  manageAccounts: [...REGULATOR, 'company_admin'],
  resident: ['resident'],
} as const satisfies Record<string, 'authenticated' | 'public' | readonly Role[]>;
