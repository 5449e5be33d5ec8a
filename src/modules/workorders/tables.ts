import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { State } from './machine.ts';
import type { SlaUnit } from './sla.ts';

// biome-ignore lint/suspicious/noExplicitAny: JSON columns hold what each writer puts there
type Json = JSONColumnType<any, string, string>;
type Uuids = ColumnType<string[], string[], string[]>;

export type Priority = 'urgent' | 'high' | 'normal' | 'low';
export type HandlerKind = 'company' | 'street' | 'department';
export type ResponsibleKind = 'company' | 'community' | 'street' | 'department' | 'resident' | 'none';
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export type Channel = 'resident' | 'staff' | 'community' | 'hotline' | 'api';

/** A paused stretch of the clock, epoch ms. */
export type Pause = { from: number; to: number | null };

export interface TicketsTable {
  id: string;
  number: string;
  estate_id: string;
  region_path: string;
  street_id: string;
  community_id: string;
  company_id: string | null;
  category_id: string;
  kind: string;
  priority: Priority;
  state: State;
  description: string;
  place_kind: 'unit' | 'building' | 'common';
  unit_id: string | null;
  building_id: string | null;
  place_text: string | null;
  lat: number | null;
  lng: number | null;
  channel: Channel;
  reporter_account_id: string | null;
  reporter_person_id: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  anonymous: boolean;
  external_id: string | null;
  handler_kind: 'company' | 'community' | 'street';
  responsible_kind: ResponsibleKind;
  responsible_id: string | null;
  team_id: string | null;
  assignee_account_id: string | null;
  department_id: string | null;
  duplicate_of: string | null;
  submitted_at: Date;
  response_due: Date | null;
  resolution_due: Date | null;
  paused_since: Date | null;
  pauses: ColumnType<Pause[], string, string>;
  remind_at: Date | null;
  breached: boolean;
  accepted_at: Date | null;
  dispatched_at: Date | null;
  responded_at: Date | null;
  resolved_at: Date | null;
  resolved_late: boolean | null;
  verified_at: Date | null;
  closed_at: Date | null;
  feedback_solved: boolean | null;
  satisfaction: Satisfaction | null;
  feedback_comment: string | null;
  rework_count: number;
  reopen_count: number;
  closed_count: number;
  decline_count: number;
  reroute_count: number;
  whistle_count: number;
  reported_in_time: number;
  version: number;
  updated_at: Date;
}

type RollupRow = {
  month: ColumnType<string, string, string>;
  estate_id: string;
  company_id: string | null;
  department_id: string | null;
  region_path: string;
  tickets: number;
  dispatched: number;
  responded_in_time: number;
  fed_back: number;
  solved: number;
  rated: number;
  satisfied: number;
  due: number;
  on_time: number;
  closed: number;
  reopened: number;
  misrouted: number;
  whistles: number;
  reported_in_time: number;
};

export interface WorkorderTables {
  work_calendar_days: { date: ColumnType<string, string, string>; kind: 'holiday' | 'workday'; note: string | null };
  workorder_categories: {
    id: string;
    parent_id: string | null;
    level: number;
    code: string;
    name: string;
    name_en: string | null;
    kind: 'repair' | 'complaint' | 'enquiry' | null;
    handler: HandlerKind | null;
    department_kind: string | null;
    priority: Priority | null;
    response_amount: number | null;
    response_unit: SlaUnit | null;
    resolution_amount: number | null;
    resolution_unit: SlaUnit | null;
    sort: number;
    active: Generated<boolean>;
    version: Generated<number>;
  };
  workorder_settings: {
    id: Generated<boolean>;
    reopen_days: number;
    report_amount: number;
    report_unit: SlaUnit;
    department_amount: number;
    department_unit: SlaUnit;
    reminder_percent: number;
    priority_slas: Json;
    version: Generated<number>;
  };
  workorder_teams: {
    id: string;
    company_id: string;
    name: string;
    categories: ColumnType<string[], string[], string[]>;
    estate_ids: Uuids;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  workorder_team_members: { team_id: string; account_id: string; last_assigned_at: Date | null };
  tickets: TicketsTable;
  ticket_events: {
    id: string;
    ticket_id: string;
    action: string;
    from_state: string | null;
    to_state: string;
    actor_account_id: string | null;
    actor_name: string;
    actor_party: string;
    note: string | null;
    reason: string | null;
    photo_ids: Uuids;
    internal: boolean;
    data: Json | null;
    at: Date;
  };
  ticket_whistles: {
    id: string;
    ticket_id: string;
    department_id: string;
    region_path: string;
    whistled_at: Date;
    report_due: Date;
    reported_at: Date | null;
    reported_late: boolean | null;
    declined_at: Date | null;
    decline_reason: string | null;
    replied_at: Date | null;
    late_notified: Generated<boolean>;
  };
  ticket_photos: {
    id: string;
    ticket_id: string | null;
    event_id: string | null;
    uploaded_by: string | null;
    type: 'jpeg' | 'png' | 'webp' | 'heic';
    bytes: number;
    original_key: string;
    public_key: string | null;
    created_at: Generated<Date>;
  };
  ticket_rollups: RollupRow;
  ticket_rollup_deltas: RollupRow;
}

export type TicketRow = Selectable<TicketsTable>;

declare module '../../kernel/db.ts' {
  interface Database extends WorkorderTables {}
}
