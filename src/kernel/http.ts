import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Actor, ANONYMOUS, type Role } from './auth/roles.ts';
import { API_TOKEN_PREFIX, actorFromApiToken, actorFromSession, SESSION_COOKIE } from './auth/sessions.ts';
import type { Config } from './config.ts';
import type { Db } from './db.ts';
import { DomainError } from './errors.ts';
import { type Lang, pickLang } from './i18n.ts';
import type { BlobStore } from './storage.ts';

/**
 * Every route declares who may call it:
 * 'public' — anyone; 'authenticated' — any signed-in account; a role list — holders of one of them.
 * Row-level scoping (which estates, companies…) is then applied by the module's queries.
 */
export type Policy = 'public' | 'authenticated' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
  }
  interface FastifyRequest {
    actor: Actor;
    lang: Lang;
  }
  interface FastifyInstance {
    db: Db;
    config: Config;
    /** Uploaded files (photos…): under the data directory, or an object store later. */
    blobs: BlobStore;
    /** Every API route with its declared policy: the authorisation-matrix test walks it. */
    routeCatalog: { method: string; url: string; policy: Policy }[];
  }
}

/** What a service needs to know about the request: who, in which language, for the audit trail. */
export interface RequestContext {
  actor: Actor;
  lang: Lang;
  requestId: string;
}
export const ctxOf = (req: FastifyRequest): RequestContext => ({
  actor: req.actor,
  lang: req.lang,
  requestId: String(req.id),
});

/** The platform itself acting (a recurring job, say): audited as 系统, with no account and no scope. */
export const systemContext = (job: string): RequestContext => ({
  actor: { ...ANONYMOUS, kind: 'integration', displayName: '系统' },
  lang: 'zh-CN',
  requestId: `${job}-${Date.now().toString(36)}`,
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function allows(policy: Policy, actor: Actor): boolean {
  if (policy === 'public') return true;
  if (!actor.accountId) return false;
  if (policy === 'authenticated') return true;
  return actor.bindings.some((b) => policy.includes(b.role));
}

/** The one place authorisation is enforced: deny by default, a route without a policy does not start. */
export function installAccessControl(app: FastifyInstance): void {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('lang', 'zh-CN' as Lang);
  app.decorate('routeCatalog', []);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    // Routes added by the OpenAPI UI and the static web client are public by nature.
    if (!route.config?.policy && (url.startsWith('/docs') || !url.startsWith('/api'))) {
      route.config = { ...(route.config ?? {}), policy: 'public' };
    }
    if (!route.config?.policy) throw new Error(`route ${route.method} ${url} declares no policy`);
    if (url.startsWith('/api/')) {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') app.routeCatalog.push({ method, url, policy: route.config.policy });
      }
    }
  });

  app.addHook('onRequest', async (req) => {
    const cookies = (req as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
    req.lang = pickLang(req.query, cookies.anju_lang, req.headers['accept-language']);
    // ?lang= is understood by every route, so it is taken off before the route's own query schema sees it.
    if (req.query && typeof req.query === 'object') delete (req.query as Record<string, unknown>).lang;
    req.actor = ANONYMOUS;
    const auth = req.headers.authorization;
    if (auth?.startsWith(`Bearer ${API_TOKEN_PREFIX}`)) {
      req.actor = (await actorFromApiToken(app.db, auth.slice(7))) ?? ANONYMOUS;
      if (!req.actor.accountId) throw new DomainError('unauthenticated', 401);
    } else if (cookies[SESSION_COOKIE]) {
      req.actor = (await actorFromSession(app.db, cookies[SESSION_COOKIE] as string)) ?? ANONYMOUS;
    }
    // No route matched: leave it to the 404 handler.
    if (!req.routeOptions.url) return;
    const policy = req.routeOptions.config.policy ?? [];
    if (!allows(policy, req.actor)) {
      throw new DomainError(req.actor.accountId ? 'forbidden' : 'unauthenticated', req.actor.accountId ? 403 : 401);
    }
    // Cookies ride along automatically, so a cookie-authenticated write must also prove it came from our page.
    if (
      req.actor.via === 'session' &&
      !SAFE_METHODS.has(req.method) &&
      req.headers['x-csrf-token'] !== req.actor.csrfToken
    ) {
      throw new DomainError('csrf', 403);
    }
  });
}
