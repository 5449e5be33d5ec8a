/** The finance API shapes the client reads (mirrors src/modules/finance/fees.ts, bills.ts and payments.ts). */

export const FINANCE = '/api/v1/finance';

export type Basis = 'area_month' | 'unit_month' | 'one_off';
export const BASES: readonly Basis[] = ['area_month', 'unit_month', 'one_off'];
export type Use = 'residence' | 'shop' | 'parking' | 'other';
export const USES: readonly Use[] = ['residence', 'shop', 'parking', 'other'];
/** The server's ceiling for one amount (routes.ts `Fen`), in fen. */
export const MAX_FEN = 100_000_000;

/** 政府指导价: the highest 物业服务费 for a service grade, fen per m² per month. */
export interface FeeCap {
  grade: number;
  capFen: number;
  version: number;
}

export interface FeeItem {
  id: string;
  estateId: string;
  name: string;
  basis: Basis;
  /** area_month: fen per m² per month; unit_month: fen per unit per month; one_off: fen. */
  priceFen: number;
  uses: Use[];
  /** The 物业服务费, held to the city's cap. */
  serviceFee: boolean;
  /** The approval of a price above the cap. */
  exemption: string | null;
  active: boolean;
  version: number;
}

export interface Bill {
  id: string;
  unitId: string;
  period: string;
  /** Days billed: fewer than the month's when the unit was delivered within it. */
  days: number;
  priceFen: number;
  /** 0.01 m², for area_month items */
  area: number | null;
  amountFen: number;
  paidFen: number;
  item: string;
  basis: Basis;
}

/** An estate's bills of a period: the first 500, and totals over all of them. */
export interface EstateBills {
  items: Bill[];
  count: number;
  amountFen: number;
  paidFen: number;
}

export interface BillRunResult {
  bills: number;
  fen: number;
}

export type Channel = 'cash' | 'transfer' | 'wechat' | 'alipay';

export interface DeskPaid {
  paymentId: string;
  receiptNo: string;
  /** The voucher was entered before: this is that payment. */
  replayed: boolean;
}

export interface OnlinePayment {
  paymentId: string;
  outTradeNo: string;
  amountFen: number;
  channel: 'wechat' | 'alipay';
  /** The simulated provider's pay URL; null where a real provider takes the money (production). */
  payUrl: string | null;
}

/** What the simulated provider answers once it has sent its signed notice. */
export interface SimulatedPay {
  paymentId: string;
  /** The HTTP status the notice got from the server. */
  notified: number;
  code?: string;
  receiptNo?: string | null;
}

export interface Receipt {
  receiptNo: string;
  estate: string;
  /** "1号楼 101" */
  unit: string;
  channel: Channel;
  amountFen: number;
  paidAt: string | null;
  lines: { period: string; item: string; amountFen: number }[];
  /** What was left over after the bills, kept for the unit's next ones. */
  prepaidFen: number;
}

export const owed = (b: Pick<Bill, 'amountFen' | 'paidFen'>) => b.amountFen - b.paidFen;
