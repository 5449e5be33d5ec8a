import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CreditScheme, ListRules } from './credit.ts';

export type RecordState = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface SupervisionTables {
  credit_settings: {
    id: Generated<number>;
    scheme: JSONColumnType<CreditScheme, string, string>;
    list_rules: JSONColumnType<ListRules, string, string>;
    objection_days: Generated<number>;
    version: Generated<number>;
    updated_by: string | null;
    updated_at: Generated<Date>;
  };
  credit_records: {
    id: string;
    company_id: string;
    item: string;
    points: number;
    on_date: string;
    valid_until: string;
    evidence: string;
    source: Generated<string>;
    source_ref: string | null;
    state: Generated<RecordState>;
    recorded_by: string | null;
    approved_by: string | null;
    approved_on: string | null;
    objection: string | null;
    objection_state: 'open' | 'upheld' | 'dismissed' | null;
    objection_note: string | null;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  credit_bases: { period: string; company_id: string; points: number; note: string | null };
  credit_periods: { id: string; published_at: Date; published_by: string | null };
  credit_results: {
    period: string;
    company_id: string;
    base: number;
    good: number;
    bad: number;
    total: number;
    grade: string;
    failed: boolean;
    rank: number;
  };
  sanctions: {
    id: string;
    company_id: string;
    kind: 'red' | 'black';
    period: string;
    starts_on: ColumnType<string, string, never>;
    ends_on: string;
    reason: string;
  };
}

declare module '../../kernel/db.ts' {
  interface Database extends SupervisionTables {}
}
