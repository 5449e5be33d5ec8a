import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { Choice } from './tally.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON columns hold what each writer puts there
type Json = JSONColumnType<any, string, string>;
type Uuids = ColumnType<string[], string[], string[]>;

export type MatterState = 'draft' | 'announced' | 'closed' | 'published' | 'cancelled';
/** Besides deciding: elect a committee, fill its vacancies (更换业主委员会成员), or review its year (述职评议). */
export type MatterPurpose = 'decision' | 'election' | 'by_election' | 'review';
export type PaperOnline = 'earlier' | 'paper' | 'online';

export interface RollUnitEntry {
  unitId: string;
  buildingId: string;
  buildingName: string;
  label: string;
  area: number;
  source: 'registered' | 'surveyed' | 'contract';
}

export interface VotingTables {
  matters: {
    id: string;
    estate_id: string;
    region_path: string;
    item: number;
    title: string;
    body: string;
    scope_kind: 'estate' | 'buildings' | 'units';
    scope_ids: Uuids;
    proposer_kind: 'committee' | 'petition' | 'street' | 'community';
    state: Generated<MatterState>;
    notice_days: number;
    opens_at: Date;
    closes_at: Date;
    seats: number | null;
    show_follow_majority: Generated<boolean>;
    proxy_limit: Generated<number>;
    roll_area: ColumnType<number | null, number | null, number | null>;
    roll_persons: number | null;
    announced_at: Date | null;
    closed_at: Date | null;
    cancel_reason: string | null;
    result: Json | null;
    created_by: string | null;
    revote: Generated<boolean>;
    paper_online: Generated<PaperOnline>;
    publicity_days: Generated<number>;
    published_at: Date | null;
    petition_units: ColumnType<string[], string[] | undefined, string[]>;
    purpose: Generated<MatterPurpose>;
    committee_id: string | null;
    seated_at: Date | null;
    version: Generated<number>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  assembly_rules: {
    estate_id: string;
    notice_days: number;
    publicity_days: number;
    revote: boolean;
    paper_online: PaperOnline;
    proxy_limit: number;
    follow_majority: boolean;
    committee_spend_limit_fen: ColumnType<number, number | undefined, number>;
    version: Generated<number>;
    updated_by: string | null;
    updated_at: Generated<Date>;
  };
  matter_files: {
    id: string;
    matter_id: string;
    kind: 'attachment' | 'ballot_scan';
    name: string;
    mime: string;
    bytes: number;
    sha256: string;
    uploaded_by: string | null;
    uploaded_at: Generated<Date>;
  };
  matter_candidates: {
    id: string;
    matter_id: string;
    name: string;
    person_id: string | null;
    nomination: 'committee' | 'owners' | 'street' | 'self';
    statement: string | null;
    sort: number;
  };
  roll_entries: {
    matter_id: string;
    voter_key: string;
    person_id: string | null;
    area: ColumnType<number, number, number>;
    units: ColumnType<RollUnitEntry[], string, string>;
    building_ids: Uuids;
    objection: string | null;
    voted: Generated<boolean>;
  };
  roll_buildings: {
    matter_id: string;
    building_id: string;
    name: string;
    area: ColumnType<number, number, number>;
    persons: number;
    voted_area: Generated<number>;
    voted_persons: Generated<number>;
    voted_primary: Generated<number>;
  };
  proxies: {
    matter_id: string;
    principal_key: string;
    holder_key: string;
    serial: string;
    recorded_by: string | null;
    recorded_at: Generated<Date>;
  };
  ballots: {
    id: string;
    matter_id: string;
    voter_key: string;
    channel: 'online' | 'paper';
    area: ColumnType<number, number, number>;
    choice: Choice | null;
    choices: ColumnType<string[] | null, string[] | null, string[] | null>;
    receipt: string;
    paper_serial: string | null;
    note: string | null;
    cast_by: string | null;
    cast_at: Date;
    superseded_at: Date | null;
    seq: number | null;
    prev_hash: string | null;
    hash: string | null;
    scan_id: ColumnType<string | null, string | null | undefined, string | null>;
  };
}
export type MatterRow = Selectable<VotingTables['matters']>;

declare module '../../kernel/db.ts' {
  interface Database extends VotingTables {}
}
