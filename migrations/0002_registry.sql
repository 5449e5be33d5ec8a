-- Registry: regions, departments, companies, staff, estates, buildings, units, persons, ownership, committees.

CREATE TABLE regions (
  id          uuid PRIMARY KEY,
  parent_id   uuid REFERENCES regions(id),
  level       text NOT NULL CHECK (level IN ('city', 'district', 'street', 'community')),
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  -- materialised path '/<city id>/<district id>/…/', so "inside this region" is a prefix match
  path        text NOT NULL UNIQUE,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regions_parent ON regions (parent_id);
CREATE INDEX regions_path ON regions (path text_pattern_ops);

-- 职能部门: answer escalations for the categories they are responsible for.
CREATE TABLE departments (
  id          uuid PRIMARY KEY,
  region_id   uuid NOT NULL REFERENCES regions(id),
  kind        text NOT NULL,
  name        text NOT NULL,
  phone       text,
  categories  text[] NOT NULL DEFAULT '{}',
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_id, kind)
);

-- 物业服务企业, keyed by the unified social credit code (GB 32100).
CREATE TABLE companies (
  id                    uuid PRIMARY KEY,
  uscc                  text NOT NULL UNIQUE,
  name                  text NOT NULL,
  legal_representative  text NOT NULL,
  contact_name          text,
  contact_phone         text,
  address               text,
  region_id             uuid REFERENCES regions(id),
  status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deregistered')),
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX companies_name ON companies (name, id);

CREATE TABLE estates (
  id                 uuid PRIMARY KEY,
  code               text NOT NULL UNIQUE,
  name               text NOT NULL,
  address            text NOT NULL,
  lng                double precision,
  lat                double precision,
  street_id          uuid NOT NULL REFERENCES regions(id),
  community_id       uuid NOT NULL REFERENCES regions(id),
  region_path        text NOT NULL,
  service_grade      smallint NOT NULL CHECK (service_grade BETWEEN 1 AND 5),
  company_id         uuid REFERENCES companies(id),
  management_mode    text NOT NULL CHECK (management_mode IN ('company', 'self_managed', 'community_custody')),
  total_area         bigint NOT NULL DEFAULT 0 CHECK (total_area >= 0), -- 0.01 m²
  project_manager_id uuid,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((management_mode = 'company') = (company_id IS NOT NULL))
);
CREATE INDEX estates_region_path ON estates (region_path text_pattern_ops);
CREATE INDEX estates_company ON estates (company_id);
CREATE INDEX estates_name ON estates (name, id);

CREATE TABLE staff (
  id            uuid PRIMARY KEY,
  company_id    uuid NOT NULL REFERENCES companies(id),
  name          text NOT NULL,
  phone         text NOT NULL,
  id_number     text,
  position      text NOT NULL,
  certificates  jsonb NOT NULL DEFAULT '[]',
  estate_id     uuid REFERENCES estates(id),
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (company_id, phone)
);
CREATE INDEX staff_company_name ON staff (company_id, name, id);
CREATE INDEX staff_estate ON staff (estate_id);
ALTER TABLE estates ADD CONSTRAINT estates_project_manager FOREIGN KEY (project_manager_id) REFERENCES staff(id);

CREATE TABLE buildings (
  id          uuid PRIMARY KEY,
  estate_id   uuid NOT NULL REFERENCES estates(id),
  name        text NOT NULL,
  floors      smallint CHECK (floors > 0),
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (estate_id, name)
);

-- 专有部分. Areas in 0.01 m²; the SPC interpretation (art. 8) takes registered, else surveyed, else contract.
CREATE TABLE units (
  id               uuid PRIMARY KEY,
  estate_id        uuid NOT NULL REFERENCES estates(id),
  building_id      uuid NOT NULL REFERENCES buildings(id),
  number           text NOT NULL,
  floor            smallint,
  use              text NOT NULL CHECK (use IN ('residence', 'shop', 'parking', 'other')),
  area_registered  bigint CHECK (area_registered > 0),
  area_surveyed    bigint CHECK (area_surveyed > 0),
  area_contract    bigint CHECK (area_contract > 0),
  -- who holds it: an owner, or the developer (unsold / sold but undelivered: one person together, SPC art. 9)
  holder           text NOT NULL DEFAULT 'owner' CHECK (holder IN ('owner', 'developer_unsold', 'developer_undelivered')),
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (building_id, number),
  CHECK (area_registered IS NOT NULL OR area_surveyed IS NOT NULL OR area_contract IS NOT NULL)
);
CREATE INDEX units_estate ON units (estate_id, building_id, number);

-- Natural persons (业主). id_number is the resident ID (GB 11643); both it and phone are shown masked.
CREATE TABLE persons (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  phone       text,
  id_number   text UNIQUE,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_phone ON persons (phone);

-- Ownership, with co-owners; exactly one representative votes for a co-owned unit.
CREATE TABLE unit_owners (
  unit_id            uuid NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  person_id          uuid NOT NULL REFERENCES persons(id),
  estate_id          uuid NOT NULL REFERENCES estates(id),
  is_representative  boolean NOT NULL DEFAULT true,
  since              date,
  PRIMARY KEY (unit_id, person_id)
);
CREATE INDEX unit_owners_person ON unit_owners (person_id);
CREATE UNIQUE INDEX unit_owners_one_representative ON unit_owners (unit_id) WHERE is_representative;

CREATE TABLE committees (
  id          uuid PRIMARY KEY,
  estate_id   uuid NOT NULL REFERENCES estates(id),
  kind        text NOT NULL CHECK (kind IN ('owners_committee', 'management_committee')),
  term_start  date,
  term_end    date,
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX committees_estate ON committees (estate_id);

CREATE TABLE committee_members (
  committee_id  uuid NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
  person_id     uuid NOT NULL REFERENCES persons(id),
  position      text NOT NULL CHECK (position IN ('director', 'deputy_director', 'member')),
  PRIMARY KEY (committee_id, person_id)
);
