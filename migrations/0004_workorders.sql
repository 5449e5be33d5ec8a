-- Kernel: idempotent writes and request-rate windows, shared by every module.

-- A retried write with the same Idempotency-Key returns the first answer instead of acting twice.
CREATE TABLE idempotency_keys (
  scope         text NOT NULL,          -- who sent it (account id) and for which operation
  key           text NOT NULL,
  request_hash  text NOT NULL,
  status        integer NOT NULL,
  response      jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Fixed-window request counters for public endpoints, in PostgreSQL so every instance agrees.
CREATE TABLE rate_windows (
  key           text NOT NULL,
  window_start  timestamptz NOT NULL,
  hits          integer NOT NULL,
  PRIMARY KEY (key, window_start)
);

-- Work orders (报事报修 / 投诉).

-- Working calendar: statutory holidays and swapped working days (调休); weekends are off unless listed.
CREATE TABLE work_calendar_days (
  date  date PRIMARY KEY,
  kind  text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  note  text
);

-- Classification, three levels: place › category › problem. Leaves carry routing, priority and SLA.
CREATE TABLE workorder_categories (
  id                 uuid PRIMARY KEY,
  parent_id          uuid REFERENCES workorder_categories(id),
  level              smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  code               text NOT NULL UNIQUE,
  name               text NOT NULL,
  name_en            text,
  kind               text CHECK (kind IN ('repair', 'complaint', 'enquiry')),
  -- who handles it first: the estate's company (or its community when it has none), the street, a department
  handler            text CHECK (handler IN ('company', 'street', 'department')),
  -- the department the responsibility table names: answers the whistle, or handles it directly
  department_kind    text,
  priority           text CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
  response_amount    integer CHECK (response_amount > 0),
  response_unit      text CHECK (response_unit IN ('minutes', 'hours', 'working_days')),
  resolution_amount  integer CHECK (resolution_amount > 0),
  resolution_unit    text CHECK (resolution_unit IN ('minutes', 'hours', 'working_days')),
  sort               integer NOT NULL DEFAULT 0,
  active             boolean NOT NULL DEFAULT true,
  version            integer NOT NULL DEFAULT 1,
  CHECK (level < 3 OR (kind IS NOT NULL AND handler IS NOT NULL AND priority IS NOT NULL
         AND response_amount IS NOT NULL AND resolution_amount IS NOT NULL)),
  CHECK (handler IS DISTINCT FROM 'department' OR department_kind IS NOT NULL)
);
CREATE INDEX workorder_categories_parent ON workorder_categories (parent_id, sort);

-- City-wide settings: one row.
CREATE TABLE workorder_settings (
  id                       boolean PRIMARY KEY DEFAULT true CHECK (id),
  reopen_days              integer NOT NULL DEFAULT 7 CHECK (reopen_days >= 0),
  report_amount            integer NOT NULL DEFAULT 2,          -- 部门报到 deadline after a whistle
  report_unit              text NOT NULL DEFAULT 'hours',
  department_amount        integer NOT NULL DEFAULT 5,          -- department's own resolution deadline
  department_unit          text NOT NULL DEFAULT 'working_days',
  reminder_percent         integer NOT NULL DEFAULT 80 CHECK (reminder_percent BETWEEN 1 AND 99),
  -- a tighter priority can only shorten a leaf's clock: effective deadline = the earlier of both
  priority_slas            jsonb NOT NULL DEFAULT '{"urgent":{"response":[30,"minutes"],"resolution":[24,"hours"]},"high":{"response":[2,"hours"],"resolution":[2,"working_days"]}}',
  version                  integer NOT NULL DEFAULT 1
);
INSERT INTO workorder_settings DEFAULT VALUES;

-- Dispatch teams of a company; a team takes the categories listed (level-2 codes), in the estates listed (all if empty).
CREATE TABLE workorder_teams (
  id          uuid PRIMARY KEY,
  company_id  uuid NOT NULL,
  name        text NOT NULL,
  categories  text[] NOT NULL DEFAULT '{}',
  estate_ids  uuid[] NOT NULL DEFAULT '{}',
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (company_id, name)
);
CREATE TABLE workorder_team_members (
  team_id           uuid NOT NULL REFERENCES workorder_teams(id) ON DELETE CASCADE,
  account_id        uuid NOT NULL REFERENCES accounts(id),
  -- round-robin: the member assigned least recently goes next
  last_assigned_at  timestamptz,
  PRIMARY KEY (team_id, account_id)
);

-- Ticket numbers people read out on the phone: WO<day>-<serial>. A sequence, so two never collide; a failed
-- report leaves a gap, which is harmless.
CREATE SEQUENCE ticket_numbers;

CREATE TABLE tickets (
  id                   uuid PRIMARY KEY,
  number               text NOT NULL UNIQUE,              -- WO20261126-000123
  estate_id            uuid NOT NULL,
  region_path          text NOT NULL,                     -- the estate's, for region scoping
  street_id            uuid NOT NULL,
  community_id         uuid NOT NULL,
  company_id           uuid,                              -- the estate's company when reported
  category_id          uuid NOT NULL REFERENCES workorder_categories(id),
  kind                 text NOT NULL,
  priority             text NOT NULL,
  state                text NOT NULL,
  description          text NOT NULL,
  place_kind           text NOT NULL CHECK (place_kind IN ('unit', 'building', 'common')),
  unit_id              uuid,
  building_id          uuid,
  place_text           text,
  lat                  double precision,
  lng                  double precision,
  channel              text NOT NULL CHECK (channel IN ('resident', 'staff', 'community', 'hotline', 'api')),
  reporter_account_id  uuid,
  reporter_person_id   uuid,
  reporter_name        text,
  reporter_phone       text,
  anonymous            boolean NOT NULL DEFAULT false,    -- hidden from the public, never from handlers
  external_id          text,                              -- e.g. the 12345 hotline's own number
  -- who handles it on the ground: the estate's company, its community when it has none, or the street
  handler_kind         text NOT NULL CHECK (handler_kind IN ('company', 'community', 'street')),
  -- who must act now (the resident always sees it)
  responsible_kind     text NOT NULL CHECK (responsible_kind IN ('company', 'community', 'street', 'department', 'resident', 'none')),
  responsible_id       uuid,
  team_id              uuid REFERENCES workorder_teams(id),
  assignee_account_id  uuid,
  department_id        uuid,                              -- the department last whistled
  duplicate_of         uuid REFERENCES tickets(id),
  -- SLA clocks (epochs are the app clock's, so tests can control time)
  submitted_at         timestamptz NOT NULL,
  response_due         timestamptz,
  resolution_due       timestamptz,
  paused_since         timestamptz,
  pauses               jsonb NOT NULL DEFAULT '[]',       -- [{from, to}] in epoch ms
  remind_at            timestamptz,                       -- when to warn the handler before a breach; null once warned
  breached             boolean NOT NULL DEFAULT false,
  accepted_at          timestamptz,
  dispatched_at        timestamptz,
  responded_at         timestamptz,
  resolved_at          timestamptz,
  resolved_late        boolean,
  verified_at          timestamptz,
  closed_at            timestamptz,
  feedback_solved      boolean,
  satisfaction         text CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  feedback_comment     text,
  rework_count         integer NOT NULL DEFAULT 0,
  reopen_count         integer NOT NULL DEFAULT 0,
  closed_count         integer NOT NULL DEFAULT 0,
  decline_count        integer NOT NULL DEFAULT 0,
  reroute_count        integer NOT NULL DEFAULT 0,
  whistle_count        integer NOT NULL DEFAULT 0,
  reported_in_time     integer NOT NULL DEFAULT 0,        -- whistles the department reported (报到) in time
  version              integer NOT NULL DEFAULT 1,
  updated_at           timestamptz NOT NULL
);
-- Work queues list the open tickets of a company / estate / team / person, soonest deadline first.
-- Open-ended deadlines sort last; the index has the queue's exact order, so a page stops after its rows.
CREATE INDEX tickets_company_queue ON tickets (company_id, coalesce(resolution_due, 'infinity'::timestamptz), id)
  WHERE closed_at IS NULL;
CREATE INDEX tickets_estate ON tickets (estate_id, submitted_at DESC, id);
CREATE INDEX tickets_region ON tickets (region_path text_pattern_ops, submitted_at DESC);
CREATE INDEX tickets_assignee ON tickets (assignee_account_id, resolution_due) WHERE closed_at IS NULL;
CREATE INDEX tickets_reporter ON tickets (reporter_person_id, submitted_at DESC);
CREATE INDEX tickets_department ON tickets (department_id, submitted_at DESC) WHERE department_id IS NOT NULL;
CREATE INDEX tickets_submitted ON tickets (submitted_at DESC, id);
-- the SLA job only looks at clocks still running
CREATE INDEX tickets_open_due ON tickets (resolution_due) WHERE resolved_at IS NULL AND closed_at IS NULL AND NOT breached;
CREATE INDEX tickets_remind ON tickets (remind_at) WHERE remind_at IS NOT NULL;
CREATE UNIQUE INDEX tickets_external ON tickets (channel, external_id) WHERE external_id IS NOT NULL;

-- Every transition, with who, when, a note and photos: the timeline.
CREATE TABLE ticket_events (
  id                uuid PRIMARY KEY,
  ticket_id         uuid NOT NULL REFERENCES tickets(id),
  action            text NOT NULL,
  from_state        text,
  to_state          text NOT NULL,
  actor_account_id  uuid,
  actor_name        text NOT NULL,
  actor_party       text NOT NULL,     -- resident, company, community, street, department, system
  note              text,
  reason            text,
  photo_ids         uuid[] NOT NULL DEFAULT '{}',
  internal          boolean NOT NULL DEFAULT false,   -- handlers' notes the resident does not see
  data              jsonb,
  at                timestamptz NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at, id);

-- 吹哨报到: each whistle to a department, its report (报到) deadline and outcome.
CREATE TABLE ticket_whistles (
  id              uuid PRIMARY KEY,
  ticket_id       uuid NOT NULL REFERENCES tickets(id),
  department_id   uuid NOT NULL,
  region_path     text NOT NULL,
  whistled_at     timestamptz NOT NULL,
  report_due      timestamptz NOT NULL,
  reported_at     timestamptz,
  reported_late   boolean,
  declined_at     timestamptz,
  decline_reason  text,
  replied_at      timestamptz,
  late_notified   boolean NOT NULL DEFAULT false
);
CREATE INDEX ticket_whistles_department ON ticket_whistles (department_id, whistled_at DESC);
CREATE INDEX ticket_whistles_ticket ON ticket_whistles (ticket_id);
CREATE INDEX ticket_whistles_open ON ticket_whistles (report_due)
  WHERE reported_at IS NULL AND declined_at IS NULL AND NOT late_notified;

CREATE TABLE ticket_photos (
  id           uuid PRIMARY KEY,
  ticket_id    uuid REFERENCES tickets(id),
  event_id     uuid REFERENCES ticket_events(id),
  uploaded_by  uuid,
  type         text NOT NULL CHECK (type IN ('jpeg', 'png', 'webp', 'heic')),
  bytes        integer NOT NULL,
  original_key text NOT NULL,        -- as uploaded: handlers only
  public_key   text,                 -- location metadata stripped; null when it could not be stripped
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_photos_ticket ON ticket_photos (ticket_id);

-- Metric rollups by month of submission and the ticket's parties, so dashboards never scan raw tickets.
CREATE TABLE ticket_rollups (
  month              date NOT NULL,
  estate_id          uuid NOT NULL,
  company_id         uuid,
  department_id      uuid,
  region_path        text NOT NULL,
  tickets            integer NOT NULL DEFAULT 0,
  dispatched         integer NOT NULL DEFAULT 0,
  responded_in_time  integer NOT NULL DEFAULT 0,
  fed_back           integer NOT NULL DEFAULT 0,
  solved             integer NOT NULL DEFAULT 0,
  rated              integer NOT NULL DEFAULT 0,
  satisfied          integer NOT NULL DEFAULT 0,
  due                integer NOT NULL DEFAULT 0,
  on_time            integer NOT NULL DEFAULT 0,
  closed             integer NOT NULL DEFAULT 0,
  reopened           integer NOT NULL DEFAULT 0,
  misrouted          integer NOT NULL DEFAULT 0,
  whistles           integer NOT NULL DEFAULT 0,
  reported_in_time   integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ticket_rollups_key ON ticket_rollups (month, estate_id, company_id, department_id) NULLS NOT DISTINCT;
CREATE INDEX ticket_rollups_region ON ticket_rollups (region_path text_pattern_ops, month);

-- Each ticket change appends the difference of its counters before and after here (no row is shared, so busy
-- estates never queue on a rollup row); a job folds them into ticket_rollups every few seconds, and readers add
-- the few not yet folded, so figures are exact at any moment.
CREATE TABLE ticket_rollup_deltas (LIKE ticket_rollups);
