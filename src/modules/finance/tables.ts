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
}

declare module '../../kernel/db.ts' {
  interface Database extends FinanceTables {}
}
