/** The public-revenue API shapes the client reads (mirrors src/modules/finance/public-revenue.ts). */

export const PUBLIC_REVENUE = '/api/v1/finance/public-revenue';
/** The quarterly disclosure, public (?year=&quarter=, &format=xlsx to download). */
export const disclosurePath = (estateId: string) => `/api/v1/public/estates/${estateId}/public-revenue`;

export type Source = 'parking' | 'advertising' | 'venue' | 'other';
export const SOURCES: readonly Source[] = ['parking', 'advertising', 'venue', 'other'];
/** The server's ceiling for one amount (routes-public.ts `Fen`), in fen. */
export const MAX_REVENUE_FEN = 100_000_000_000;

export interface RevenueSettings {
  /** 共管账户: the community co-signs every payment. */
  coManaged: boolean;
  publicityDays: number;
  /** 0 while the estate is on the defaults. */
  version: number;
}

export interface Income {
  id: string;
  date: string;
  source: Source;
  description: string;
  grossFen: number;
  costFen: number;
  netFen: number;
  evidence: string;
}

export type SpendingState = 'publicized' | 'paid' | 'cancelled';

export interface Spending {
  id: string;
  item: string;
  description: string;
  amountFen: number;
  approvalKind: 'vote' | 'committee';
  matterId: string | null;
  resolution: string | null;
  state: SpendingState;
  publicizedAt: string;
  /** The end of the 公示: the money may move from then on. */
  payableFrom: string;
  cosigned: boolean;
  paidOn: string | null;
  version: number;
}

/** The desk's view of an estate (GET …/estates/:estateId). */
export interface RevenueBook {
  /** The server's time when it answered (ISO): whether a 公示 is over is the server's call, not the browser's clock. */
  now: string;
  settings: RevenueSettings;
  /** What the owners' account holds. */
  balanceFen: number;
  /** The balance less the spendings on 公示: the most a new spending may take. */
  availableFen: number;
  incomes: Income[];
  spendings: Spending[];
}

/** A quarter's disclosure (the public endpoint). */
export interface Statement {
  from: string;
  to: string;
  openingFen: number;
  incomeNetFen: number;
  spendingFen: number;
  closingFen: number;
  bySource: Partial<Record<Source, number>>;
  incomes: Omit<Income, 'id'>[];
  spendings: { date: string; item: string; description: string; amountFen: number; approval: string }[];
}

export interface Quarter {
  year: number;
  quarter: number;
}

/** Today (or the day of `at`) in Asia/Shanghai, "2026-11-29", whatever the browser's zone. */
export const todayShanghai = (at: string | number = Date.now()) =>
  new Date(at).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** The quarter a date ("2026-11-29") falls in. */
export function quarterOf(date: string): Quarter {
  const [y, m] = date.split('-').map(Number);
  return { year: y, quarter: Math.floor((m - 1) / 3) + 1 };
}

/** The quarter before (-1) or after (+1). */
export function shiftQuarter(q: Quarter, by: number): Quarter {
  const n = q.year * 4 + (q.quarter - 1) + by;
  return { year: Math.floor(n / 4), quarter: (n % 4) + 1 };
}

export const statementUrl = (estateId: string, q: Quarter, format?: 'xlsx') =>
  `${disclosurePath(estateId)}?year=${q.year}&quarter=${q.quarter}${format ? `&format=${format}` : ''}`;
