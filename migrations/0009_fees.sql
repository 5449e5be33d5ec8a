-- Property fees: the city's price caps, each estate's fee items, and the bills a bill run raises.

-- Time-ordered ids (UUID v7) made by the database, for set-based inserts (a bill run writes 300,000 rows in one
-- INSERT … SELECT): the same layout the application's own ids use.
CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
    substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
    52, 1), 53, 1), 'hex')::uuid
$$;

-- 政府指导价: the most a service fee may be per m² per month, by the estate's service grade (一级 … 五级).
CREATE TABLE fee_caps (
  grade       smallint PRIMARY KEY CHECK (grade BETWEEN 1 AND 5),
  cap_fen     integer NOT NULL CHECK (cap_fen > 0),
  version     integer NOT NULL DEFAULT 1,
  updated_by  uuid,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE fee_items (
  id            uuid PRIMARY KEY,
  estate_id     uuid NOT NULL,
  name          text NOT NULL,
  -- area_month: fen per m² per month × the unit's area (service fee, shared utilities);
  -- unit_month: fen per unit per month (a parking space); one_off: fen once, in the period it is billed
  basis         text NOT NULL CHECK (basis IN ('area_month', 'unit_month', 'one_off')),
  price_fen     integer NOT NULL CHECK (price_fen > 0),
  uses          text[] NOT NULL DEFAULT '{residence}',   -- which units (units.use) it is billed to
  service_fee   boolean NOT NULL DEFAULT false,          -- the 物业服务费, held to the city's cap
  exemption     text,                                    -- the recorded approval of a price above the cap
  active        boolean NOT NULL DEFAULT true,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT service_fee OR basis = 'area_month')
);
CREATE INDEX fee_items_estate ON fee_items (estate_id) WHERE active;

CREATE TABLE bills (
  id          uuid PRIMARY KEY,
  estate_id   uuid NOT NULL,
  unit_id     uuid NOT NULL,
  item_id     uuid NOT NULL REFERENCES fee_items(id),
  period      text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  days        smallint NOT NULL CHECK (days BETWEEN 1 AND 31),   -- days billed: a part month is pro-rated
  price_fen   integer NOT NULL,
  area        bigint,                                          -- 0.01 m², for area-based items
  amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
  paid_fen    bigint NOT NULL DEFAULT 0 CHECK (paid_fen BETWEEN 0 AND amount_fen),
  entry_id    uuid,                                            -- the ledger entry that booked it
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- a re-run of a period, or a restart after a crash, finds the bill already there
  UNIQUE (unit_id, item_id, period)
);
CREATE INDEX bills_estate_period ON bills (estate_id, period);
CREATE INDEX bills_unpaid ON bills (unit_id, period) WHERE paid_fen < amount_fen;
