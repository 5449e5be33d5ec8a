-- The committee lifecycle: terms of at most five years, the election that seated a committee and its alternates,
-- members who join and leave (with the 履职承诺 each signs), the 物业管理委员会's non-owner members, and the
-- handover (移交) from one committee to the next.

ALTER TABLE committees
  ADD COLUMN elected_by  uuid,                         -- the election (a voting matter) that seated it
  ADD COLUMN seats       smallint CHECK (seats IS NULL OR seats > 0),
  ADD COLUMN alternates  jsonb NOT NULL DEFAULT '[]',  -- [{personId, name}] in order: runners-up who step in
  ADD COLUMN ended_on    date,
  ADD COLUMN end_reason  text;
ALTER TABLE committees DROP CONSTRAINT committees_status_check;
-- 'handover': a successor is seated and this committee still has records and seals to hand over
ALTER TABLE committees ADD CONSTRAINT committees_status_check CHECK (status IN ('active', 'handover', 'ended'));
-- 《业主大会和业主委员会指导规则》: a term is at most five years
ALTER TABLE committees ADD CONSTRAINT committees_term_at_most_5_years CHECK (
  term_start IS NULL OR term_end IS NULL OR (term_end > term_start AND term_end <= (term_start + interval '5 years')::date)
);
CREATE UNIQUE INDEX committees_one_active ON committees (estate_id) WHERE status = 'active';
-- Committees recorded before this had as many seats as members.
UPDATE committees c SET seats = (SELECT count(*) FROM committee_members m WHERE m.committee_id = c.id)
WHERE seats IS NULL AND EXISTS (SELECT 1 FROM committee_members m WHERE m.committee_id = c.id);

-- Members get an id of their own: a 物业管理委员会 seats street and community officials who are not owners.
ALTER TABLE committee_members DROP CONSTRAINT committee_members_pkey;
ALTER TABLE committee_members
  ADD COLUMN id           uuid,
  ADD COLUMN name         text,
  ADD COLUMN affiliation  text NOT NULL DEFAULT 'owner'
                          CHECK (affiliation IN ('owner', 'street', 'community', 'other')),
  ADD COLUMN source       text NOT NULL DEFAULT 'recorded'
                          CHECK (source IN ('elected', 'by_election', 'alternate', 'appointed', 'recorded')),
  ADD COLUMN joined_on    date,
  ADD COLUMN left_on      date,
  ADD COLUMN left_reason  text,
  ADD COLUMN commitment_signed_at timestamptz,        -- 履职承诺
  ADD COLUMN commitment_text      text;
UPDATE committee_members cm SET id = gen_random_uuid(), name = p.name FROM persons p WHERE p.id = cm.person_id;
ALTER TABLE committee_members ALTER COLUMN id SET NOT NULL, ALTER COLUMN name SET NOT NULL,
  ALTER COLUMN person_id DROP NOT NULL, ADD PRIMARY KEY (id);
ALTER TABLE committee_members ADD CONSTRAINT committee_members_owner_is_person
  CHECK (affiliation <> 'owner' OR person_id IS NOT NULL);
ALTER TABLE committee_members ADD CONSTRAINT committee_members_left_with_reason
  CHECK (left_on IS NULL OR left_reason IS NOT NULL);
CREATE UNIQUE INDEX committee_members_seated ON committee_members (committee_id, person_id)
  WHERE left_on IS NULL AND person_id IS NOT NULL;
CREATE INDEX committee_members_person ON committee_members (person_id) WHERE person_id IS NOT NULL;

-- 移交: the outgoing committee lists what it hands over; someone other than the one who listed it confirms receipt.
CREATE TABLE committee_handovers (
  id              uuid PRIMARY KEY,
  estate_id       uuid NOT NULL,
  from_committee  uuid NOT NULL UNIQUE REFERENCES committees(id),
  to_committee    uuid REFERENCES committees(id),
  items           jsonb NOT NULL,          -- [{name, quantity, note}]: seals, records, accounts, keys
  handed_by       uuid,
  handed_at       timestamptz NOT NULL,
  received_by     uuid,
  received_at     timestamptz,
  CHECK (received_by IS NULL OR received_by <> handed_by)
);
