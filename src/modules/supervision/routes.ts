import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../kernel/http.ts';
import { PageQuery } from '../../kernel/pagination.ts';
import { recordWorkorderMetrics } from './auto-records.ts';
import { publishPeriod, saveBases } from './evaluation.ts';
import { managerResults } from './managers.ts';
import { supervisionPolicy as P } from './policy.ts';
import { basesOf } from './rankings.ts';
import {
  companyRecords,
  creditSettings,
  decideObjection,
  decideRecord,
  objectTo,
  recordCredit,
  recordsAwaiting,
  saveCreditSettings,
} from './records.ts';
import { awardStars, ratingsInForce, revokeStars, starHistory } from './stars.ts';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id });
const Day = Type.String({ format: 'date' });
const Period = Type.Object({ period: Type.String({ pattern: '^[0-9]{4}Q[1-4]$', description: 'a quarter: 2026Q3' }) });
const Version = { version: Type.Integer({ minimum: 1 }) };
const Centi = Type.Integer({ minimum: -100_000, maximum: 100_000, description: 'centipoints' });
const Bp = Type.Integer({ minimum: 0, maximum: 10_000, description: 'basis points: 9000 is 90 %' });

/** 信用评价: the scheme, records and objections, quarterly publication, and the public rankings and lists. */
export const supervisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['credit'];
  const base = '/api/v1/supervision/credit';

  app.get(`${base}/settings`, { config: { policy: 'authenticated' }, schema: { tags } }, async () =>
    creditSettings(db),
  );
  app.put(
    `${base}/settings`,
    {
      config: { policy: P.editScheme },
      schema: {
        tags,
        summary: 'The scheme (items, caps, grades in centipoints), the red/black-list rules and the objection window',
        body: Type.Object(
          {
            scheme: Type.Object({
              baseMax: Type.Integer({ minimum: 0, maximum: 100_000 }),
              goodMax: Type.Integer({ minimum: 0, maximum: 100_000 }),
              grades: Type.Array(
                Type.Object({
                  grade: Type.Unsafe<'AAA'>(Type.String({ enum: ['AAA', 'AA', 'A', 'B', 'C'] })),
                  min: Type.Number(),
                }),
                { minItems: 2, maxItems: 5 },
              ),
              items: Type.Array(
                Type.Object({
                  code: Type.String({ pattern: '^[a-z0-9_]{1,40}$' }),
                  points: Centi,
                  kind: Type.Unsafe<'good'>(Type.String({ enum: ['good', 'bad', 'fail'] })),
                }),
                { minItems: 1, maxItems: 200 },
              ),
            }),
            listRules: Type.Object({
              size: Type.Integer({ minimum: 1, maximum: 100 }),
              consecutive: Type.Integer({ minimum: 1, maximum: 12 }),
              barMonths: Type.Integer({ minimum: 1, maximum: 60 }),
            }),
            objectionDays: Type.Integer({ minimum: 1, maximum: 90 }),
            workorderRules: Type.Optional(
              Type.Object({
                minTickets: Type.Integer({ minimum: 1, maximum: 100_000 }),
                onTimeBelow: Bp,
                satisfactionBelow: Bp,
                excellentFrom: Bp,
              }),
            ),
            starRatings: Type.Optional(Type.Boolean()),
            version: Type.Integer({ minimum: 0 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => saveCreditSettings(db, ctxOf(req), req.body),
  );
  app.post(
    `${base}/records`,
    {
      config: { policy: P.evaluate },
      schema: {
        tags,
        summary: 'A good or bad record with its evidence; it counts once someone else approves it',
        body: Type.Object(
          {
            companyId: Id,
            staffId: Type.Optional(Type.String({ format: 'uuid', description: 'the project manager it is about' })),
            item: Type.String({ minLength: 1, maxLength: 40 }),
            onDate: Day,
            validUntil: Type.Optional(Day),
            evidence: Type.String({ minLength: 1, maxLength: 2000 }),
            times: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 100, description: 'an item "each time", counted' }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await recordCredit(db, ctxOf(req), req.body)),
  );
  app.get(
    `${base}/records/awaiting`,
    {
      config: { policy: P.evaluate },
      schema: { tags, summary: 'Records waiting for approval and objections waiting for a decision, all companies' },
    },
    async () => recordsAwaiting(db),
  );
  app.post(
    `${base}/records/:id/decision`,
    {
      config: { policy: P.evaluate },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ ...Version, approve: Type.Boolean() }, { additionalProperties: false }),
      },
    },
    async (req) => decideRecord(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${base}/records/:id/objection`,
    {
      config: { policy: P.object },
      schema: {
        tags,
        summary: '申诉: the company objects to an approved record of its own, within the window',
        params: IdParams,
        body: Type.Object(
          { ...Version, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => objectTo(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${base}/records/:id/objection-decision`,
    {
      config: { policy: P.evaluate },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          { ...Version, uphold: Type.Boolean(), note: Type.String({ minLength: 1, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => decideObjection(db, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/supervision/companies/:id/credit-records',
    { config: { policy: P.readRecords }, schema: { tags, params: IdParams } },
    async (req) => companyRecords(db, ctxOf(req), req.params.id),
  );
  app.put(
    `${base}/bases/:period`,
    {
      config: { policy: P.evaluate },
      schema: {
        tags,
        summary: '基础信息分 of each company for a quarter (centipoints, up to the scheme’s baseMax)',
        params: Period,
        body: Type.Object(
          {
            bases: Type.Array(
              Type.Object({
                companyId: Id,
                points: Type.Integer({ minimum: 0, maximum: 100_000 }),
                note: Type.Optional(Type.String({ maxLength: 500 })),
              }),
              { minItems: 1, maxItems: 5000 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => saveBases(db, ctxOf(req), req.params.period, req.body.bases),
  );
  app.get(`${base}/bases/:period`, { config: { policy: P.evaluate }, schema: { tags, params: Period } }, async (req) =>
    basesOf(db, req.params.period),
  );
  app.post(
    `${base}/periods/:period/workorder-records`,
    {
      config: { policy: P.evaluate },
      schema: {
        tags,
        summary: 'Draw records from an ended quarter’s work-order figures (made once; pending approval)',
        params: Period,
      },
    },
    async (req) => recordWorkorderMetrics(db, ctxOf(req), req.params.period),
  );
  app.get(
    `${base}/periods/:period/managers`,
    {
      config: { policy: P.readManagers },
      schema: { tags, summary: '项目负责人 results of a published quarter', params: Period },
    },
    async (req) => managerResults(db, ctxOf(req), req.params.period),
  );
  app.post(
    '/api/v1/supervision/estate-stars',
    {
      config: { policy: P.evaluate },
      schema: {
        tags,
        summary: '星级评定: rate an estate’s service one to five stars (where the city uses star ratings)',
        body: Type.Object(
          {
            estateId: Id,
            stars: Type.Integer({ minimum: 1, maximum: 5 }),
            awardedOn: Day,
            validUntil: Type.Optional(Day),
            basis: Type.String({ minLength: 1, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await awardStars(db, ctxOf(req), req.body)),
  );
  app.post(
    '/api/v1/supervision/estate-stars/:id/revoke',
    {
      config: { policy: P.evaluate },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
      },
    },
    async (req) => revokeStars(db, ctxOf(req), req.params.id, req.body.reason),
  );
  app.get(
    '/api/v1/supervision/estate-stars',
    {
      config: { policy: P.evaluate },
      schema: {
        tags,
        summary: 'The star ratings in force in your region, most stars first',
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
      },
    },
    async (req) => ratingsInForce(db, ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/supervision/estates/:id/stars',
    { config: { policy: P.evaluate }, schema: { tags, params: IdParams } },
    async (req) => starHistory(db, ctxOf(req), req.params.id),
  );
  app.post(
    `${base}/periods/:period/publish`,
    {
      config: { policy: P.publish },
      schema: { tags, summary: 'Score, rank and publish a quarter; draw the lists', params: Period },
    },
    async (req, reply) => reply.status(201).send(await publishPeriod(db, ctxOf(req), req.params.period)),
  );
};
