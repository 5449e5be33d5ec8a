import type { ColumnType, Generated } from 'kysely';

export type AccountKind = 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';

export interface FinanceTables {
  ledger_accounts: {
    id: string;
    estate_id: string;
    code: string;
    unit_id: string | null;
    kind: AccountKind;
    may_go_negative: Generated<boolean>;
    balance: ColumnType<number, never, never>;
  };
  ledger_heads: {
    estate_id: string;
    seq: ColumnType<number, number | undefined, number>;
    hash: ColumnType<string, string | undefined, string>;
  };
  journal_entries: {
    id: string;
    estate_id: string;
    seq: number;
    kind: string;
    memo: string;
    idempotency_key: string;
    reverses: string | null;
    document: string | null;
    account_ids: ColumnType<string[], string[], never>;
    amounts: ColumnType<number[], number[], never>;
    posted_at: Date;
    posted_by: string | null;
    prev_hash: string;
    hash: string;
  };
  fee_caps: {
    grade: number;
    cap_fen: number;
    version: Generated<number>;
    updated_by: string | null;
    updated_at: Generated<Date>;
  };
  fee_items: {
    id: string;
    estate_id: string;
    name: string;
    basis: 'area_month' | 'unit_month' | 'one_off';
    price_fen: number;
    uses: string[];
    service_fee: boolean;
    exemption: string | null;
    active: boolean;
    version: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  bills: {
    id: string;
    estate_id: string;
    unit_id: string;
    item_id: string;
    period: string;
    days: number;
    price_fen: number;
    area: ColumnType<number | null, number | null, number | null>;
    amount_fen: ColumnType<number, number, number>;
    paid_fen: ColumnType<number, number | undefined, number>;
    entry_id: string | null;
    created_at: Generated<Date>;
  };
  payments: {
    id: string;
    estate_id: string;
    unit_id: string;
    channel: PaymentChannel;
    amount_fen: ColumnType<number, number, never>;
    status: Generated<'pending' | 'paid' | 'closed'>;
    out_trade_no: string;
    provider_txn: string | null;
    receipt_no: string | null;
    entry_id: string | null;
    payer: string | null;
    created_at: Generated<Date>;
    paid_at: Date | null;
  };
  payment_allocations: {
    payment_id: string;
    bill_id: string;
    amount_fen: ColumnType<number, number, never>;
  };
  receipt_counters: {
    estate_id: string;
    year: number;
    last: Generated<number>;
  };
  fund_rates: {
    use: string;
    rate_fen: number;
    version: Generated<number>;
    updated_by: string | null;
    updated_at: Generated<Date>;
  };
  fund_custody: {
    estate_id: string;
    custodian: Generated<'authority' | 'assembly'>;
    transferred_at: Date | null;
    resolution: string | null;
    account: string | null;
    committee_id: string | null;
    transferred_by: string | null;
  };
  fund_deposits: {
    id: string;
    estate_id: string;
    unit_id: string;
    kind: 'initial' | 'redeposit';
    area: ColumnType<number, number, never>;
    rate_fen: number;
    amount_fen: ColumnType<number, number, never>;
    voucher: string;
    entry_id: string;
    paid_at: Date;
  };
  fund_applications: {
    id: string;
    estate_id: string;
    region_path: string;
    project: string;
    description: string;
    budget_fen: ColumnType<number, number, never>;
    scope_kind: 'estate' | 'buildings' | 'units';
    scope_ids: ColumnType<string[], string[], string[]>;
    emergency: Emergency | null;
    state: Generated<FundUseState>;
    matter_id: string | null;
    confirmed_by: string | null;
    contractor: string | null;
    contract_no: string | null;
    accepted_note: string | null;
    entry_id: string | null;
    created_by: string | null;
    version: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  fund_shares: {
    application_id: string;
    unit_id: string;
    area: ColumnType<number, number, never>;
    fen: ColumnType<number, number, never>;
  };
  public_revenue_settings: {
    estate_id: string;
    co_managed: Generated<boolean>;
    publicity_days: Generated<number>;
    version: Generated<number>;
  };
  public_incomes: {
    id: string;
    estate_id: string;
    source: 'parking' | 'advertising' | 'venue' | 'other';
    description: string;
    gross_fen: ColumnType<number, number, never>;
    cost_fen: ColumnType<number, number, never>;
    evidence: string;
    received_on: string;
    entry_id: string;
    recorded_by: string | null;
  };
  public_spendings: {
    id: string;
    estate_id: string;
    item: string;
    description: string;
    amount_fen: ColumnType<number, number, never>;
    approval_kind: 'vote' | 'committee';
    matter_id: string | null;
    resolution: string | null;
    state: Generated<'publicized' | 'paid' | 'cancelled'>;
    publicized_at: Date;
    payable_from: Date;
    cosigned_by: string | null;
    paid_on: string | null;
    entry_id: string | null;
    created_by: string | null;
    version: Generated<number>;
  };
  arrears_settings: {
    estate_id: string;
    min_months: Generated<number>;
    written_notices: Generated<number>;
    late_fee_clause: string | null;
    late_fee_bp_per_day: number | null;
    late_fee_grace_days: Generated<number>;
    version: Generated<number>;
  };
  fee_price_proposals: {
    id: string;
    estate_id: string;
    grade: number;
    cap_fen: number | null;
    quote_fen: number;
    quote_note: string;
    counter_fen: number | null;
    counter_note: string | null;
    agreed_fen: number | null;
    matter_id: string | null;
    state: Generated<PriceState>;
    fee_item_id: string | null;
    created_by: string | null;
    version: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  refunds: {
    id: string;
    estate_id: string;
    unit_id: string;
    amount_fen: ColumnType<number, number, never>;
    channel: 'cash' | 'transfer';
    reason: string;
    state: Generated<'requested' | 'refunded' | 'rejected'>;
    requested_by: string;
    decided_by: string | null;
    decided_note: string | null;
    entry_id: string | null;
    version: Generated<number>;
    created_at: Generated<Date>;
    decided_at: Date | null;
  };
  prepayment_uses: {
    entry_id: string;
    bill_id: string;
    amount_fen: ColumnType<number, number, never>;
  };
  arrears_notices: {
    id: string;
    estate_id: string;
    unit_id: string;
    kind: 'message' | 'written';
    owed_fen: ColumnType<number, number, never>;
    delivered_on: string;
    evidence: string | null;
    recorded_by: string | null;
  };
  defaulters: {
    id: string;
    estate_id: string;
    unit_id: string;
    reason: string;
    owed_fen: ColumnType<number, number, never>;
    months: number;
    listed_on: string;
    listed_by: string | null;
    removed_on: string | null;
    removed_why: string | null;
  };
}

export type PriceState = 'quoted' | 'countered' | 'voting' | 'agreed' | 'rejected' | 'withdrawn';
export type Emergency = 'elevator' | 'fire' | 'facade' | 'leak' | 'drainage';
export type FundUseState =
  | 'draft'
  | 'voting'
  | 'approved'
  | 'rejected'
  | 'contracted'
  | 'accepted'
  | 'disbursed'
  | 'cancelled';

export type PaymentChannel = 'wechat' | 'alipay' | 'cash' | 'transfer';

declare module '../../kernel/db.ts' {
  interface Database extends FinanceTables {}
}
