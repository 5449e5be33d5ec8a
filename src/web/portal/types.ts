/** 公开门户: the shapes of the public API (mirrors src/modules/supervision/portal.ts). */
export const PUBLIC = '/api/v1/public';

export interface Sanction {
  kind: 'red' | 'black';
  period: string;
  from: string;
  until: string;
  reason: string;
}
/** 星级评定 in force today; null: the estate has none. */
export type Stars = { stars: number; awardedOn: string; validUntil: string } | null;

export interface CompanyHit {
  id: string;
  name: string;
  uscc: string;
  /** The latest published quarter's result; null: never rated. `total` is the score in centipoints. */
  latest: { period: string; grade: string; rank: number; total: number } | null;
  /** Red or black listings in force today. */
  sanctions: Sanction[];
}
export interface CompanyProfile {
  id: string;
  name: string;
  uscc: string;
  estates: { id: string; name: string; address: string; stars: Stars }[];
  /** Every published quarter, newest first. */
  history: { period: string; grade: string; rank: number; total: number; failed: boolean }[];
  sanctions: Sanction[];
}
export interface Rectification {
  estateId: string;
  name: string;
  found: number;
  rectified: number;
  open: number;
  overdue: number;
  /** Rectified / found in basis points (1/100 of a per cent); null when nothing was found. */
  rateBp: number | null;
  stars: Stars;
}
export interface EstateHit {
  id: string;
  name: string;
  address: string;
  street: string | null;
  companyId: string | null;
  company: string | null;
  stars: Stars;
}

/** Basis points as a percentage with two decimals at most, without floating point: 5000 → "50%", 3333 → "33.33%". */
export function percentOfBp(bp: number): string {
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${Math.trunc(bp / 100)}${frac ? `.${frac}` : ''}%`;
}
