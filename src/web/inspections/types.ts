import { rolesOf } from '../roles.ts';
import type { Me } from '../types.ts';

/** 检查与整改: the API shapes the client reads (mirrors src/modules/supervision/inspections.ts and rectifications.ts). */
export const SUPERVISION = '/api/v1/supervision';
export const photoUrl = (id: string) => `${SUPERVISION}/inspection-photos/${id}`;

/** Who plans, inspects and re-inspects (INSPECTORS), and who answers notices (RECTIFIERS). */
export const INSPECTOR_ROLES = ['city_regulator', 'district_regulator', 'street_office'];
export const RECTIFIER_ROLES = ['company_admin', 'project_manager', 'company_staff'];
const has = (me: Me | null | undefined, roles: string[]) => rolesOf(me).some((r) => roles.includes(r));
/** New checklists: the housing authorities only. */
export const canEditTemplates = (me: Me | null | undefined) => has(me, ['city_regulator', 'district_regulator']);
/** The staff list (registry manageAccounts) to choose other inspectors from; a street office assigns itself. */
export const canListAccounts = (me: Me | null | undefined) => has(me, ['city_regulator', 'district_regulator']);
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
export interface MyInspection {
  id: string;
  estateId: string;
  state: 'assigned' | 'submitted';
  version: number;
  template: string;
}
export interface Inspection {
  id: string;
  estateId: string;
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
  found: number;
  rectified: number;
  onTime: number;
  rateBp: number | null;
  onTimeBp: number | null;
}
export interface JointAction {
  id: string;
  estateId: string | null;
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
