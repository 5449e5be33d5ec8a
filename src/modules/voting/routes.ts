import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../kernel/errors.ts';
import { ctxOf } from '../../kernel/http.ts';
import { castBallot } from './ballots.ts';
import { FILE_MAX_BYTES, readMatterFile, uploadMatterFile } from './files.ts';
import { announceMatter, cancelMatter, closeMatter, publishMatter, seatElected } from './lifecycle.ts';
import { createMatter } from './matters.ts';
import { recordPaperBallot, recordProxy } from './paper.ts';
import { votingPolicy as P } from './policy.ts';
import { getMatter, listMatters, objectToRoll, participation, rollObjections } from './queries.ts';
import { exportMatter, myVote } from './receipts.ts';
import { readRules, saveRules } from './rules.ts';

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
    petitionUnits: Type.Optional(
      Type.Array(Str(100), { maxItems: 20_000, description: 'a petition: the units whose owners signed it' }),
    ),
    committeeId: Type.Optional(Id),
    purpose: Type.Optional(lit(['decision', 'review'] as const)),
    candidates: Type.Optional(
      Type.Array(
        Type.Object(
          {
            unit: Type.String({
              minLength: 1,
              maxLength: 100,
              description: 'a unit the candidate owns, e.g. 3栋 1201',
            }),
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
      schema: {
        tags,
        querystring: Type.Object(
          { estateId: Type.Optional(Id), committeeId: Type.Optional(Id) },
          { additionalProperties: false },
        ),
      },
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
            scanId: Type.String({ format: 'uuid', description: 'the uploaded scan of the paper ballot' }),
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
  app.post(
    `${base}/:id/seat`,
    {
      config: { policy: P.organise },
      schema: {
        tags,
        summary: 'Seat the elected: a new committee with its term, or the vacancies a by-election filled',
        params: IdParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            termStart: Type.Optional(Type.String({ format: 'date' })),
            termEnd: Type.Optional(Type.String({ format: 'date' })),
            director: Type.Optional(Id),
            deputies: Type.Optional(Type.Array(Id, { maxItems: 4 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Moved },
      },
    },
    async (req) => seatElected(db, ctxOf(req), req.params.id, req.body),
  );

  const Rules = Type.Object(
    {
      noticeDays: Type.Integer({ minimum: 0, maximum: 90 }),
      publicityDays: Type.Integer({ minimum: 1, maximum: 90 }),
      revote: Type.Boolean(),
      paperOnline: lit(['earlier', 'paper', 'online'] as const),
      proxyLimit: Type.Integer({ minimum: 0, maximum: 20 }),
      followMajority: Type.Boolean(),
      committeeSpendLimitFen: Type.Optional(
        Type.Integer({
          minimum: 0,
          maximum: 100_000_000_000,
          description: 'the committee may decide a public-revenue spending up to this without a vote (0: never)',
        }),
      ),
      version: Type.Integer({ minimum: 0, description: '0 while the estate is on the defaults' }),
    },
    { additionalProperties: false },
  );
  const EstateParams = Type.Object({ estateId: Id });
  app.get(
    '/api/v1/voting/rules/:estateId',
    { config: { policy: P.read }, schema: { tags, summary: '议事规则 of an estate', params: EstateParams } },
    async (req) => readRules(db, ctxOf(req), req.params.estateId),
  );
  app.put(
    '/api/v1/voting/rules/:estateId',
    { config: { policy: P.organise }, schema: { tags, params: EstateParams, body: Rules } },
    async (req) => saveRules(db, ctxOf(req), req.params.estateId, req.body),
  );

  app.post(
    `${base}/:id/files`,
    {
      config: { policy: P.organise },
      schema: {
        tags,
        summary: `Attach a document (while a draft) or a paper ballot's scan (multipart: field "kind", then "file"; PDF, JPEG or PNG, at most ${FILE_MAX_BYTES / 1048576} MB)`,
        consumes: ['multipart/form-data'],
        params: IdParams,
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new DomainError('voting.file_type', 400);
      const part = (await req.file({ limits: { fileSize: FILE_MAX_BYTES, files: 1 } })) as MultipartFile | undefined;
      if (!part) throw new DomainError('voting.file_type', 400);
      const field = part.fields.kind as { value?: string } | undefined;
      const kind = field?.value === 'ballot_scan' ? 'ballot_scan' : 'attachment';
      const data = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('voting.file_too_large', 400, { max: 10 });
        throw e;
      });
      const file = await uploadMatterFile(db, app.blobs, ctxOf(req), req.params.id, kind, part.filename, data);
      return reply.status(201).send(file);
    },
  );
  app.get(
    '/api/v1/voting/files/:id',
    { config: { policy: P.read }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const f = await readMatterFile(db, app.blobs, ctxOf(req), req.params.id);
      return reply
        .type(f.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('cache-control', 'private, max-age=3600')
        .send(f.data);
    },
  );
};
