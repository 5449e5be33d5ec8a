-- Owners' joint decisions (业主共同决定): matters, the frozen roll, ballots.

-- A matter for the owners to decide, under Civil Code art. 278 item 1–9.
CREATE TABLE matters (
  id              uuid PRIMARY KEY,
  estate_id       uuid NOT NULL,
  region_path     text NOT NULL,
  item            smallint NOT NULL CHECK (item BETWEEN 1 AND 9),
  title           text NOT NULL,
  body            text NOT NULL,
  -- the owners concerned: the whole estate, or some buildings or units (one building's elevator repair)
  scope_kind      text NOT NULL DEFAULT 'estate' CHECK (scope_kind IN ('estate', 'buildings', 'units')),
  scope_ids       uuid[] NOT NULL DEFAULT '{}',
  proposer_kind   text NOT NULL CHECK (proposer_kind IN ('committee', 'petition', 'street', 'community')),
  -- voting is open while announced and opens_at <= now < closes_at
  state           text NOT NULL DEFAULT 'draft'
                  CHECK (state IN ('draft', 'announced', 'closed', 'published', 'cancelled')),
  notice_days     integer NOT NULL DEFAULT 15 CHECK (notice_days >= 0),
  opens_at        timestamptz NOT NULL,
  closes_at       timestamptz NOT NULL,
  seats           smallint CHECK (seats IS NULL OR seats > 0),
  -- show the contested "non-voters follow the majority" count beside the strict result (never instead of it)
  show_follow_majority boolean NOT NULL DEFAULT false,
  proxy_limit     smallint NOT NULL DEFAULT 3 CHECK (proxy_limit >= 0),   -- principals one holder may represent
  roll_area       bigint,                  -- the frozen roll's totals, written at announcement
  roll_persons    integer,
  announced_at    timestamptz,
  closed_at       timestamptz,
  cancel_reason   text,
  result          jsonb,
  created_by      uuid,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_at > opens_at),
  CHECK ((item = 3) = (seats IS NOT NULL))
);
CREATE INDEX matters_estate ON matters (estate_id, created_at DESC);
CREATE INDEX matters_region ON matters (region_path text_pattern_ops);

-- Candidates of an election (item 3).
CREATE TABLE matter_candidates (
  id          uuid PRIMARY KEY,
  matter_id   uuid NOT NULL REFERENCES matters(id),
  name        text NOT NULL,
  person_id   uuid,
  nomination  text NOT NULL CHECK (nomination IN ('committee', 'owners', 'street', 'self')),
  statement   text,
  sort        integer NOT NULL DEFAULT 0
);
CREATE INDEX matter_candidates_matter ON matter_candidates (matter_id, sort);

-- The roll (表决名册), frozen at announcement: one row per counting person (SPC arts. 8–9). Later registry
-- changes never touch it.
CREATE TABLE roll_entries (
  matter_id    uuid NOT NULL REFERENCES matters(id),
  voter_key    text NOT NULL,            -- the person's id, 'developer', or 'unit:<id>' for a part with no owner on record
  person_id    uuid,
  area         bigint NOT NULL CHECK (area > 0),   -- 0.01 m², all the person's units in scope
  units        jsonb NOT NULL,           -- [{unitId, buildingId, label, area, source}]
  building_ids uuid[] NOT NULL,
  objection    text,
  PRIMARY KEY (matter_id, voter_key)
);
CREATE INDEX roll_entries_person ON roll_entries (person_id, matter_id);

-- Participation by building, kept as ballots arrive, so canvassing reads ~100 rows, not the whole roll.
-- An owner counts once in each building where they hold a unit.
CREATE TABLE roll_buildings (
  matter_id      uuid NOT NULL REFERENCES matters(id),
  building_id    uuid NOT NULL,
  name           text NOT NULL,
  area           bigint NOT NULL,
  persons        integer NOT NULL,
  voted_area     bigint NOT NULL DEFAULT 0,
  voted_persons  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (matter_id, building_id)
);

-- Written proxies (委托书), recorded by the organisers: the holder may vote for the principal.
CREATE TABLE proxies (
  matter_id      uuid NOT NULL REFERENCES matters(id),
  principal_key  text NOT NULL,
  holder_key     text NOT NULL,
  serial         text NOT NULL,            -- the written authorisation's number
  recorded_by    uuid,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (matter_id, principal_key),
  FOREIGN KEY (matter_id, principal_key) REFERENCES roll_entries (matter_id, voter_key),
  FOREIGN KEY (matter_id, holder_key) REFERENCES roll_entries (matter_id, voter_key),
  CHECK (principal_key <> holder_key)
);
CREATE INDEX proxies_holder ON proxies (matter_id, holder_key);

-- Ballots. The counted one per voter is the row with superseded_at NULL; a re-vote supersedes the earlier.
CREATE TABLE ballots (
  id             uuid PRIMARY KEY,
  matter_id      uuid NOT NULL REFERENCES matters(id),
  voter_key      text NOT NULL,
  channel        text NOT NULL CHECK (channel IN ('online', 'paper')),
  choice         text CHECK (choice IN ('agree', 'oppose', 'abstain')),
  choices        text[],
  area           bigint NOT NULL,         -- the voter's roll area, so participation sums without a join
  receipt        text NOT NULL UNIQUE,
  paper_serial   text,                   -- the paper ballot's printed serial number, entered with it
  note           text,                   -- e.g. why a ballot was not counted
  cast_by        uuid,
  cast_at        timestamptz NOT NULL,
  superseded_at  timestamptz,
  -- hash chain per matter, sealed in order when voting closes: SHA-256(prev ‖ canonical ballot)
  seq            integer,
  prev_hash      text,
  hash           text,
  FOREIGN KEY (matter_id, voter_key) REFERENCES roll_entries (matter_id, voter_key),
  CHECK ((choice IS NULL) <> (choices IS NULL))
);
CREATE UNIQUE INDEX ballots_one_counted ON ballots (matter_id, voter_key) WHERE superseded_at IS NULL;
CREATE INDEX ballots_matter ON ballots (matter_id, cast_at, id);
CREATE UNIQUE INDEX ballots_paper_serial ON ballots (matter_id, paper_serial) WHERE paper_serial IS NOT NULL;
