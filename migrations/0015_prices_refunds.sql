-- 物业服务费的形成 (seed china-construction-news-2020): the city's cap (政府限价), the company's quote (物业报价), the
-- owners' counter-offer (业主还价), and the agreed price the owners decide by vote, which then becomes the fee item.
CREATE TABLE fee_price_proposals (
  id           uuid PRIMARY KEY,
  estate_id    uuid NOT NULL,
  grade        smallint NOT NULL,
  cap_fen      integer,                               -- the cap for the estate's grade when quoted (none set: null)
  quote_fen    integer NOT NULL CHECK (quote_fen > 0),
  quote_note   text NOT NULL,                         -- the company's cost basis for its quote
  counter_fen  integer CHECK (counter_fen > 0 AND counter_fen <= quote_fen),
  counter_note text,
  agreed_fen   integer CHECK (agreed_fen > 0 AND agreed_fen <= quote_fen),
  matter_id    uuid,
  state        text NOT NULL DEFAULT 'quoted'
               CHECK (state IN ('quoted', 'countered', 'voting', 'agreed', 'rejected', 'withdrawn')),
  fee_item_id  uuid,                                  -- the service-fee item the agreed price was applied to
  created_by   uuid,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (state NOT IN ('countered', 'voting', 'agreed') OR counter_fen IS NOT NULL),
  CHECK (state NOT IN ('voting', 'agreed') OR (agreed_fen IS NOT NULL AND matter_id IS NOT NULL))
);
-- One open negotiation per estate at a time.
CREATE UNIQUE INDEX fee_price_proposals_open ON fee_price_proposals (estate_id)
  WHERE state IN ('quoted', 'countered', 'voting');

-- 退款: money a unit holds as prepayment goes back to the owner only after someone other than the requester approves.
CREATE TABLE refunds (
  id            uuid PRIMARY KEY,
  estate_id     uuid NOT NULL,
  unit_id       uuid NOT NULL,
  amount_fen    bigint NOT NULL CHECK (amount_fen > 0),
  channel       text NOT NULL CHECK (channel IN ('cash', 'transfer')),
  reason        text NOT NULL,
  state         text NOT NULL DEFAULT 'requested' CHECK (state IN ('requested', 'refunded', 'rejected')),
  requested_by  uuid NOT NULL,
  decided_by    uuid,
  decided_note  text,
  entry_id      uuid,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  decided_at    timestamptz,
  CHECK (decided_by IS NULL OR decided_by <> requested_by),
  CHECK (state <> 'refunded' OR entry_id IS NOT NULL)
);
CREATE INDEX refunds_estate ON refunds (estate_id, created_at);

-- A prepayment applied to bills raised later: which entry moved how much onto which bill.
CREATE TABLE prepayment_uses (
  entry_id    uuid NOT NULL,
  bill_id     uuid NOT NULL,
  amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
  PRIMARY KEY (entry_id, bill_id)
);

-- 违约金 only as the property service contract defines it: its clause, a daily rate in 万分之 (basis points of the
-- unpaid amount per day) and the days of grace after the billed month. No clause, no late fee.
ALTER TABLE arrears_settings
  ADD COLUMN late_fee_clause     text,
  ADD COLUMN late_fee_bp_per_day integer CHECK (late_fee_bp_per_day BETWEEN 1 AND 10),
  ADD COLUMN late_fee_grace_days integer NOT NULL DEFAULT 0 CHECK (late_fee_grace_days BETWEEN 0 AND 365),
  ADD CONSTRAINT arrears_settings_late_fee_clause CHECK ((late_fee_clause IS NULL) = (late_fee_bp_per_day IS NULL));
