/** The roles an account can hold, each bound to a scope (DESIGN: who uses it). */
export const ROLES = [
  'city_regulator', // 市住建局
  'district_regulator', // 区住建局
  'street_office', // 街道办事处
  'community', // 社区居委会
  'department', // 职能部门
  'company_admin', // 物业服务企业管理员
  'company_staff', // 物业企业员工
  'project_manager', // 项目负责人
  'committee_member', // 业主委员会委员
  'resident', // 业主 / 物业使用人
] as const;
export type Role = (typeof ROLES)[number];

export type ScopeType = 'none' | 'region' | 'estate' | 'company' | 'department';

/** Which kind of scope each role is bound to. */
export const ROLE_SCOPE: Record<Role, ScopeType[]> = {
  city_regulator: ['region'],
  district_regulator: ['region'],
  street_office: ['region'],
  community: ['region'],
  department: ['department'],
  company_admin: ['company'],
  company_staff: ['company', 'estate'],
  project_manager: ['estate'],
  committee_member: ['estate'],
  resident: ['none'],
};

export interface Binding {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
  /** For region scopes, the region's materialised path. */
  scopePath: string | null;
}

export interface Actor {
  accountId: string | null;
  kind: 'staff' | 'resident' | 'integration' | 'anonymous';
  displayName: string;
  personId: string | null;
  bindings: Binding[];
  via: 'session' | 'token' | 'anonymous';
  sessionId?: string;
  csrfToken?: string;
}

export const ANONYMOUS: Actor = {
  accountId: null,
  kind: 'anonymous',
  displayName: 'anonymous',
  personId: null,
  bindings: [],
  via: 'anonymous',
};

export const hasRole = (actor: Actor, ...roles: Role[]) => actor.bindings.some((b) => roles.includes(b.role));
export const bindingsOf = (actor: Actor, ...roles: Role[]) => actor.bindings.filter((b) => roles.includes(b.role));
