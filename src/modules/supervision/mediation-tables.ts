import type { Generated } from 'kysely';

export type DisputeKind = 'fees' | 'service' | 'public_revenue' | 'neighbours' | 'committee_handover' | 'other';
export type Level = 'community' | 'street' | 'district';
export type DisputeState =
  | 'open'
  | 'mediated'
  | 'withdrawn'
  | 'failed'
  | 'referred'
  | 'filed'
  | 'court_mediated'
  | 'judged'
  | 'court_withdrawn';

export interface MediationTables {
  disputes: {
    id: string;
    estate_id: string;
    region_path: string;
    kind: DisputeKind;
    applicant: string;
    respondent: string;
    claims: string;
    level: Level;
    state: Generated<DisputeState>;
    agreement: string | null;
    court: string | null;
    case_no: string | null;
    referral_id: string | null;
    closed_on: string | null;
    created_by: string | null;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  dispute_events: {
    id: string;
    dispute_id: string;
    kind: string;
    level: Level;
    on_date: string;
    note: string | null;
    by_account: string | null;
    at: Generated<Date>;
  };
  court_referrals: { id: string; court: string; referred_on: string; region_path: string; created_by: string | null };
}

declare module '../../kernel/db.ts' {
  interface Database extends MediationTables {}
}
