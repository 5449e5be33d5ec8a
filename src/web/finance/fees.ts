/**
 * The API shapes of arrears, refunds and 收费标准协商 (mirrors src/modules/finance/arrears.ts, refunds.ts and
 * prices.ts), and who may do what there (the routes' policies in routes-arrears.ts and routes-prices.ts).
 */
import { rolesOf } from '../roles.ts';
import type { Me } from '../types.ts';
import type { Outcome } from '../voting/types.ts';

/** Aging buckets by the age of each unpaid bill: 0–3, 3–6, 6–12 and 12+ months. */
export const BUCKETS = ['m0_3', 'm3_6', 'm6_12', 'm12'] as const;
export type BucketKey = (typeof BUCKETS)[number];

export interface LateFeeClause {
  clause: string;
  /** 万分之 of the unpaid amount a day */
  bpPerDay: number;
  graceDays: number;
}

export interface ArrearsUnit {
  unitId: string;
  /** "1号楼 101" */
  label: string;
  totalFen: number;
  /** 违约金 accrued under the contract's clause; 0 without one. */
  lateFeeFen: number;
  /** The oldest unpaid period, 'YYYY-MM'. */
  oldest: string;
  buckets: Record<BucketKey, number>;
  /** 书面催缴 delivered to the unit so far. */
  writtenNotices: number;
  /** On the 恶意拖欠名单 now. */
  listed: boolean;
}

export interface ArrearsAging {
  asOf: string;
  totals: Record<BucketKey, number>;
  totalFen: number;
  /** The clause, the day the late fees are counted to, and their total; null without a clause. */
  lateFee: (LateFeeClause & { asOf: string; totalFen: number }) | null;
  /** Largest first. */
  units: ArrearsUnit[];
}

/** Due process before the non-payer list, and the contract's late-fee clause; version 0 while on the defaults. */
export interface ArrearsSettings {
  minMonths: number;
  writtenNotices: number;
  lateFee: LateFeeClause | null;
  version: number;
}

/** An entry of the 恶意拖欠名单: current ones first; a removed entry stays on record with the reason. */
export interface Defaulter {
  id: string;
  unitId: string;
  /** "1号楼 101" */
  unit: string;
  reason: string;
  /** What the unit owed, and for how many months, when it was listed. */
  owedFen: number;
  months: number;
  /** 'YYYY-MM-DD' */
  listedOn: string;
  removedOn: string | null;
  removedWhy: string | null;
}

/** What the desk sees of a unit: what it owes (since which period) and what it holds as prepayment. */
export interface UnitAccount {
  unitId: string;
  unit: string;
  owedFen: number;
  oldestUnpaid: string | null;
  prepaymentFen: number;
}

export type RefundState = 'requested' | 'refunded' | 'rejected';
export interface Refund {
  id: string;
  unitId: string;
  /** "1号楼 101" */
  unit: string;
  amountFen: number;
  channel: 'cash' | 'transfer';
  reason: string;
  state: RefundState;
  /** Account ids. */
  requestedBy: string;
  decidedBy: string | null;
  /** Display names of who asked and who decided. */
  requestedByName: string | null;
  decidedByName: string | null;
  decidedNote: string | null;
  entryId: string | null;
  version: number;
  createdAt: string;
}

export type PriceState = 'quoted' | 'countered' | 'voting' | 'agreed' | 'rejected' | 'withdrawn';
/** One negotiation of the service fee; prices in fen per m² per month. */
export interface PriceProposal {
  id: string;
  estateId: string;
  grade: number;
  /** The city's cap when the company quoted; null where none was set. */
  capFen: number | null;
  quoteFen: number;
  quoteNote: string;
  counterFen: number | null;
  counterNote: string | null;
  /** The price put to the owners' vote. */
  agreedFen: number | null;
  matterId: string | null;
  state: PriceState;
  feeItemId: string | null;
  version: number;
  createdAt: string;
  /** Where the owners' vote stands (read by the server, as the company cannot read votes); null before one. */
  vote: PriceVote | null;
}
export interface PriceVote {
  /** The matter's phase: draft, announced, open, ended, closed, published, archived, cancelled. */
  phase: string;
  outcome: Outcome | null;
  /** Published (or archived): the result may be applied. */
  final: boolean;
}
/** One negotiation at a time per estate: a new quote waits until these are over. */
export const OPEN_PRICE_STATES: readonly PriceState[] = ['quoted', 'countered', 'voting'];
/** The server's bounds for a price (routes-prices.ts `PriceFen`), fen per m² per month. */
export const MAX_PRICE_FEN = 100_000;

/** Whole months from a period to `asOf` (both 'YYYY-MM'), as the aging report counts them. */
export const monthsBetween = (period: string, asOf: string) =>
  (Number(asOf.slice(0, 4)) - Number(period.slice(0, 4))) * 12 + Number(asOf.slice(5, 7)) - Number(period.slice(5, 7));

const has = (me: Me | null | undefined, roles: string[]) => rolesOf(me).some((r) => roles.includes(r));
const MANAGERS = ['company_admin', 'project_manager'];
const DESK = [...MANAGERS, 'company_staff'];
const OWNERS_SIDE = ['committee_member', 'street_office', 'community'];

/** 催缴: reminders and written notices (routes-arrears COLLECT). */
export const canCollectArrears = (me: Me | null | undefined) => has(me, DESK);
/** The estate's collection settings and the non-payer list. */
export const canManageArrears = (me: Me | null | undefined) => has(me, MANAGERS);
/** 申请退款 at the desk; the list is the desk's too. */
export const canRequestRefunds = (me: Me | null | undefined) => has(me, DESK);
/** 审批退款 (never one's own: the server checks). */
export const canDecideRefunds = (me: Me | null | undefined) => has(me, MANAGERS);
/** 物业报价 and 撤回. */
export const canQuotePrices = (me: Me | null | undefined) => has(me, MANAGERS);
/** 业主还价 and 提请业主表决: the committee, or the street office and community standing in. */
export const canCounterPrices = (me: Me | null | undefined) => has(me, OWNERS_SIDE);
