import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamps = { created_at: Generated<Date>; updated_at: Generated<Date> };

export interface RegistryTables {
  regions: {
    id: string;
    parent_id: string | null;
    level: 'city' | 'district' | 'street' | 'community';
    code: string;
    name: string;
    path: string;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  departments: {
    id: string;
    region_id: string;
    kind: string;
    name: string;
    phone: string | null;
    categories: ColumnType<string[], string[], string[]>;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  companies: {
    id: string;
    uscc: string;
    name: string;
    legal_representative: string;
    contact_name: string | null;
    contact_phone: string | null;
    address: string | null;
    region_id: string | null;
    status: Generated<'active' | 'suspended' | 'deregistered'>;
    version: Generated<number>;
  } & Timestamps;
  estates: {
    id: string;
    code: string;
    name: string;
    address: string;
    lng: number | null;
    lat: number | null;
    street_id: string;
    community_id: string;
    region_path: string;
    service_grade: number;
    company_id: string | null;
    management_mode: 'company' | 'self_managed' | 'community_custody';
    total_area: number;
    project_manager_id: string | null;
    version: Generated<number>;
  } & Timestamps;
  staff: {
    id: string;
    company_id: string;
    name: string;
    phone: string;
    id_number: string | null;
    position: string;
    certificates: JSONColumnType<{ name: string; number?: string; expires?: string }[], string, string>;
    estate_id: string | null;
    status: Generated<'active' | 'left'>;
    version: Generated<number>;
  } & Timestamps;
  buildings: {
    id: string;
    estate_id: string;
    name: string;
    floors: number | null;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  units: {
    id: string;
    estate_id: string;
    building_id: string;
    number: string;
    floor: number | null;
    use: 'residence' | 'shop' | 'parking' | 'other';
    area_registered: number | null;
    area_surveyed: number | null;
    area_contract: number | null;
    holder: Generated<'owner' | 'developer_unsold' | 'developer_undelivered'>;
    version: Generated<number>;
  } & Timestamps;
  persons: {
    id: string;
    name: string;
    phone: string | null;
    id_number: string | null;
    version: Generated<number>;
  } & Timestamps;
  unit_owners: {
    unit_id: string;
    person_id: string;
    estate_id: string;
    is_representative: Generated<boolean>;
    since: string | null;
  };
  committees: {
    id: string;
    estate_id: string;
    kind: 'owners_committee' | 'management_committee';
    term_start: string | null;
    term_end: string | null;
    status: Generated<'active' | 'handover' | 'ended'>;
    elected_by: ColumnType<string | null, string | null | undefined, string | null>;
    seats: ColumnType<number | null, number | null | undefined, number | null>;
    alternates: ColumnType<{ personId: string; name: string }[], string | undefined, string>;
    ended_on: ColumnType<string | null, string | null | undefined, string | null>;
    end_reason: ColumnType<string | null, string | null | undefined, string | null>;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  committee_members: {
    id: string;
    committee_id: string;
    person_id: string | null;
    name: string;
    affiliation: Generated<'owner' | 'street' | 'community' | 'other'>;
    position: 'director' | 'deputy_director' | 'member';
    source: Generated<'elected' | 'by_election' | 'alternate' | 'appointed' | 'recorded'>;
    joined_on: string | null;
    left_on: ColumnType<string | null, string | null | undefined, string | null>;
    left_reason: ColumnType<string | null, string | null | undefined, string | null>;
    commitment_signed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    commitment_text: ColumnType<string | null, string | null | undefined, string | null>;
  };
  committee_handovers: {
    id: string;
    estate_id: string;
    from_committee: string;
    to_committee: string | null;
    items: ColumnType<HandoverItem[], string, string>;
    handed_by: string | null;
    handed_at: Date;
    received_by: string | null;
    received_at: Date | null;
  };
}

/** One line of a handover list: the seal, the minutes of 2024, the keys to the archive room. */
export interface HandoverItem {
  name: string;
  quantity: number;
  note?: string;
}

declare module '../../kernel/db.ts' {
  interface Database extends RegistryTables {}
}
