import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../kernel/http.ts';
import * as handover from './committee-handover.ts';
import * as members from './committee-members.ts';
import * as committees from './committees.ts';
import { registryPolicy as P } from './policy.ts';
import * as S from './schemas.ts';

/** Owners' committees and 物业管理委员会: who sits, who leaves, the 履职承诺 and the handover. */
export const committeeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['registry'];
  const List = { 200: Type.Array(S.Committee) };

  app.get(
    '/api/v1/estates/:id/committees',
    { config: { policy: P.readCommittees }, schema: { tags, params: S.IdParams, response: List } },
    async (req) => committees.listCommittees(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/estates/:id/committees',
    {
      config: { policy: P.editCommittees },
      schema: {
        tags,
        summary: 'Record a committee seated before the platform, or set up a 物业管理委员会',
        params: S.IdParams,
        body: S.CommitteeCreate,
        response: { 201: Type.Array(S.Committee) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await committees.recordCommittee(db, ctxOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/committees/:id/positions',
    {
      config: { policy: P.runCommittees },
      schema: { tags, params: S.IdParams, body: S.CommitteePositions, response: List },
    },
    async (req) => members.setPositions(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/committee-members/:id/leave',
    {
      config: { policy: P.runCommittees },
      schema: {
        tags,
        summary: 'A member leaves; the first alternate from the election takes the seat',
        params: S.IdParams,
        body: S.MemberLeave,
        response: List,
      },
    },
    async (req) => members.removeMember(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/committee-members/:id/commitment',
    {
      config: { policy: P.signCommitment },
      schema: { tags, summary: 'Sign (or record) the 履职承诺', params: S.IdParams, body: S.Commitment },
    },
    async (req) => members.signCommitment(db, ctxOf(req), req.params.id, req.body.text),
  );
  app.post(
    '/api/v1/committees/:id/handover',
    {
      config: { policy: P.runCommittees },
      schema: { tags, summary: 'List what the outgoing committee hands over', params: S.IdParams, body: S.Handover },
    },
    async (req, reply) =>
      reply.status(201).send(await handover.handOver(db, ctxOf(req), req.params.id, req.body.items)),
  );
  app.post(
    '/api/v1/committee-handovers/:id/confirm',
    {
      config: { policy: P.runCommittees },
      schema: { tags, summary: 'The receiving side confirms the handover list', params: S.IdParams },
    },
    async (req) => handover.confirmHandover(db, ctxOf(req), req.params.id),
  );
};
