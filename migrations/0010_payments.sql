-- Payments: online through a provider (callbacks verified and idempotent on the provider's transaction id) or
-- entered at the desk; each settles the unit's oldest bills first, the rest is held as a prepayment.

CREATE TABLE payments (
  id            uuid PRIMARY KEY,
  estate_id     uuid NOT NULL,
  unit_id       uuid NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('wechat', 'alipay', 'cash', 'transfer')),
  amount_fen    bigint NOT NULL CHECK (amount_fen > 0),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'closed')),
  out_trade_no  text NOT NULL UNIQUE,          -- our order number, sent to the provider
  provider_txn  text,                          -- the provider's transaction id, or the desk's voucher number
  receipt_no    text UNIQUE,                   -- 收据号, numbered per estate and year when paid
  entry_id      uuid,
  payer         uuid,                          -- the account that paid or entered it
  created_at    timestamptz NOT NULL DEFAULT now(),
  paid_at       timestamptz,
  CHECK ((status = 'paid') = (paid_at IS NOT NULL AND receipt_no IS NOT NULL AND entry_id IS NOT NULL))
);
CREATE UNIQUE INDEX payments_provider_txn ON payments (channel, provider_txn) WHERE provider_txn IS NOT NULL;
CREATE INDEX payments_unit ON payments (unit_id, created_at DESC);

-- Which bills a payment settled, and by how much.
CREATE TABLE payment_allocations (
  payment_id  uuid NOT NULL REFERENCES payments(id),
  bill_id     uuid NOT NULL REFERENCES bills(id),
  amount_fen  bigint NOT NULL CHECK (amount_fen > 0),
  PRIMARY KEY (payment_id, bill_id)
);
CREATE INDEX payment_allocations_bill ON payment_allocations (bill_id);

-- Receipt numbers run without gaps per estate and year.
CREATE TABLE receipt_counters (
  estate_id  uuid NOT NULL,
  year       smallint NOT NULL,
  last       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (estate_id, year)
);
