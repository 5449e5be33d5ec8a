import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { hasRole } from './auth/roles.ts';
import { DomainError, notFound } from './errors.ts';
import { getJob } from './jobs.ts';

const Job = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  progress: Type.Union([
    Type.Object({ done: Type.Number(), total: Type.Number(), message: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  result: Type.Unknown(),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});

const Message = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  recipient: Type.String(),
  body: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

/** Kernel endpoints: health, job progress, the in-app inbox and the development SMS inbox. */
export const kernelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;

  app.get('/healthz', { config: { policy: 'public' }, schema: { hide: true } }, async () => {
    await db.selectFrom('jobs').select('id').limit(1).execute();
    return { status: 'ok' };
  });

  app.get(
    '/api/v1/jobs/:id',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['jobs'],
        summary: 'Progress of a long job',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Job },
      },
    },
    async (req) => {
      const job = await getJob(db, req.params.id);
      // A job is visible to the account that started it (and to the city regulator).
      if (!job || (job.created_by !== req.actor.accountId && !hasRole(req.actor, 'city_regulator'))) throw notFound();
      return {
        id: job.id,
        kind: job.kind,
        status: job.status,
        progress: (job.progress as never) ?? null,
        result: job.result,
        error: job.error,
        createdAt: job.created_at.toISOString(),
        finishedAt: job.finished_at?.toISOString() ?? null,
      };
    },
  );

  const toMessage = (r: {
    id: string;
    channel: string;
    recipient: string;
    body: string;
    status: string;
    created_at: Date;
    read_at: Date | null;
  }) => ({
    id: r.id,
    channel: r.channel,
    recipient: r.recipient,
    body: r.body,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  });

  app.get(
    '/api/v1/me/notifications',
    {
      config: { policy: 'authenticated' },
      schema: { tags: ['notifications'], summary: 'My in-app inbox', response: { 200: Type.Array(Message) } },
    },
    async (req) => {
      const rows = await db
        .selectFrom('notifications')
        .select(['id', 'channel', 'recipient', 'body', 'status', 'created_at', 'read_at'])
        .where('account_id', '=', req.actor.accountId as string)
        .where('channel', '=', 'inapp')
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute();
      return rows.map(toMessage);
    },
  );

  app.get(
    '/api/v1/dev/inbox',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['notifications'],
        summary: 'Development inbox: the latest SMS, WeChat and e-mail messages (disabled in production)',
        response: { 200: Type.Array(Message) },
      },
    },
    async () => {
      if (!app.config.devInbox) throw new DomainError('dev_inbox_disabled', 404);
      const rows = await db
        .selectFrom('notifications')
        .select(['id', 'channel', 'recipient', 'body', 'status', 'created_at', 'read_at'])
        .where('channel', '!=', 'inapp')
        .orderBy('created_at', 'desc')
        .limit(50)
        .execute();
      return rows.map(toMessage);
    },
  );
};
