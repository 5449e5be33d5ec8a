import { rolesOf } from '../roles.ts';
import type { Me } from '../types.ts';

/** 检查与整改: the API shapes the client reads (mirrors src/modules/supervision/inspections.ts and rectifications.ts). */
export const SUPERVISION = '/api/v1/supervision';
export const photoUrl = (id: string) => `${SUPERVISION}/inspection-photos/${id}`;
export const evidenceUrl = (id: string) => `${SUPERVISION}/rectification-evidence/${id}`;

/** Who plans, inspects and re-inspects (INSPECTORS), and who answers notices (RECTIFIERS). */
export const INSPECTOR_ROLES = ['city_regulator', 'district_regulator', 'street_office'];
export const RECTIFIER_ROLES = ['company_admin', 'project_manager', 'company_staff'];
const has = (me: Me | null | undefined, roles: string[]) => rolesOf(me).some((r) => roles.includes(r));
/** New checklists: the housing authorities only. */
export const canEditTemplates = (me: Me | null | undefined) => has(me, ['city_regulator', 'district_regulator']);
export const canInspect = (me: Me | null | undefined) => has(me, INSPECTOR_ROLES);

export type TemplateKind = 'environment' | 'elevator' | 'fire' | 'custom';
export interface TemplateItem {
  code: string;
  text: string;
  maxScore: number;
  photoRequired: boolean;
  legalBasis: string;
  days: number;
}
export interface Template {
  id: string;
  name: string;
  kind: TemplateKind;
  items: TemplateItem[];
}
/** Who may inspect inside the caller's region (the caller among them). */
export interface Inspector {
  id: string;
  name: string;
  role: string;
}
export interface Plan {
  id: string;
  name: string;
  template: string;
  dueOn: string;
  drawn: boolean;
  inspections: number;
  submitted: number;
}
/** An inspection in the caller's region, as the plans list shows it. */
export interface InspectionRow {
  id: string;
  planId: string | null;
  plan: string | null;
  dueOn: string | null;
  template: string;
  estateId: string;
  estate: string;
  company: string | null;
  inspector: string;
  state: 'assigned' | 'submitted';
  score: number | null;
  maxScore: number | null;
  submittedAt: string | null;
  notices: number;
}
export interface MyInspection {
  id: string;
  estateId: string;
  estate: string;
  state: 'assigned' | 'submitted';
  version: number;
  template: string;
}
export interface Inspection {
  id: string;
  estateId: string;
  estate: string;
  state: 'assigned' | 'submitted';
  version: number;
  template: { id: string; name: string; items: TemplateItem[] };
  score: number | null;
  maxScore: number | null;
  submittedAt: string | null;
  lat: number | null;
  lng: number | null;
  results: { itemCode: string; score: number; passed: boolean; note: string | null }[];
  photos: { id: string; itemCode: string }[];
}
export type NoticeState = 'issued' | 'answered' | 'passed' | 'reopened';
export interface Notice {
  id: string;
  noticeNo: string;
  inspectionId: string;
  estateId: string;
  estate: string;
  companyId: string | null;
  itemCode: string;
  finding: string;
  legalBasis: string;
  deadline: string;
  state: NoticeState;
  answer: string | null;
  answeredOn: string | null;
  rounds: number;
  reinspection: string | null;
  passedOn: string | null;
  escalatedOn: string | null;
  overdue: boolean;
  version: number;
  /** 整改佐证: the company's photos, by the round they were added in. */
  evidence: { id: string; round: number }[];
}
export const NOTICE_STATES: NoticeState[] = ['issued', 'answered', 'reopened', 'passed'];
export const NOTICE_COLOR: Record<NoticeState, string> = {
  issued: 'gold',
  answered: 'blue',
  reopened: 'volcano',
  passed: 'green',
};
export interface Figure {
  key: string;
  name: string | null;
  found: number;
  rectified: number;
  onTime: number;
  rateBp: number | null;
  onTimeBp: number | null;
}
export interface JointAction {
  id: string;
  estateId: string | null;
  estate: string | null;
  onDate: string;
  departments: string[];
  actions: string;
  notices: number;
  interviews: number;
}

/** Basis points (per ten thousand) as a percentage with two decimals, in integers: 9981 → "99.81%". */
export const percentOfBp = (bp: number | null) =>
  bp === null ? '—' : `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;

/** Today as an ISO date in Asia/Shanghai. */
export const todayIso = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
