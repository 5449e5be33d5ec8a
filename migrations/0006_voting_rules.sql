-- 议事规则, attachments and ballot scans, petitions, the 公示 period, and matters about a committee.

-- Each estate's assembly rules (业主大会议事规则) as far as the platform enforces them. A matter copies them when
-- it is drafted, so a later change of the rules never changes a vote under way.
CREATE TABLE assembly_rules (
  estate_id        uuid PRIMARY KEY,
  notice_days      integer NOT NULL DEFAULT 15 CHECK (notice_days BETWEEN 0 AND 90),
  publicity_days   integer NOT NULL DEFAULT 7 CHECK (publicity_days BETWEEN 1 AND 90),
  revote           boolean NOT NULL DEFAULT true,      -- may an owner replace an online ballot before the close
  -- which ballot counts when one owner has both a paper and an online one
  paper_online     text NOT NULL DEFAULT 'earlier' CHECK (paper_online IN ('earlier', 'paper', 'online')),
  proxy_limit      smallint NOT NULL DEFAULT 3 CHECK (proxy_limit BETWEEN 0 AND 20),
  -- the rules adopt "未参与表决视为同意多数意见": shown, flagged, beside the strict result
  follow_majority  boolean NOT NULL DEFAULT false,
  version          integer NOT NULL DEFAULT 1,
  updated_by       uuid,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE matters
  ADD COLUMN revote          boolean NOT NULL DEFAULT true,
  ADD COLUMN paper_online    text NOT NULL DEFAULT 'earlier' CHECK (paper_online IN ('earlier', 'paper', 'online')),
  ADD COLUMN publicity_days  integer NOT NULL DEFAULT 7 CHECK (publicity_days >= 1),
  ADD COLUMN published_at    timestamptz,
  -- a petition (提议) of owners: the units whose owners signed; checked against 20 % at announcement
  ADD COLUMN petition_units  text[] NOT NULL DEFAULT '{}',
  -- what the matter does besides deciding: elect a committee, fill its vacancies, or review its year (述职评议)
  ADD COLUMN purpose         text NOT NULL DEFAULT 'decision'
                             CHECK (purpose IN ('decision', 'election', 'by_election', 'review')),
  ADD COLUMN committee_id    uuid,             -- the committee a by-election or review concerns
  ADD COLUMN seated_at       timestamptz;      -- when the elected took their seats

CREATE INDEX matters_committee ON matters (committee_id) WHERE committee_id IS NOT NULL;

-- Files of a matter: its attachments (the plan, the quote) and the scans of paper ballots.
CREATE TABLE matter_files (
  id           uuid PRIMARY KEY,
  matter_id    uuid NOT NULL REFERENCES matters(id),
  kind         text NOT NULL CHECK (kind IN ('attachment', 'ballot_scan')),
  name         text NOT NULL,
  mime         text NOT NULL,
  bytes        integer NOT NULL,
  sha256       text NOT NULL,
  uploaded_by  uuid,
  uploaded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX matter_files_matter ON matter_files (matter_id, kind, uploaded_at);

ALTER TABLE ballots ADD COLUMN scan_id uuid REFERENCES matter_files(id);

-- An owner with units in several buildings counts once in each building, and once overall in their first
-- building only: the sum of voted_primary is the headcount that took part, read from ~100 rows, not the ballots.
ALTER TABLE roll_buildings ADD COLUMN voted_primary integer NOT NULL DEFAULT 0;
-- Set with the owner's first counted ballot: the not-yet-voted list for canvassing is an index range, not an
-- anti-join against every ballot.
ALTER TABLE roll_entries ADD COLUMN voted boolean NOT NULL DEFAULT false;
CREATE INDEX roll_entries_not_voted ON roll_entries (matter_id, voter_key) WHERE NOT voted;

-- Ballots are append-only: a ballot is never deleted and what it says never changes. Only what the system records
-- about it may be set, once each: that a later ballot replaced it, and its place in the sealed hash chain.
CREATE FUNCTION ballots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ballots are append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.matter_id, NEW.voter_key, NEW.channel, NEW.choice, NEW.choices, NEW.area, NEW.receipt,
      NEW.paper_serial, NEW.scan_id, NEW.cast_by, NEW.cast_at)
     IS DISTINCT FROM
     (OLD.id, OLD.matter_id, OLD.voter_key, OLD.channel, OLD.choice, OLD.choices, OLD.area, OLD.receipt,
      OLD.paper_serial, OLD.scan_id, OLD.cast_by, OLD.cast_at)
     OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS DISTINCT FROM OLD.superseded_at)
     OR (OLD.hash IS NOT NULL AND (NEW.seq, NEW.prev_hash, NEW.hash) IS DISTINCT FROM (OLD.seq, OLD.prev_hash, OLD.hash))
  THEN
    RAISE EXCEPTION 'a ballot never changes once cast' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ballots_append_only BEFORE UPDATE OR DELETE ON ballots FOR EACH ROW EXECUTE FUNCTION ballots_guard();
