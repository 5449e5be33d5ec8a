import { createHash, randomInt } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { audit } from '../audit.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError, notFound } from '../errors.ts';
import { ctxOf } from '../http.ts';
import { newId } from '../ids.ts';
import { notify } from '../outbox.ts';
import './messages.ts';
import { verifyPassword } from './passwords.ts';
import type { Actor, Binding } from './roles.ts';
import {
  actorFromSession,
  createApiToken,
  createSession,
  revokeAllSessions,
  revokeSession,
  SESSION_COOKIE,
} from './sessions.ts';
import { clearFailures, lockedMinutes, recordFailure, THROTTLE } from './throttle.ts';

/** What the auth routes need from the registry, injected so the kernel holds no domain rules. */
export interface AuthHooks {
  /** The owner with this phone number in the registry, if any: residents sign in with it. */
  findResidentByPhone(db: Executor, phone: string): Promise<{ personId: string; name: string } | null>;
  /** Human names of the scopes an account is bound to (region, estate, company, department). */
  scopeNames(db: Executor, bindings: Binding[]): Promise<Record<string, string>>;
}

const OTP_MINUTES = 5;
const PHONE = '^1[3-9]\\d{9}$';

const Me = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  displayName: Type.String(),
  personId: Type.Union([Type.String(), Type.Null()]),
  csrfToken: Type.String(),
  bindings: Type.Array(
    Type.Object({
      role: Type.String(),
      scopeType: Type.String(),
      scopeId: Type.Union([Type.String(), Type.Null()]),
      scopeName: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export const authRoutes =
  (hooks: AuthHooks): FastifyPluginAsyncTypebox =>
  async (app) => {
    const db: Db = app.db;
    const ttl = app.config.sessionTtlHours;

    async function me(actor: Actor, csrfToken: string) {
      const names = await hooks.scopeNames(db, actor.bindings);
      return {
        id: actor.accountId as string,
        kind: actor.kind,
        displayName: actor.displayName,
        personId: actor.personId,
        csrfToken,
        bindings: actor.bindings.map((b) => ({
          role: b.role,
          scopeType: b.scopeType,
          scopeId: b.scopeId,
          scopeName: b.scopeId ? (names[b.scopeId] ?? null) : null,
        })),
      };
    }

    async function startSession(reply: FastifyReply, accountId: string, ip: string, userAgent?: string) {
      const session = await createSession(db, accountId, ttl, { ip, userAgent });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.secureCookies,
        expires: session.expiresAt,
      });
      const actor = (await actorFromSession(db, session.token)) as Actor;
      await audit(db, { actor }, { action: 'login', entityType: 'account', entityId: accountId });
      return me(actor, session.csrfToken);
    }

    async function refuseIfLocked(keys: string[]) {
      const minutes = await lockedMinutes(db, keys);
      if (minutes > 0) throw new DomainError('rate_limited', 429, { minutes });
    }

    async function fail(key: string, ip: string, code: string): Promise<never> {
      await recordFailure(db, key, THROTTLE.maxFailures);
      await recordFailure(db, `ip:${ip}`, THROTTLE.maxFailuresPerIp);
      throw new DomainError(code, 401);
    }

    app.post(
      '/api/v1/auth/login',
      {
        config: { policy: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Staff sign-in with a password',
          body: Type.Object(
            {
              username: Type.String({ minLength: 1, maxLength: 100 }),
              password: Type.String({ minLength: 1, maxLength: 200 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: Me },
        },
      },
      async (req, reply) => {
        const username = req.body.username.trim().toLowerCase();
        const key = `user:${username}`;
        await refuseIfLocked([key, `ip:${req.ip}`]);
        const account = await db
          .selectFrom('accounts')
          .select(['id', 'password_hash'])
          .where('username', '=', username)
          .where('disabled', '=', false)
          .executeTakeFirst();
        // The same check and the same answer whether or not the account exists.
        const ok = await verifyPassword(req.body.password, account?.password_hash ?? null);
        if (!ok || !account) return fail(key, req.ip, 'invalid_credentials');
        await clearFailures(db, key);
        return startSession(reply, account.id, req.ip, req.headers['user-agent']);
      },
    );

    app.post(
      '/api/v1/auth/otp/request',
      {
        config: { policy: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Send a one-time sign-in code to a resident phone',
          body: Type.Object({ phone: Type.String({ pattern: PHONE }) }, { additionalProperties: false }),
          response: { 200: Type.Object({ sent: Type.Boolean(), expiresInMinutes: Type.Integer() }) },
        },
      },
      async (req) => {
        const { phone } = req.body;
        await refuseIfLocked([`otp:${phone}`, `ip:${req.ip}`]);
        const recent = await db
          .selectFrom('otp_codes')
          .select('id')
          .where('phone', '=', phone)
          .where('created_at', '>', sql<Date>`now() - interval '60 seconds'`)
          .executeTakeFirst();
        if (recent) throw new DomainError('otp_too_soon', 429);
        const resident = await hooks.findResidentByPhone(db, phone);
        // Unknown numbers get the same answer, and no message.
        if (resident) {
          const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
          await db.transaction().execute(async (trx) => {
            await trx
              .insertInto('otp_codes')
              .values({
                id: newId(),
                phone,
                code_hash: createHash('sha256').update(`${phone}:${code}`).digest('hex'),
                expires_at: new Date(Date.now() + OTP_MINUTES * 60_000),
                consumed_at: null,
              })
              .execute();
            await notify(trx, {
              channel: 'sms',
              recipient: phone,
              template: 'auth.otp',
              params: { code, minutes: OTP_MINUTES },
            });
          });
        }
        return { sent: true, expiresInMinutes: OTP_MINUTES };
      },
    );

    app.post(
      '/api/v1/auth/otp/login',
      {
        config: { policy: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Resident sign-in with phone and one-time code',
          body: Type.Object(
            { phone: Type.String({ pattern: PHONE }), code: Type.String({ pattern: '^\\d{6}$' }) },
            { additionalProperties: false },
          ),
          response: { 200: Me },
        },
      },
      async (req, reply) => {
        const { phone, code } = req.body;
        const key = `otp:${phone}`;
        await refuseIfLocked([key, `ip:${req.ip}`]);
        const hash = createHash('sha256').update(`${phone}:${code}`).digest('hex');
        const consumed = await db
          .updateTable('otp_codes')
          .set({ consumed_at: new Date() })
          .where('phone', '=', phone)
          .where('code_hash', '=', hash)
          .where('consumed_at', 'is', null)
          .where('expires_at', '>', sql<Date>`now()`)
          .returning('id')
          .executeTakeFirst();
        if (!consumed) return fail(key, req.ip, 'invalid_code');
        await clearFailures(db, key);
        const accountId = await findOrCreateResident(db, hooks, phone);
        if (!accountId) return fail(key, req.ip, 'invalid_code');
        return startSession(reply, accountId, req.ip, req.headers['user-agent']);
      },
    );

    app.get(
      '/api/v1/auth/me',
      { config: { policy: 'authenticated' }, schema: { tags: ['auth'], response: { 200: Me } } },
      async (req) => me(req.actor, req.actor.csrfToken ?? ''),
    );

    app.post(
      '/api/v1/auth/logout',
      { config: { policy: 'authenticated' }, schema: { tags: ['auth'], response: { 204: Type.Null() } } },
      async (req, reply) => {
        if (req.actor.sessionId) await revokeSession(db, req.actor.sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/auth/logout-all',
      {
        config: { policy: 'authenticated' },
        schema: { tags: ['auth'], summary: 'Sign out on every device', response: { 204: Type.Null() } },
      },
      async (req, reply) => {
        await revokeAllSessions(db, req.actor.accountId as string);
        await audit(db, ctxOf(req), { action: 'logout_all', entityType: 'account', entityId: req.actor.accountId });
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    const TokenInfo = Type.Object({
      id: Type.String(),
      name: Type.String(),
      createdAt: Type.String(),
      expiresAt: Type.Union([Type.String(), Type.Null()]),
    });

    app.get(
      '/api/v1/auth/tokens',
      { config: { policy: 'authenticated' }, schema: { tags: ['auth'], response: { 200: Type.Array(TokenInfo) } } },
      async (req) => {
        const rows = await db
          .selectFrom('api_tokens')
          .select(['id', 'name', 'created_at', 'expires_at'])
          .where('account_id', '=', req.actor.accountId as string)
          .where('revoked_at', 'is', null)
          .orderBy('created_at', 'desc')
          .execute();
        return rows.map((r) => ({
          id: r.id,
          name: r.name,
          createdAt: r.created_at.toISOString(),
          expiresAt: r.expires_at?.toISOString() ?? null,
        }));
      },
    );

    app.post(
      '/api/v1/auth/tokens',
      {
        config: { policy: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'Create an API token for an integration (shown once)',
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 100 }),
              expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
            },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ id: Type.String(), token: Type.String() }) },
        },
      },
      async (req, reply) => {
        if (req.actor.kind === 'resident') throw new DomainError('forbidden', 403);
        const expires = req.body.expiresInDays ? new Date(Date.now() + req.body.expiresInDays * 86_400_000) : null;
        const created = await db.transaction().execute(async (trx) => {
          const t = await createApiToken(trx, req.actor.accountId as string, req.body.name, expires);
          await audit(trx, ctxOf(req), {
            action: 'create',
            entityType: 'api_token',
            entityId: t.id,
            after: { name: req.body.name },
          });
          return t;
        });
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/api/v1/auth/tokens/:id',
      {
        config: { policy: 'authenticated' },
        schema: {
          tags: ['auth'],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 204: Type.Null() },
        },
      },
      async (req, reply) => {
        const res = await db.transaction().execute(async (trx) => {
          const r = await trx
            .updateTable('api_tokens')
            .set({ revoked_at: new Date() })
            .where('id', '=', req.params.id)
            .where('account_id', '=', req.actor.accountId as string)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
          if (r.numUpdatedRows)
            await audit(trx, ctxOf(req), { action: 'revoke', entityType: 'api_token', entityId: req.params.id });
          return r.numUpdatedRows;
        });
        if (!res) throw notFound();
        return reply.status(204).send(null);
      },
    );
  };

async function findOrCreateResident(db: Db, hooks: AuthHooks, phone: string): Promise<string | null> {
  const existing = await db
    .selectFrom('accounts')
    .select(['id', 'kind', 'disabled'])
    .where('phone', '=', phone)
    .executeTakeFirst();
  if (existing) return existing.kind === 'resident' && !existing.disabled ? existing.id : null;
  const person = await hooks.findResidentByPhone(db, phone);
  if (!person) return null;
  return db.transaction().execute(async (trx) => {
    const id = newId();
    const inserted = await trx
      .insertInto('accounts')
      .values({
        id,
        kind: 'resident',
        phone,
        display_name: person.name,
        person_id: person.personId,
        username: null,
        password_hash: null,
      })
      .onConflict((oc) => oc.column('phone').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted)
      return (await trx.selectFrom('accounts').select('id').where('phone', '=', phone).executeTakeFirstOrThrow()).id;
    await trx
      .insertInto('role_bindings')
      .values({ id: newId(), account_id: id, role: 'resident', scope_type: 'none', scope_id: null, scope_path: null })
      .execute();
    await audit(
      trx,
      {
        actor: {
          accountId: id,
          kind: 'resident',
          displayName: person.name,
          personId: person.personId,
          bindings: [],
          via: 'session',
        },
      },
      {
        action: 'create',
        entityType: 'account',
        entityId: id,
        after: { kind: 'resident', personId: person.personId },
      },
    );
    return id;
  });
}
