-- The ledger: double entry in integer fen, one hash chain per estate. The database itself keeps the invariants, so
-- no code path (nor a hand-typed UPDATE) can break them: every entry's legs sum to zero, entries are append-only,
-- balances move only with the legs, and accounts that may not go negative never do.

CREATE TABLE ledger_accounts (
  id              uuid PRIMARY KEY,
  estate_id       uuid NOT NULL,
  -- what the account is: bank, cash, fees_receivable (per unit), prepayments (per unit), company_revenue,
  -- public_revenue, fund_control, fund_unit (分户账, per unit), payables, fund_custody …
  code            text NOT NULL CHECK (code ~ '^[a-z_]+$'),
  unit_id         uuid,
  kind            text NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'revenue', 'expense')),
  may_go_negative boolean NOT NULL DEFAULT true,
  balance         bigint NOT NULL DEFAULT 0,                    -- fen, debit positive, like the legs
  -- "Not negative" on the account's own side: an asset's debit balance, a liability's (a unit's fund
  -- sub-account's) credit balance.
  CONSTRAINT ledger_accounts_not_negative CHECK (
    may_go_negative OR (CASE WHEN kind IN ('asset', 'expense') THEN balance ELSE -balance END) >= 0),
  UNIQUE NULLS NOT DISTINCT (estate_id, code, unit_id)
);

-- The head of each estate's chain: posting locks it, so entries of one estate are numbered and chained in order
-- while two estates never wait on each other.
CREATE TABLE ledger_heads (
  estate_id  uuid PRIMARY KEY,
  seq        bigint NOT NULL DEFAULT 0,
  hash       text NOT NULL DEFAULT repeat('0', 64)
);

-- The sum of an entry's amounts, for its CHECK constraint (no subqueries there, but an immutable function is fine).
CREATE FUNCTION ledger_sum(bigint[]) RETURNS numeric LANGUAGE sql IMMUTABLE STRICT AS
  'SELECT coalesce(sum(x), 0) FROM unnest($1) AS x';

-- An entry carries its legs as two parallel arrays, so the row itself is checked to balance the moment it is
-- written, and no leg can be added to an entry afterwards.
CREATE TABLE journal_entries (
  id               uuid PRIMARY KEY,
  estate_id        uuid NOT NULL,
  seq              bigint NOT NULL,
  kind             text NOT NULL,
  memo             text NOT NULL,
  idempotency_key  text NOT NULL,
  reverses         uuid UNIQUE REFERENCES journal_entries(id),   -- a correction reverses one entry, once
  document         text,                                          -- the voucher: receipt no., resolution, contract
  account_ids      uuid[] NOT NULL,
  amounts          bigint[] NOT NULL,                             -- fen; debit positive, credit negative
  posted_at        timestamptz NOT NULL,
  posted_by        uuid,
  prev_hash        text NOT NULL,
  hash             text NOT NULL,
  UNIQUE (estate_id, seq),
  UNIQUE (estate_id, idempotency_key),
  CONSTRAINT journal_entries_two_legs CHECK (
    cardinality(account_ids) >= 2 AND cardinality(account_ids) = cardinality(amounts)
    AND array_position(account_ids, NULL) IS NULL AND array_position(amounts, NULL) IS NULL),
  CONSTRAINT journal_entries_no_zero_leg CHECK (0 <> ALL (amounts)),
  CONSTRAINT journal_entries_balanced CHECK (ledger_sum(amounts) = 0)
);
-- An account's history (a unit's fund statement) without reading the whole journal.
CREATE INDEX journal_entries_accounts ON journal_entries USING gin (account_ids);

-- Entries are never changed or removed: a mistake is corrected by a reversal entry.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: correct an entry by reversing it' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- Balances move with the legs and only with them; every leg's account must be one of the entry's estate.
CREATE FUNCTION ledger_entry_posted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved integer;
BEGIN
  UPDATE ledger_accounts a SET balance = a.balance + v.amount
  FROM (SELECT id, sum(amount)::bigint AS amount FROM unnest(NEW.account_ids, NEW.amounts) AS l(id, amount)
        GROUP BY id) v
  WHERE a.id = v.id AND a.estate_id = NEW.estate_id;
  GET DIAGNOSTICS moved = ROW_COUNT;
  IF moved <> (SELECT count(DISTINCT id) FROM unnest(NEW.account_ids) AS id) THEN
    RAISE EXCEPTION 'journal entry % names an account that is not its estate''s', NEW.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER journal_entries_balances AFTER INSERT ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_posted();

CREATE FUNCTION ledger_balance_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Depth 1 is a statement someone sent; the posting trigger above runs its UPDATE at depth 2.
  IF NEW.balance IS DISTINCT FROM OLD.balance AND pg_trigger_depth() < 2 THEN
    RAISE EXCEPTION 'a balance moves only by posting an entry' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW.id, NEW.estate_id, NEW.code, NEW.unit_id, NEW.kind, NEW.may_go_negative)
     IS DISTINCT FROM (OLD.id, OLD.estate_id, OLD.code, OLD.unit_id, OLD.kind, OLD.may_go_negative) THEN
    RAISE EXCEPTION 'an account is never redefined' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER ledger_accounts_guard BEFORE UPDATE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_balance_guard();
CREATE TRIGGER ledger_accounts_no_delete BEFORE DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
