-- 信用评价: the city's scheme (as data), records with evidence and a second person's approval, objections (申诉),
-- quarterly evaluations published as rankings, and the red and black lists with their sanctions.

CREATE TABLE credit_settings (
  id              smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  scheme          jsonb NOT NULL,                  -- credit.ts CreditScheme (centipoints)
  list_rules      jsonb NOT NULL,                  -- credit.ts ListRules
  objection_days  integer NOT NULL DEFAULT 10 CHECK (objection_days BETWEEN 1 AND 90),
  version         integer NOT NULL DEFAULT 1,
  updated_by      uuid,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE credit_records (
  id               uuid PRIMARY KEY,
  company_id       uuid NOT NULL,
  item             text NOT NULL,
  points           integer NOT NULL,                -- centipoints, as the scheme gave them when recorded
  on_date          date NOT NULL,
  valid_until      date NOT NULL,
  evidence         text NOT NULL,
  source           text NOT NULL DEFAULT 'manual',  -- or the module that reported it (workorders, inspections)
  source_ref       text,                            -- its own reference: an automatic record is made once
  state            text NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'approved', 'rejected', 'withdrawn')),
  recorded_by      uuid,
  approved_by      uuid,
  approved_on      date,
  objection        text,
  objection_state  text CHECK (objection_state IN ('open', 'upheld', 'dismissed')),
  objection_note   text,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until >= on_date),
  CHECK (approved_by IS NULL OR recorded_by IS NULL OR approved_by <> recorded_by),
  CHECK ((objection IS NULL) = (objection_state IS NULL)),
  UNIQUE (source, source_ref)
);
CREATE INDEX credit_records_company ON credit_records (company_id, on_date);
CREATE INDEX credit_records_open_objections ON credit_records (on_date) WHERE objection_state = 'open';

-- 基础信息分: the part of the score that comes from the company's base information, set per period.
CREATE TABLE credit_bases (
  period      text NOT NULL,
  company_id  uuid NOT NULL,
  points      integer NOT NULL CHECK (points >= 0),
  note        text,
  PRIMARY KEY (period, company_id)
);

CREATE TABLE credit_periods (
  id            text PRIMARY KEY CHECK (id ~ '^[0-9]{4}Q[1-4]$'),
  published_at  timestamptz NOT NULL,
  published_by  uuid
);

CREATE TABLE credit_results (
  period      text NOT NULL REFERENCES credit_periods(id),
  company_id  uuid NOT NULL,
  base        integer NOT NULL,
  good        integer NOT NULL,
  bad         integer NOT NULL,
  total       integer NOT NULL,
  grade       text NOT NULL,
  failed      boolean NOT NULL,
  rank        integer NOT NULL,
  PRIMARY KEY (period, company_id)
);

CREATE TABLE sanctions (
  id          uuid PRIMARY KEY,
  company_id  uuid NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('red', 'black')),
  period      text NOT NULL REFERENCES credit_periods(id),
  starts_on   date NOT NULL,
  ends_on     date NOT NULL CHECK (ends_on >= starts_on),
  reason      text NOT NULL,
  UNIQUE (company_id, kind, period)
);
CREATE INDEX sanctions_company ON sanctions (company_id, kind, ends_on);
