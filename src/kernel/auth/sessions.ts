import { sql } from 'kysely';
import type { Db, Executor } from '../db.ts';
import type { RequestContext } from '../http.ts';
import { newId } from '../ids.ts';
import { digest, newToken } from './passwords.ts';
import type { Actor, Binding, Role, ScopeType } from './roles.ts';

export const SESSION_COOKIE = 'anju_session';
export const API_TOKEN_PREFIX = 'anju_';

export async function createSession(
  db: Executor,
  accountId: string,
  ttlHours: number,
  meta: { ip?: string; userAgent?: string },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db
    .insertInto('sessions')
    .values({
      id: newId(),
      token_hash: digest(token),
      account_id: accountId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      revoked_at: null,
      ip: meta.ip ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function loadBindings(db: Executor, accountId: string): Promise<Binding[]> {
  const rows = await db
    .selectFrom('role_bindings')
    .select(['role', 'scope_type', 'scope_id', 'scope_path'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    role: r.role as Role,
    scopeType: r.scope_type as ScopeType,
    scopeId: r.scope_id,
    scopePath: r.scope_path,
  }));
}

type AccountRow = {
  id: string;
  kind: Actor['kind'];
  display_name: string;
  person_id: string | null;
  bindings: { role: Role; scopeType: ScopeType; scopeId: string | null; scopePath: string | null }[];
};

/**
 * The account's bindings as JSON in the same query as the session or token: every request pays one round trip
 * for who is calling, not two.
 */
const bindingsJson = sql<AccountRow['bindings']>`(
  SELECT coalesce(json_agg(json_build_object('role', b.role, 'scopeType', b.scope_type, 'scopeId', b.scope_id,
    'scopePath', b.scope_path) ORDER BY b.created_at), '[]')
  FROM role_bindings b WHERE b.account_id = a.id)`;

function actorOf(account: AccountRow, extra: Partial<Actor>): Actor {
  return {
    accountId: account.id,
    kind: account.kind,
    displayName: account.display_name,
    personId: account.person_id,
    bindings: account.bindings,
    via: 'session',
    ...extra,
  };
}

export async function actorFromSession(db: Db, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['a.id', 'a.kind', 'a.display_name', 'a.person_id', 's.id as session_id', 's.csrf_token'])
    .select(bindingsJson.as('bindings'))
    .where('s.token_hash', '=', digest(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('a.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return null;
  return actorOf(row, { via: 'session', sessionId: row.session_id, csrfToken: row.csrf_token });
}

export async function actorFromApiToken(db: Db, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('accounts as a', 'a.id', 't.account_id')
    .select(['a.id', 'a.kind', 'a.display_name', 'a.person_id'])
    .select(bindingsJson.as('bindings'))
    .where('t.token_hash', '=', digest(token))
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
    .where('a.disabled', '=', false)
    .executeTakeFirst();
  return row ? actorOf(row, { via: 'token' }) : null;
}

export async function revokeSession(db: Executor, sessionId: string) {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', sessionId).execute();
}

export async function revokeAllSessions(db: Executor, accountId: string) {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function createApiToken(db: Executor, accountId: string, name: string, expiresAt: Date | null) {
  const token = newToken(API_TOKEN_PREFIX);
  const id = newId();
  await db
    .insertInto('api_tokens')
    .values({ id, account_id: accountId, name, token_hash: digest(token), expires_at: expiresAt, revoked_at: null })
    .execute();
  return { id, token };
}

/**
 * A request context acting as an account, named by username or id, for work the server does itself on someone's
 * behalf (demo seeds, background jobs); null if there is no such account.
 */
export async function contextAs(
  db: Db,
  who: string,
  by: 'username' | 'id' = 'username',
): Promise<RequestContext | null> {
  const a = await db
    .selectFrom('accounts')
    .select(['id', 'kind', 'display_name', 'person_id'])
    .where(by, '=', who)
    .executeTakeFirst();
  if (!a) return null;
  const actor: Actor = {
    accountId: a.id,
    kind: a.kind,
    displayName: a.display_name,
    personId: a.person_id,
    bindings: await loadBindings(db, a.id),
    via: 'session',
  };
  return { actor, lang: 'zh-CN', requestId: 'seed' };
}
