/** The maintenance-fund API shapes the client reads (mirrors src/modules/finance/fund.ts and fund-use.ts). */
import { rolesOf } from '../roles.ts';
import type { Me } from '../types.ts';

export const FUND = '/api/v1/finance';
export const FUND_USES = `${FUND}/fund-applications`;

export type Custodian = 'authority' | 'assembly';
export type Emergency = 'elevator' | 'fire' | 'facade' | 'leak' | 'drainage';
export const EMERGENCIES: readonly Emergency[] = ['elevator', 'fire', 'facade', 'leak', 'drainage'];
export type ScopeKind = 'estate' | 'buildings' | 'units';
export const SCOPE_KINDS: readonly ScopeKind[] = ['estate', 'buildings', 'units'];
export type FundUseState =
  | 'draft'
  | 'voting'
  | 'approved'
  | 'rejected'
  | 'contracted'
  | 'accepted'
  | 'disbursed'
  | 'cancelled';

/** The server's ceilings (routes-fund.ts), in fen. */
export const MAX_BUDGET_FEN = 100_000_000_000;
export const MAX_DEPOSIT_FEN = 1_000_000_000;
export const MAX_RATE_FEN = 1_000_000;

export interface FundRate {
  use: string;
  /** fen per m² of building area */
  rateFen: number;
  version: number;
}

export interface EstateFund {
  estateId: string;
  totalFen: number;
  custodian: Custodian;
  account: string | null;
  transferredAt: string | null;
  resolution: string | null;
  units: number;
  /** units that made their initial deposit */
  deposited: number;
  /** ids of units below 30 % of their initial deposit */
  low: string[];
}

export interface FundOverviewRow {
  estateId: string;
  code: string;
  name: string;
  totalFen: number;
  custodian: Custodian;
  deposited: number;
  low: number;
}
export interface FundOverview {
  totalFen: number;
  estates: FundOverviewRow[];
}

/** 分户账: one unit's sub-account (routes-fund.ts GET /estates/:id/fund/units). */
export interface FundUnitRow {
  unitId: string;
  buildingId: string;
  /** "1号楼 101" */
  label: string;
  /** 0.01 m² */
  area: number;
  balanceFen: number;
  /** null: no initial deposit yet */
  initialFen: number | null;
  /** below 30 % of the initial deposit: to top up */
  low: boolean;
}

/** The 分户账 of an estate, or of one of its buildings. */
export const fundUnitsPath = (estateId: string, buildingId?: string | null) =>
  `${FUND}/estates/${estateId}/fund/units${buildingId ? `?buildingId=${buildingId}` : ''}`;

export interface Deposited {
  id: string;
  amountFen: number;
  /** The voucher was booked before: this is that deposit. */
  replayed: boolean;
}

export interface FundUseSummary {
  id: string;
  project: string;
  budgetFen: number;
  scopeKind: ScopeKind;
  emergency: Emergency | null;
  state: FundUseState;
  matterId: string | null;
  version: number;
  createdAt: string;
}

export interface FundShare {
  unitId: string;
  /** "1号楼 101" */
  label: string;
  /** 0.01 m² */
  area: number;
  fen: number;
}

export interface FundUse {
  id: string;
  estateId: string;
  project: string;
  description: string;
  budgetFen: number;
  scopeKind: ScopeKind;
  emergency: Emergency | null;
  state: FundUseState;
  matterId: string | null;
  contractor: string | null;
  contractNo: string | null;
  acceptedNote: string | null;
  entryId: string | null;
  version: number;
  shares: FundShare[];
}

/** A resident's unit: its sub-account balance and movements, newest first (amounts: + in, − out). */
export interface MyFundUnit {
  unitId: string;
  label: string;
  balanceFen: number;
  initialFen: number | null;
  low: boolean;
  history: { at: string; kind: string; memo: string; amountFen: number }[];
}

const has = (me: Me | null | undefined, roles: string[]) => rolesOf(me).some((r) => roles.includes(r));
/** The housing authority keeps the fund until the assembly takes it: deposits and the handover (FUND_KEEPERS). */
export const canKeepFund = (me: Me | null | undefined) => has(me, ['city_regulator', 'district_regulator']);
/** The overview across estates (FUND_OVERSEERS). */
export const canOverseeFund = (me: Me | null | undefined) =>
  has(me, ['city_regulator', 'district_regulator', 'street_office', 'community']);
/** Apply for a use and follow it through (FUND_APPLICANTS). */
export const canApplyFundUse = (me: Me | null | undefined) =>
  has(me, ['committee_member', 'street_office', 'community', 'company_admin']);
/** Confirm an emergency use without a vote (EMERGENCY_CONFIRMERS). */
export const canConfirmEmergency = (me: Me | null | undefined) => has(me, ['committee_member', 'street_office']);
/** The city sets the deposit rates. */
export const canSetFundRates = (me: Me | null | undefined) => has(me, ['city_regulator']);

/** Area (0.01 m²) × fen per m², rounded half up to the fen, as the server computes an initial deposit. */
export const depositFor = (area: number, rateFen: number) => Math.floor((2 * area * rateFen + 100) / 200);
