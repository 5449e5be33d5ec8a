import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { CreditScheme, ListRules, WorkorderRules } from './credit.ts';

export type RecordState = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface SupervisionTables {
  credit_settings: {
    id: Generated<number>;
    scheme: JSONColumnType<CreditScheme, string, string>;
    list_rules: JSONColumnType<ListRules, string, string>;
    objection_days: Generated<number>;
    workorder_rules: JSONColumnType<WorkorderRules, string, string> | null;
    star_ratings: Generated<boolean>;
    version: Generated<number>;
    updated_by: string | null;
    updated_at: Generated<Date>;
  };
  credit_records: {
    id: string;
    company_id: string;
    /** A project manager (registry staff) the record is also about; it counts for the company all the same. */
    staff_id: string | null;
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
  manager_results: {
    period: string;
    staff_id: string;
    company_id: string;
    good: number;
    bad: number;
    total: number;
    grade: string;
    failed: boolean;
  };
  estate_stars: {
    id: string;
    estate_id: string;
    stars: number;
    awarded_on: string;
    valid_until: string;
    basis: string;
    awarded_by: string | null;
    revoked_on: string | null;
    revoked_reason: string | null;
    created_at: Generated<Date>;
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
