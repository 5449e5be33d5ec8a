import type { Me } from './types.ts';

/** Sections of the admin area, in menu order. */
export const SECTIONS = [
  'dashboard',
  'registry',
  'companies',
  'company',
  'owners',
  'staff',
  'departments',
  'workorders',
  'streetDesk',
  'deptDesk',
  'woCategories',
  'woSettings',
  'woMetrics',
  'voting',
  'votingRules',
  'committee',
  'finance',
  'feeCaps',
  'feePrices',
  'publicRevenue',
  'fund',
  'credit',
  'creditRecords',
  'inspections',
  'myInspections',
  'rectifyTasks',
  'mediation',
  'import',
] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * What each role sees in the menu. The server enforces access and row scope on every call;
 * this only hides what would be empty or forbidden. Company roles get "本企业" instead of the list.
 */
const WO: Section[] = ['workorders', 'woMetrics'];
/** The organisers of owners' votes: the committee, or the street office and community standing in. */
const VOTING: Section[] = ['voting', 'votingRules', 'committee'];
const MENU: Record<string, Section[]> = {
  city_regulator: [
    'dashboard',
    'registry',
    'companies',
    'owners',
    'staff',
    'departments',
    ...WO,
    'woCategories',
    'woSettings',
    'feeCaps',
    'import',
  ],
  district_regulator: ['dashboard', 'registry', 'companies', 'owners', 'staff', 'departments', ...WO, 'import'],
  street_office: [
    'dashboard',
    'registry',
    'companies',
    'owners',
    'departments',
    ...WO,
    'streetDesk',
    ...VOTING,
    'publicRevenue',
  ],
  community: ['dashboard', 'registry', 'companies', 'owners', 'departments', ...WO, ...VOTING, 'publicRevenue'],
  department: ['dashboard', 'registry', 'companies', 'departments', ...WO, 'deptDesk'],
  company_admin: ['dashboard', 'registry', 'company', 'owners', 'staff', ...WO, 'finance', 'publicRevenue', 'import'],
  company_staff: ['dashboard', 'registry', 'company', 'owners', 'workorders', 'finance'],
  project_manager: ['dashboard', 'registry', 'company', 'owners', 'staff', ...WO, 'finance', 'publicRevenue'],
  committee_member: ['dashboard', 'registry', 'companies', ...WO, ...VOTING, 'publicRevenue'],
};

/** 维修资金: the housing authority, the street office and community, the owners' committee and the company. */
for (const role of [
  'city_regulator',
  'district_regulator',
  'street_office',
  'community',
  'committee_member',
  'company_admin',
])
  MENU[role].push('fund');

/** 收费标准协商: the owners' side counters the company's quote and puts the price to the vote (the company: finance). */
for (const role of ['street_office', 'community', 'committee_member']) MENU[role].push('feePrices');

/** 信用评价: the housing authorities keep the records; the company sees its own and objects (信用记录). */
for (const role of ['city_regulator', 'district_regulator']) MENU[role].push('credit');
MENU.company_admin.push('creditRecords');

/** 检查整改: the authorities and street offices plan and inspect (INSPECTORS); the company answers (RECTIFIERS). */
for (const role of ['city_regulator', 'district_regulator', 'street_office'])
  MENU[role].push('inspections', 'myInspections');
for (const role of ['company_admin', 'project_manager', 'company_staff']) MENU[role].push('rectifyTasks');

/** 矛盾纠纷调解: the community, street office and district mediate at their level; the city reads the ledger. */
for (const role of ['city_regulator', 'district_regulator', 'street_office', 'community']) MENU[role].push('mediation');

export const rolesOf = (me: Me | null | undefined): string[] => me?.bindings.map((b) => b.role) ?? [];

export function sectionsFor(me: Me): Section[] {
  const allowed = new Set(rolesOf(me).flatMap((r) => MENU[r] ?? []));
  // Someone who sees the full company list does not need a separate "my company" entry.
  if (allowed.has('companies')) allowed.delete('company');
  return SECTIONS.filter((s) => allowed.has(s));
}

/** Roles that register tickets on a caller's behalf (代客报事 / 来电登记); the server checks the estate. */
const REGISTER_ROLES = ['company_admin', 'company_staff', 'project_manager', 'community', 'street_office'];
export const canRegisterTickets = (me: Me | null | undefined) => rolesOf(me).some((r) => REGISTER_ROLES.includes(r));

export const isResident = (me: Me) => me.kind === 'resident' || rolesOf(me).includes('resident');

/** Roles that may read full phone and ID numbers (registry policy readPersonalData); every read is audited. */
const PII_ROLES = [
  'city_regulator',
  'district_regulator',
  'street_office',
  'community',
  'company_admin',
  'project_manager',
];
export const canReadPii = (me: Me | null | undefined) => rolesOf(me).some((r) => PII_ROLES.includes(r));

/** Where an account lands after signing in: residents in the mobile area, everyone else in the admin area. */
export const homeOf = (me: Me) => (isResident(me) ? '/h5' : '/');

const has = (me: Me | null | undefined, roles: string[]) => rolesOf(me).some((r) => roles.includes(r));
/** Organisers of votes (voting policy ORGANISERS): they draft matters, enter paper ballots, start reviews. */
export const canOrganiseVotes = (me: Me | null | undefined) =>
  has(me, ['committee_member', 'street_office', 'community']);
/** Who may read matters at all (voting policy read); others are not asked for a committee's reviews. */
export const canReadVotes = (me: Me | null | undefined) =>
  has(me, ['city_regulator', 'district_regulator', 'street_office', 'community', 'committee_member']);
/** The committee's own affairs: positions, departures, commitments, handover (registry runCommittees). */
export const canRunCommittees = (me: Me | null | undefined) =>
  has(me, ['city_regulator', 'district_regulator', 'street_office', 'community', 'committee_member']);
/** Record a committee or set up a 物业管理委员会 (registry editCommittees). */
export const canRecordCommittees = (me: Me | null | undefined) =>
  has(me, ['city_regulator', 'district_regulator', 'street_office', 'community']);
/** Create and change an estate's fee items (finance policy editFees). */
export const canEditFees = (me: Me | null | undefined) => has(me, ['company_admin', 'project_manager']);
/** Bill a period (finance policy runBills; the city regulator's city-wide run has no page). */
export const canRunBills = (me: Me | null | undefined) => has(me, ['company_admin']);
/** Take cash and transfers at the desk (finance policy desk). */
export const canTakePayments = (me: Me | null | undefined) =>
  has(me, ['company_admin', 'company_staff', 'project_manager']);
/** 公共收益: the company records incomes (finance public-revenue COLLECTORS). */
export const canRecordPublicIncome = (me: Me | null | undefined) => has(me, ['company_admin', 'project_manager']);
/** 公共收益: the committee, or the street office and community standing in, propose, pay and transfer (SPENDERS). */
export const canSpendPublicRevenue = (me: Me | null | undefined) =>
  has(me, ['committee_member', 'street_office', 'community']);
/** 共管账户: the community co-signs a payment. */
export const canCosignPublicRevenue = (me: Me | null | undefined) => has(me, ['community']);
/** 共管账户 and the 公示 period of public-revenue spending. */
export const canSetPublicRevenue = (me: Me | null | undefined) => has(me, ['street_office', 'community']);
