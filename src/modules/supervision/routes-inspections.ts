import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Role } from '../../kernel/auth/roles.ts';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { ExportQuery } from '../../kernel/export.ts';
import { ctxOf } from '../../kernel/http.ts';
import { PageQuery } from '../../kernel/pagination.ts';
import { exportFigures, exportNotices } from './exports.ts';
import { editTemplate, inspectorsFor, listInspections, listPlans } from './inspection-lists.ts';
import {
  addPhoto,
  createPlan,
  createTemplate,
  getInspection,
  INSPECTORS,
  listTemplates,
  myInspections,
  PHOTO_MAX_BYTES,
  RECTIFIERS,
  readPhoto,
  submitInspection,
} from './inspections.ts';
import { listJointActions, recordJointAction } from './joint-actions.ts';
import { addEvidence, readEvidence, removeEvidence } from './rectification-evidence.ts';
import { answerNotice, listNotices, rectificationFigures, reinspect } from './rectifications.ts';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id });
const Day = Type.String({ format: 'date' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const lit = <T extends string>(xs: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...xs] }));
const Version = { version: Type.Integer({ minimum: 1 }) };
const TEMPLATE_EDITORS: Role[] = ['city_regulator', 'district_regulator'];
const Items = Type.Array(
  Type.Object(
    {
      code: Type.String({ pattern: '^[a-z0-9_]{1,40}$' }),
      text: Text(500),
      maxScore: Type.Integer({ minimum: 1, maximum: 1000 }),
      photoRequired: Type.Boolean(),
      legalBasis: Text(500),
      days: Type.Integer({ minimum: 1, maximum: 365 }),
    },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: 200 },
);

/** One uploaded photo (JPEG or PNG, told by its bytes later), at most 10 MB. */
async function partOf(req: FastifyRequest) {
  if (!req.isMultipart()) throw new DomainError('inspection.photo_type', 400);
  const part = (await req.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } })) as MultipartFile | undefined;
  if (!part) throw new DomainError('inspection.photo_type', 400);
  return part;
}
const bytesOf = (part: MultipartFile) =>
  part.toBuffer().catch((e: { code?: string }) => {
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('inspection.photo_too_large', 400, { max: 10 });
    throw e;
  });
const photoOf = async (req: FastifyRequest) => bytesOf(await partOf(req));

/** 检查与整改: templates, plans, the inspector's phone, rectification notices, figures, joint actions. */
export const inspectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['inspections'];
  const base = '/api/v1/supervision';

  app.get(`${base}/inspection-templates`, { config: { policy: INSPECTORS }, schema: { tags } }, async () =>
    listTemplates(db),
  );
  app.post(
    `${base}/inspection-templates`,
    {
      config: { policy: TEMPLATE_EDITORS },
      schema: {
        tags,
        body: Type.Object(
          { name: Text(100), kind: lit(['environment', 'elevator', 'fire', 'custom'] as const), items: Items },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await createTemplate(db, ctxOf(req), req.body)),
  );
  app.put(
    `${base}/inspection-templates/:id`,
    {
      config: { policy: TEMPLATE_EDITORS },
      schema: {
        tags,
        summary: 'Edit a checklist: saved as a new version; inspections already planned keep the old one',
        params: IdParams,
        body: Type.Object({ name: Text(100), items: Items }, { additionalProperties: false }),
      },
    },
    async (req) => editTemplate(db, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    `${base}/inspectors`,
    { config: { policy: INSPECTORS }, schema: { tags, summary: 'Who may inspect inside your region' } },
    async (req) => inspectorsFor(db, ctxOf(req)),
  );
  app.get(
    `${base}/inspection-plans`,
    {
      config: { policy: INSPECTORS },
      schema: { tags, querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }) },
    },
    async (req) => listPlans(db, ctxOf(req), req.query),
  );
  app.get(
    `${base}/inspections`,
    {
      config: { policy: INSPECTORS },
      schema: {
        tags,
        summary: 'Inspections in your region, by plan, state or estate',
        querystring: Type.Object(
          {
            planId: Type.Optional(Id),
            state: Type.Optional(lit(['assigned', 'submitted'] as const)),
            estateId: Type.Optional(Id),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => listInspections(db, ctxOf(req), req.query),
  );
  app.post(
    `${base}/rectifications/:id/evidence`,
    {
      config: { policy: RECTIFIERS },
      schema: {
        tags,
        summary: '整改佐证: a photo of what was put right (multipart "file"; JPEG or PNG), before answering',
        consumes: ['multipart/form-data'],
        params: IdParams,
      },
    },
    async (req, reply) => {
      const data = await photoOf(req);
      return reply.status(201).send(await addEvidence(db, app.blobs, ctxOf(req), req.params.id, data));
    },
  );
  app.get(
    `${base}/rectification-evidence/:id`,
    { config: { policy: [...INSPECTORS, ...RECTIFIERS] }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const p = await readEvidence(db, app.blobs, ctxOf(req), req.params.id);
      if (!p.data) throw notFound('inspection.photo_not_found');
      return reply.type(p.mime).header('cache-control', 'private, max-age=3600').send(p.data);
    },
  );
  app.delete(
    `${base}/rectification-evidence/:id`,
    {
      config: { policy: RECTIFIERS },
      schema: { tags, summary: 'Takes back a photo of this round before the notice is answered', params: IdParams },
    },
    async (req, reply) => {
      await removeEvidence(db, app.blobs, ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    `${base}/inspection-plans`,
    {
      config: { policy: INSPECTORS },
      schema: {
        tags,
        summary: 'Inspect named estates, or draw a number of them at random (双随机) from your region',
        body: Type.Object(
          {
            name: Text(100),
            templateId: Id,
            dueOn: Day,
            estateIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 1000 })),
            draw: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            inspectorIds: Type.Array(Id, { minItems: 1, maxItems: 100 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(db, ctxOf(req), req.body)),
  );
  app.get(`${base}/my-inspections`, { config: { policy: INSPECTORS }, schema: { tags } }, async (req) =>
    myInspections(db, ctxOf(req)),
  );
  app.get(
    `${base}/inspections/:id`,
    { config: { policy: [...INSPECTORS, ...RECTIFIERS] }, schema: { tags, params: IdParams } },
    async (req) => getInspection(db, ctxOf(req), req.params.id),
  );
  app.post(
    `${base}/inspections/:id/photos`,
    {
      config: { policy: INSPECTORS },
      schema: {
        tags,
        summary: 'A photo for an item (multipart: field "item", then "file"; JPEG or PNG)',
        consumes: ['multipart/form-data'],
        params: IdParams,
      },
    },
    async (req, reply) => {
      const part = await partOf(req);
      const item = (part.fields.item as { value?: string } | undefined)?.value;
      if (!item) throw new DomainError('inspection.item_unknown', 400);
      const data = await bytesOf(part);
      return reply.status(201).send(await addPhoto(db, app.blobs, ctxOf(req), req.params.id, item, data));
    },
  );
  app.get(
    `${base}/inspection-photos/:id`,
    { config: { policy: [...INSPECTORS, ...RECTIFIERS] }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      const p = await readPhoto(db, app.blobs, ctxOf(req), req.params.id);
      if (!p.data) throw notFound('inspection.photo_not_found');
      return reply.type(p.mime).header('cache-control', 'private, max-age=3600').send(p.data);
    },
  );
  app.post(
    `${base}/inspections/:id/submit`,
    {
      config: { policy: INSPECTORS },
      schema: {
        tags,
        summary: 'Every item scored, where the inspector stands; failed items raise rectification notices',
        params: IdParams,
        body: Type.Object(
          {
            ...Version,
            lat: Type.Number({ minimum: -90, maximum: 90 }),
            lng: Type.Number({ minimum: -180, maximum: 180 }),
            results: Type.Array(
              Type.Object(
                {
                  itemCode: Text(40),
                  score: Type.Integer({ minimum: 0, maximum: 1000 }),
                  passed: Type.Boolean(),
                  note: Type.Optional(Type.String({ maxLength: 2000 })),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 200 },
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => submitInspection(db, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    `${base}/rectifications`,
    {
      config: { policy: [...INSPECTORS, ...RECTIFIERS] },
      schema: {
        tags,
        querystring: Type.Object(
          {
            state: Type.Optional(lit(['issued', 'answered', 'passed', 'reopened'] as const)),
            estateId: Type.Optional(Id),
            inspectionId: Type.Optional(Id),
            ...PageQuery,
            ...ExportQuery,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const { format, ...filter } = req.query;
      const all = !!format && format !== 'json';
      const page = await listNotices(db, ctxOf(req), filter, all);
      return all ? exportNotices(reply, format, page.items, req.lang) : page;
    },
  );
  app.post(
    `${base}/rectifications/:id/answer`,
    {
      config: { policy: RECTIFIERS },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ ...Version, answer: Text(5000) }, { additionalProperties: false }),
      },
    },
    async (req) => answerNotice(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${base}/rectifications/:id/reinspect`,
    {
      config: { policy: INSPECTORS },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          { ...Version, passed: Type.Boolean(), note: Text(2000), newDeadline: Type.Optional(Day) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => reinspect(db, ctxOf(req), req.params.id, req.body),
  );
  app.get(
    `${base}/rectification-figures`,
    {
      config: { policy: INSPECTORS },
      schema: {
        tags,
        querystring: Type.Object(
          { by: lit(['estate', 'company', 'street'] as const), ...ExportQuery },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const rows = await rectificationFigures(db, ctxOf(req), req.query.by);
      const format = req.query.format;
      return !format || format === 'json' ? rows : exportFigures(reply, format, rows, req.lang);
    },
  );
  app.get(
    `${base}/joint-actions`,
    {
      config: { policy: INSPECTORS },
      schema: { tags, querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }) },
    },
    async (req) => listJointActions(db, ctxOf(req), req.query),
  );
  app.post(
    `${base}/joint-actions`,
    {
      config: { policy: INSPECTORS },
      schema: {
        tags,
        summary: '联合执法: departments, what was done, notices issued, interviews (约谈)',
        body: Type.Object(
          {
            estateId: Type.Optional(Id),
            onDate: Day,
            departments: Type.Array(Text(100), { minItems: 1, maxItems: 20 }),
            actions: Text(5000),
            notices: Type.Integer({ minimum: 0, maximum: 10_000 }),
            interviews: Type.Integer({ minimum: 0, maximum: 10_000 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await recordJointAction(db, ctxOf(req), req.body)),
  );
};
