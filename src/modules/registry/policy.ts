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
  /** Who sits on the committee is public to the estate's owners (公示). */
  readCommittees: [...GOVERNMENT, ...COMPANY, 'committee_member', 'resident'],
  editCommittees: [...REGULATOR, 'street_office', 'community'],
  /** The committee's own affairs (positions, departures, handover): its supervisors and its members. */
  runCommittees: [...REGULATOR, 'street_office', 'community', 'committee_member'],
  /** A member signs their 履职承诺 themselves, or the committee records the paper one. */
  signCommitment: [...REGULATOR, 'street_office', 'community', 'committee_member', 'resident'],
  import: [...REGULATOR, 'company_admin'],
  manageAccounts: [...REGULATOR, 'company_admin'],
  resident: ['resident'],
} as const satisfies Record<string, 'authenticated' | 'public' | readonly Role[]>;
