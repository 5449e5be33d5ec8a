import type { Generated, JSONColumnType } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: JSON columns hold what each writer puts there
type Json = JSONColumnType<any, string, string>;

export interface KernelTables {
  accounts: {
    id: string;
    kind: 'staff' | 'resident' | 'integration';
    username: string | null;
    phone: string | null;
    password_hash: string | null;
    display_name: string;
    person_id: string | null;
    disabled: Generated<boolean>;
    version: Generated<number>;
    created_at: Generated<Date>;
  };
  role_bindings: {
    id: string;
    account_id: string;
    role: string;
    scope_type: string;
    scope_id: string | null;
    scope_path: string | null;
    created_at: Generated<Date>;
  };
  sessions: {
    id: string;
    token_hash: string;
    account_id: string;
    csrf_token: string;
    created_at: Generated<Date>;
    expires_at: Date;
    revoked_at: Date | null;
    ip: string | null;
    user_agent: string | null;
  };
  api_tokens: {
    id: string;
    account_id: string;
    name: string;
    token_hash: string;
    created_at: Generated<Date>;
    expires_at: Date | null;
    revoked_at: Date | null;
  };
  idempotency_keys: {
    scope: string;
    key: string;
    request_hash: string;
    status: number;
    response: Json;
    created_at: Generated<Date>;
  };
  rate_windows: { key: string; window_start: Date; hits: number };
  login_throttle: { key: string; failures: number; window_start: Date; locked_until: Date | null };
  otp_codes: {
    id: string;
    phone: string;
    code_hash: string;
    expires_at: Date;
    attempts: Generated<number>;
    consumed_at: Date | null;
    created_at: Generated<Date>;
  };
  audit_log: {
    id: string;
    at: Date;
    actor_id: string | null;
    actor_label: string;
    action: string;
    entity_type: string;
    entity_id: string | null;
    estate_id: string | null;
    before: Json | null;
    after: Json | null;
    request_id: string | null;
    seq: number | null;
    prev_hash: string | null;
    hash: string | null;
  };
  notifications: {
    id: string;
    channel: 'inapp' | 'sms' | 'wechat' | 'email';
    account_id: string | null;
    recipient: string;
    template: string;
    params: Json;
    body: string;
    status: Generated<'pending' | 'sent' | 'dead'>;
    attempts: Generated<number>;
    next_attempt_at: Generated<Date>;
    last_error: string | null;
    created_at: Generated<Date>;
    sent_at: Date | null;
    read_at: Date | null;
  };
  events: { id: string; type: string; payload: Json; created_at: Generated<Date>; processed_at: Date | null };
  jobs: {
    id: string;
    kind: string;
    payload: Json;
    status: Generated<'queued' | 'running' | 'succeeded' | 'failed'>;
    unique_key: string | null;
    run_at: Generated<Date>;
    attempts: Generated<number>;
    max_attempts: Generated<number>;
    locked_by: string | null;
    locked_until: Date | null;
    progress: Json | null;
    result: Json | null;
    error: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
    started_at: Date | null;
    finished_at: Date | null;
  };
}

declare module './db.ts' {
  interface Database extends KernelTables {}
}
