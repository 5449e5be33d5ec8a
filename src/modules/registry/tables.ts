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
    status: Generated<'active' | 'ended'>;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  committee_members: { committee_id: string; person_id: string; position: 'director' | 'deputy_director' | 'member' };
}

declare module '../../kernel/db.ts' {
  interface Database extends RegistryTables {}
}
