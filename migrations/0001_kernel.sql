-- Kernel tables: accounts, sessions, audit log, notification outbox, events, jobs.

CREATE TABLE accounts (
  id            uuid PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('staff', 'resident', 'integration')),
  username      text UNIQUE,
  phone         text UNIQUE,
  password_hash text,
  display_name  text NOT NULL,
  person_id     uuid,
  disabled      boolean NOT NULL DEFAULT false,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (username IS NOT NULL OR phone IS NOT NULL)
);

-- A role held over a scope. scope_path caches a region's materialised path so scope
-- filters are prefix matches, not tree walks.
CREATE TABLE role_bindings (
  id          uuid PRIMARY KEY,
  account_id  uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  role        text NOT NULL,
  scope_type  text NOT NULL CHECK (scope_type IN ('none', 'region', 'estate', 'company', 'department')),
  scope_id    uuid,
  scope_path  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, role, scope_type, scope_id)
);
CREATE INDEX role_bindings_account ON role_bindings (account_id);

CREATE TABLE sessions (
  id           uuid PRIMARY KEY,
  token_hash   text NOT NULL UNIQUE,
  account_id   uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE api_tokens (
  id          uuid PRIMARY KEY,
  account_id  uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name        text NOT NULL,
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  revoked_at  timestamptz
);

-- Failed-login counters per account identifier and per client address.
CREATE TABLE login_throttle (
  key           text PRIMARY KEY,
  failures      integer NOT NULL DEFAULT 0,
  window_start  timestamptz NOT NULL DEFAULT now(),
  locked_until  timestamptz
);

CREATE TABLE otp_codes (
  id          uuid PRIMARY KEY,
  phone       text NOT NULL,
  code_hash   text NOT NULL,
  expires_at  timestamptz NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  consumed_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX otp_codes_phone ON otp_codes (phone, created_at DESC);

-- Audit log: written in the transaction of the change; sealed into a hash chain afterwards by
-- one sealer (seq, prev_hash, hash), so writers never wait on each other for the chain.
CREATE TABLE audit_log (
  id            uuid PRIMARY KEY,
  at            timestamptz NOT NULL,
  actor_id      uuid,
  actor_label   text NOT NULL,
  action        text NOT NULL,
  entity_type   text NOT NULL,
  entity_id     text,
  estate_id     uuid,
  before        jsonb,
  after         jsonb,
  request_id    text,
  seq           bigint UNIQUE,
  prev_hash     text,
  hash          text
);
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE seq IS NULL;
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);

CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'audit_log is append-only';
  END IF;
  IF OLD.seq IS NOT NULL
     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.at IS DISTINCT FROM OLD.at
     OR NEW.actor_id IS DISTINCT FROM OLD.actor_id OR NEW.actor_label IS DISTINCT FROM OLD.actor_label
     OR NEW.action IS DISTINCT FROM OLD.action OR NEW.entity_type IS DISTINCT FROM OLD.entity_type
     OR NEW.entity_id IS DISTINCT FROM OLD.entity_id OR NEW.estate_id IS DISTINCT FROM OLD.estate_id
     OR NEW.before IS DISTINCT FROM OLD.before OR NEW.after IS DISTINCT FROM OLD.after
     OR NEW.request_id IS DISTINCT FROM OLD.request_id THEN
    RAISE EXCEPTION 'audit_log entries can only be sealed once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_log_guard BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();

-- Notification outbox: one row per message and channel, dispatched with retries.
CREATE TABLE notifications (
  id               uuid PRIMARY KEY,
  channel          text NOT NULL CHECK (channel IN ('inapp', 'sms', 'wechat', 'email')),
  account_id       uuid,
  recipient        text NOT NULL,
  template         text NOT NULL,
  params           jsonb NOT NULL DEFAULT '{}',
  body             text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  read_at          timestamptz
);
CREATE INDEX notifications_pending ON notifications (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_account ON notifications (account_id, created_at DESC);

-- Domain events for cross-module reactions, written with the change that caused them.
CREATE TABLE events (
  id            uuid PRIMARY KEY,
  type          text NOT NULL,
  payload       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  processed_at  timestamptz
);
CREATE INDEX events_unprocessed ON events (id) WHERE processed_at IS NULL;

CREATE TABLE jobs (
  id            uuid PRIMARY KEY,
  kind          text NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  unique_key    text UNIQUE,
  run_at        timestamptz NOT NULL DEFAULT now(),
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 3,
  locked_by     text,
  locked_until  timestamptz,
  progress      jsonb,
  result        jsonb,
  error         text,
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'queued';
CREATE INDEX jobs_running ON jobs (locked_until) WHERE status = 'running';
