-- Arrears: reminders sent (by message, and written ones delivered with proof), and the list of persistent
-- non-payers (恶意拖欠), which nobody enters without that due process.

CREATE TABLE arrears_settings (
  estate_id        uuid PRIMARY KEY,
  min_months       integer NOT NULL DEFAULT 6 CHECK (min_months BETWEEN 1 AND 60),   -- owed at least this long
  written_notices  integer NOT NULL DEFAULT 2 CHECK (written_notices BETWEEN 1 AND 10), -- delivered beforehand
  version          integer NOT NULL DEFAULT 1
);

CREATE TABLE arrears_notices (
  id            uuid PRIMARY KEY,
  estate_id     uuid NOT NULL,
  unit_id       uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('message', 'written')),
  owed_fen      bigint NOT NULL,
  delivered_on  date NOT NULL,
  evidence      text,                 -- a written notice: how it was delivered (signed receipt, registered mail no.)
  recorded_by   uuid,
  CHECK (kind = 'message' OR evidence IS NOT NULL)
);
CREATE INDEX arrears_notices_unit ON arrears_notices (unit_id, delivered_on);

CREATE TABLE defaulters (
  id           uuid PRIMARY KEY,
  estate_id    uuid NOT NULL,
  unit_id      uuid NOT NULL,
  reason       text NOT NULL,
  owed_fen     bigint NOT NULL,
  months       integer NOT NULL,
  listed_on    date NOT NULL,
  listed_by    uuid,
  removed_on   date,
  removed_why  text
);
CREATE UNIQUE INDEX defaulters_listed ON defaulters (unit_id) WHERE removed_on IS NULL;
