import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../kernel/http.ts';
import { castBallot, exportMatter, myVote, recordPaperBallot, recordProxy } from './ballots.ts';
import { announceMatter, cancelMatter, closeMatter, createMatter, publishMatter } from './matters.ts';
import { votingPolicy as P } from './policy.ts';
import { getMatter, listMatters, objectToRoll, participation, rollObjections } from './queries.ts';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id });
const Str = (max: number) => Type.String({ minLength: 1, maxLength: max });
const lit = <T extends string>(xs: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...xs] }));
const Version = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const Moved = Type.Object({ id: Id, state: Type.String(), version: Type.Integer() });

const MatterCreate = Type.Object(
  {
    estateId: Id,
    item: Type.Integer({ minimum: 1, maximum: 9, description: 'Civil Code art. 278 item 1–9' }),
    title: Str(200),
    body: Str(20_000),
    scopeKind: Type.Optional(lit(['estate', 'buildings', 'units'] as const)),
    scopeIds: Type.Optional(Type.Array(Id, { maxItems: 5000 })),
    proposerKind: lit(['committee', 'petition', 'street', 'community'] as const),
    noticeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 90 })),
    opensAt: Type.String({ format: 'date-time' }),
    closesAt: Type.String({ format: 'date-time' }),
    seats: Type.Optional(Type.Integer({ minimum: 1, maximum: 21 })),
    proxyLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
    showFollowMajority: Type.Optional(
      Type.Boolean({ description: 'also show the contested "non-voters follow the majority" count, flagged' }),
    ),
    candidates: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Str(50),
            nomination: lit(['committee', 'owners', 'street', 'self'] as const),
            statement: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Owners' joint decisions: matters, the roll, ballots, results and the recountable export. */
export const votingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['voting'];
  const base = '/api/v1/voting/matters';

  app.get(
    base,
    {
      config: { policy: P.read },
      schema: { tags, querystring: Type.Object({ estateId: Type.Optional(Id) }, { additionalProperties: false }) },
    },
    async (req) => ({ items: await listMatters(db, ctxOf(req), req.query) }),
  );
  app.post(
    base,
    {
      config: { policy: P.organise },
      schema: { tags, body: MatterCreate, response: { 201: Type.Object({ id: Id }) } },
    },
    async (req, reply) => reply.status(201).send(await createMatter(db, ctxOf(req), req.body)),
  );
  app.get(`${base}/:id`, { config: { policy: P.read }, schema: { tags, params: IdParams } }, async (req) =>
    getMatter(db, ctxOf(req), req.params.id),
  );
  for (const [action, run] of [
    ['announce', announceMatter],
    ['close', closeMatter],
    ['publish', publishMatter],
  ] as const) {
    app.post(
      `${base}/:id/${action}`,
      { config: { policy: P.organise }, schema: { tags, params: IdParams, body: Version, response: { 200: Moved } } },
      async (req) => run(db, ctxOf(req), req.params.id, req.body.version),
    );
  }
  app.post(
    `${base}/:id/cancel`,
    {
      config: { policy: P.organise },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), reason: Str(1000) },
          { additionalProperties: false },
        ),
        response: { 200: Moved },
      },
    },
    async (req) => cancelMatter(db, ctxOf(req), req.params.id, req.body.version, req.body.reason),
  );
  app.get(
    `${base}/:id/participation`,
    { config: { policy: P.organise }, schema: { tags, params: IdParams } },
    async (req) => participation(db, ctxOf(req), req.params.id),
  );
  app.post(
    `${base}/:id/ballots`,
    {
      config: { policy: P.vote },
      schema: {
        tags,
        summary: 'Vote online for all your units; a second ballot replaces the first only with replace: true',
        params: IdParams,
        body: Type.Object(
          {
            choice: Type.Optional(lit(['agree', 'oppose', 'abstain'] as const)),
            choices: Type.Optional(Type.Array(Id, { maxItems: 21 })),
            replace: Type.Optional(Type.Boolean()),
            forUnit: Type.Optional(
              Type.String({ minLength: 1, maxLength: 100, description: "a proxy holder: the principal's unit" }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ receipt: Type.String(), castAt: Type.String(), replaced: Type.Boolean() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await castBallot(db, ctxOf(req), req.params.id, req.body)),
  );
  app.post(
    `${base}/:id/paper-ballots`,
    {
      config: { policy: P.organise },
      schema: {
        tags,
        summary: 'Enter a paper ballot with its serial number, for the owner of the unit named on it',
        params: IdParams,
        body: Type.Object(
          {
            unit: Str(100),
            serial: Str(50),
            choice: Type.Optional(lit(['agree', 'oppose', 'abstain'] as const)),
            choices: Type.Optional(Type.Array(Id, { maxItems: 21 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ receipt: Type.String(), counted: Type.Boolean() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await recordPaperBallot(db, ctxOf(req), req.params.id, req.body)),
  );
  app.post(
    `${base}/:id/objection`,
    {
      config: { policy: P.vote },
      schema: {
        tags,
        summary: 'Object to your roll entry (units, area) before voting opens',
        params: IdParams,
        body: Type.Object({ text: Str(1000) }, { additionalProperties: false }),
      },
    },
    async (req) => objectToRoll(db, ctxOf(req), req.params.id, req.body.text),
  );
  app.get(
    `${base}/:id/objections`,
    { config: { policy: P.organise }, schema: { tags, params: IdParams } },
    async (req) => rollObjections(db, ctxOf(req), req.params.id),
  );
  app.post(
    `${base}/:id/proxies`,
    {
      config: { policy: P.organise },
      schema: {
        tags,
        summary: 'Record a written proxy: the holder may then vote for the principal',
        params: IdParams,
        body: Type.Object(
          { principalUnit: Str(100), holderUnit: Str(100), serial: Str(50) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => recordProxy(db, ctxOf(req), req.params.id, req.body),
  );
  app.get(`${base}/:id/my-vote`, { config: { policy: P.vote }, schema: { tags, params: IdParams } }, async (req) =>
    myVote(db, ctxOf(req), req.params.id),
  );
  app.get(
    `${base}/:id/export`,
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: 'After the close: roll and ballots without personal data, in the `anju tally --file` format',
        params: IdParams,
      },
    },
    async (req) => exportMatter(db, req.params.id),
  );
};
