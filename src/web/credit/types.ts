import { rolesOf } from '../roles.ts';
import type { Me } from '../types.ts';

/** 信用评价: the API shapes the client reads (mirrors src/modules/supervision/records.ts and evaluation.ts). */
export const CREDIT = '/api/v1/supervision/credit';
export const recordsUrl = (companyId: string) => `/api/v1/supervision/companies/${companyId}/credit-records`;

export interface CreditItem {
  code: string;
  points: number;
  kind: 'good' | 'bad' | 'fail';
}
export interface ListRules {
  size: number;
  consecutive: number;
  barMonths: number;
}
/** Rates in basis points: 9000 is 90 %. */
export interface WorkorderRules {
  minTickets: number;
  onTimeBelow: number;
  satisfactionBelow: number;
  excellentFrom: number;
}
export interface CreditSettings {
  scheme: { baseMax: number; goodMax: number; grades: { grade: string; min: number }[]; items: CreditItem[] };
  listRules: ListRules;
  objectionDays: number;
  workorderRules: WorkorderRules;
  /** 星级评定 in use. */
  starRatings: boolean;
  version: number;
}
export interface CreditRecord {
  id: string;
  companyId: string;
  item: string;
  points: number;
  onDate: string;
  validUntil: string;
  evidence: string;
  source: string;
  state: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  objection: string | null;
  objectionState: 'open' | 'upheld' | 'dismissed' | null;
  objectionNote: string | null;
  version: number;
  /** The project manager the record names (company records only). */
  staff?: { id: string; name: string } | null;
  /** The company's name (the authorities' work list only). */
  company?: string;
}
export interface Ranking {
  period: string;
  publishedAt: string;
  /** Set when the ranking is among the companies serving one district. */
  district: { id: string; name: string } | null;
  companies: {
    companyId: string;
    name: string;
    rank: number;
    cityRank: number;
    total: number;
    grade: string;
    failed: boolean;
  }[];
}
export interface PublishedPeriod {
  period: string;
  publishedAt: string;
}
export interface SavedBase {
  companyId: string;
  name: string;
  points: number;
  note: string | null;
}
/** 项目负责人评价: a manager's result in a published quarter. */
export interface ManagerResult {
  staffId: string;
  name: string;
  companyId: string;
  company: string;
  good: number;
  bad: number;
  total: number;
  grade: string;
  failed: boolean;
}
/** 星级评定 of an estate, as the authority's history lists it. */
export interface StarRating {
  id: string;
  stars: number;
  awardedOn: string;
  validUntil: string;
  basis: string;
  revokedOn: string | null;
  revokedReason: string | null;
}
/** A rating in force, in the authority's overview of its region. */
export interface RatingInForce {
  id: string;
  estateId: string;
  estate: string;
  stars: number;
  awardedOn: string;
  validUntil: string;
  basis: string;
}
export interface ListEntry {
  companyId: string;
  name: string;
  period: string;
  from: string;
  until: string;
  reason: string;
}
export interface CreditLists {
  on: string;
  red: ListEntry[];
  black: ListEntry[];
}

/**
 * Centipoints as 分 with two decimals at most, without floating point: 8500 → "85", -550 → "-5.5", 8525 → "85.25".
 */
export function formatPoints(centi: number): string {
  const sign = centi < 0 ? '-' : '';
  const abs = Math.abs(centi);
  const frac = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.trunc(abs / 100)}${frac ? `.${frac}` : ''}`;
}

/** Basis points as a percentage with exactly two decimals, without floating point: 9000 → "90.00". */
export const bpAsPercent = (bp: number) => `${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;

/** A percentage typed by a person, to basis points, exactly: "92.5" → 9250; above 100 or not a number: null. */
export function parsePercent(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp > 10_000 ? null : bp;
}

/** 分 typed by a person, to centipoints, exactly: "85.5" → 8550; more than two decimals, or not a number: null. */
export function parsePoints(text: string): number | null {
  const m = /^\s*(\d{1,4})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A quarter as the server names it, "2026Q3", for a day (local time). */
export const quarterOf = (d = new Date()) => `${d.getFullYear()}Q${Math.floor(d.getMonth() / 3) + 1}`;
/** The quarter before. */
export function previousQuarter(period: string): string {
  const y = Number(period.slice(0, 4));
  const q = Number(period.slice(5));
  return q === 1 ? `${y - 1}Q4` : `${y}Q${q - 1}`;
}
/** The last `n` quarters up to and including `from` (by default the last one to have ended), newest first. */
export function recentQuarters(n: number, from = previousQuarter(quarterOf())): string[] {
  const out = [from];
  while (out.length < n) out.push(previousQuarter(out[out.length - 1]));
  return out;
}

/** Today as an ISO date in Asia/Shanghai. */
export const todayIso = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** The housing authorities keep the records (supervision policy evaluate); the city publishes. */
export const canEvaluate = (me: Me | null | undefined) =>
  rolesOf(me).some((r) => r === 'city_regulator' || r === 'district_regulator');
export const canPublishCredit = (me: Me | null | undefined) => rolesOf(me).includes('city_regulator');
