-- 专项维修资金: deposits into each unit's sub-account, and its use — applied for, apportioned to the fen among the
-- units that benefit, approved by their owners (art. 278 item 5) or confirmed as an emergency, then disbursed.

-- The city's deposit rate, fen per m² of building area, by the unit's use.
CREATE TABLE fund_rates (
  use         text PRIMARY KEY CHECK (use IN ('residence', 'shop', 'parking', 'other')),
  rate_fen    integer NOT NULL CHECK (rate_fen > 0),
  version     integer NOT NULL DEFAULT 1,
  updated_by  uuid,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Who holds an estate's fund: the housing authority until the owners' assembly exists, then the assembly.
CREATE TABLE fund_custody (
  estate_id       uuid PRIMARY KEY,
  custodian       text NOT NULL DEFAULT 'authority' CHECK (custodian IN ('authority', 'assembly')),
  transferred_at  timestamptz,
  resolution      text                             -- the assembly's decision to take the fund over
);

CREATE TABLE fund_deposits (
  id          uuid PRIMARY KEY,
  estate_id   uuid NOT NULL,
  unit_id     uuid NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('initial', 'redeposit')),
  area        bigint NOT NULL,                     -- 0.01 m² the deposit was computed on
  rate_fen    integer NOT NULL,
  amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
  voucher     text NOT NULL,
  entry_id    uuid NOT NULL,
  paid_at     timestamptz NOT NULL,
  UNIQUE (estate_id, voucher)
);
CREATE UNIQUE INDEX fund_deposits_initial ON fund_deposits (unit_id) WHERE kind = 'initial';

CREATE TABLE fund_applications (
  id             uuid PRIMARY KEY,
  estate_id      uuid NOT NULL,
  region_path    text NOT NULL,
  project        text NOT NULL,
  description    text NOT NULL,
  budget_fen     bigint NOT NULL CHECK (budget_fen > 0),
  scope_kind     text NOT NULL CHECK (scope_kind IN ('estate', 'buildings', 'units')),
  scope_ids      uuid[] NOT NULL DEFAULT '{}',
  -- 应急使用: elevator failure, fire equipment, a facade about to fall, a leaking roof or wall, failed drainage
  emergency      text CHECK (emergency IN ('elevator', 'fire', 'facade', 'leak', 'drainage')),
  state          text NOT NULL DEFAULT 'draft' CHECK (state IN
                   ('draft', 'voting', 'approved', 'rejected', 'contracted', 'accepted', 'disbursed', 'cancelled')),
  matter_id      uuid,                             -- the owners' vote that approves it (art. 278 item 5)
  confirmed_by   uuid,                             -- an emergency: who confirmed it (committee or street office)
  contractor     text,
  contract_no    text,
  accepted_note  text,
  entry_id       uuid,                             -- the disbursement
  created_by     uuid,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fund_applications_estate ON fund_applications (estate_id, created_at DESC);

-- Each benefiting unit's share of the budget, by area, to the fen (the parts sum to the budget).
CREATE TABLE fund_shares (
  application_id  uuid NOT NULL REFERENCES fund_applications(id),
  unit_id         uuid NOT NULL,
  area            bigint NOT NULL,
  fen             bigint NOT NULL CHECK (fen >= 0),
  PRIMARY KEY (application_id, unit_id)
);
