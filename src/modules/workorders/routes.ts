import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../kernel/errors.ts';
import { respondList } from '../../kernel/export.ts';
import { ctxOf } from '../../kernel/http.ts';
import { Page } from '../../kernel/pagination.ts';
import { handlersOf } from './dispatch.ts';
import { ticketColumns } from './exports.ts';
import { createTicket } from './intake.ts';
import { partiesOf } from './parties.ts';
import { readPhoto, uploadPhoto } from './photo-store.ts';
import { PHOTO_MAX_BYTES } from './photos.ts';
import { workorderPolicy as P } from './policy.ts';
import { getTicket, listTickets, loadVisible, readContact } from './queries.ts';
import * as S from './schemas.ts';
import { transition } from './transitions.ts';

/** Tickets: intake, the queue, one ticket with its timeline, transitions, photos. */
export const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['workorders'];

  app.post(
    '/api/v1/workorders/tickets',
    {
      config: { policy: P.report },
      schema: {
        tags,
        summary: 'Report a repair or complaint (报事报修/投诉); an Idempotency-Key header makes a retry one ticket',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
        body: S.TicketCreate,
        response: { 201: S.TicketCreated },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const res = await createTicket(db, ctxOf(req), req.body, { idempotencyKey: key });
      if (res.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(res.body);
    },
  );

  app.get(
    '/api/v1/workorders/tickets',
    {
      config: { policy: P.readTickets },
      schema: { tags, querystring: S.TicketList, response: { 200: Page(S.TicketSummary) } },
    },
    async (req, reply) =>
      respondList(req, reply, 'tickets', ticketColumns, (f, all) => listTickets(db, ctxOf(req), f, all)),
  );

  app.get(
    '/api/v1/workorders/tickets/:id',
    { config: { policy: P.readTickets }, schema: { tags, params: S.IdParams, response: { 200: S.TicketDetail } } },
    async (req) => getTicket(db, ctxOf(req), req.params.id),
  );

  app.post(
    '/api/v1/workorders/tickets/:id/transitions',
    {
      config: { policy: P.act },
      schema: {
        tags,
        summary: 'Move a ticket along the closed loop; an impossible move is 409 naming the allowed ones',
        params: S.IdParams,
        body: S.Transition,
        response: { 200: S.TransitionResult },
      },
    },
    async (req) => transition(db, ctxOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/workorders/tickets/:id/contact',
    {
      config: { policy: P.readContact },
      schema: {
        tags,
        summary: "The caller's full phone number, for those who must call back (audited)",
        params: S.IdParams,
        response: {
          200: Type.Object({
            name: Type.Union([Type.String(), Type.Null()]),
            phone: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (req) => readContact(db, ctxOf(req), req.params.id),
  );

  app.get(
    '/api/v1/workorders/tickets/:id/handlers',
    {
      config: { policy: P.dispatch },
      schema: {
        tags,
        summary: 'People a handler may dispatch this ticket to',
        params: S.IdParams,
        response: { 200: Type.Array(S.Handler) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const t = await loadVisible(db, ctx, req.params.id);
      if (!partiesOf(ctx.actor, t).has('handler')) throw new DomainError('forbidden', 403);
      const rows = await handlersOf(db, t).orderBy('accounts.display_name').execute();
      return [...new Map(rows.map((r) => [r.id, r])).values()];
    },
  );

  app.post(
    '/api/v1/workorders/photos',
    {
      config: { policy: P.upload },
      schema: {
        tags,
        summary: `Upload one photo (multipart field "file"; JPEG, PNG, WebP or HEIC, at most ${PHOTO_MAX_BYTES / 1048576} MB)`,
        consumes: ['multipart/form-data'],
        response: { 201: S.Photo },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new DomainError('workorders.photo_type', 400);
      const part = (await req.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } })) as MultipartFile | undefined;
      if (!part) throw new DomainError('workorders.photo_type', 400);
      const data = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE')
          throw new DomainError('workorders.photo_too_large', 400, { max: PHOTO_MAX_BYTES / 1048576 });
        throw e;
      });
      return reply.status(201).send(await uploadPhoto(db, app.blobs, ctxOf(req), data));
    },
  );

  app.get(
    '/api/v1/workorders/photos/:id',
    { config: { policy: 'authenticated' }, schema: { tags, params: S.IdParams } },
    async (req, reply) => {
      const photo = await readPhoto(db, app.blobs, ctxOf(req), req.params.id);
      return reply.type(photo.mime).header('cache-control', 'private, max-age=3600').send(photo.data);
    },
  );
};
