import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ExportQuery, sendExport } from '../../kernel/export.ts';
import { ctxOf } from '../../kernel/http.ts';
import { cancelSpending, cosign, paySpending, proposeSpending, recordIncome, saveSettings } from './public-revenue.ts';
import { publicRevenueBook, quarterDates, statement, transferSurplusToFund } from './public-revenue-statements.ts';

const Id = Type.String({ format: 'uuid' });
const lit = <T extends string>(xs: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...xs] }));
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Fen = Type.Integer({ minimum: 1, maximum: 100_000_000_000 });

/** Income sources as owners read them: [zh-CN, en]. */
const SOURCES: Record<string, [string, string]> = {
  parking: ['停车', 'Parking'],
  advertising: ['广告', 'Advertising'],
  venue: ['场地租赁', 'Venue rental'],
  other: ['其他', 'Other'],
};

/** 公共收益: income with evidence, approved spending after 公示, quarterly disclosure, the yearly transfer. */
export const publicRevenueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['public revenue'];
  const base = '/api/v1/finance/public-revenue';

  app.get(
    `${base}/estates/:estateId`,
    {
      config: { policy: ['company_admin', 'project_manager', 'committee_member', 'street_office', 'community'] },
      schema: {
        tags,
        summary: 'Settings, account balance, incomes and spendings (all states)',
        params: Type.Object({ estateId: Id }),
      },
    },
    async (req) => publicRevenueBook(db, ctxOf(req), req.params.estateId),
  );
  app.put(
    `${base}/settings/:estateId`,
    {
      config: { policy: ['street_office', 'community'] },
      schema: {
        tags,
        summary: '共管账户 (the community co-signs payments) and the 公示 period before a payment',
        params: Type.Object({ estateId: Id }),
        body: Type.Object(
          {
            coManaged: Type.Boolean(),
            publicityDays: Type.Integer({ minimum: 1, maximum: 90 }),
            version: Type.Integer({ minimum: 0 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => saveSettings(db, ctxOf(req), req.params.estateId, req.body),
  );
  app.post(
    `${base}/incomes`,
    {
      config: { policy: ['company_admin', 'project_manager'] },
      schema: {
        tags,
        body: Type.Object(
          {
            estateId: Id,
            source: lit(['parking', 'advertising', 'venue', 'other'] as const),
            description: Text(200),
            grossFen: Fen,
            costFen: Type.Integer({ minimum: 0, maximum: 100_000_000_000 }),
            evidence: Text(100),
            receivedOn: Type.String({ format: 'date' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await recordIncome(db, ctxOf(req), req.body)),
  );
  app.post(
    `${base}/spendings`,
    {
      config: { policy: ['committee_member', 'street_office', 'community'] },
      schema: {
        tags,
        summary: 'A spending approved by an owners’ vote (matterId) or a committee decision (resolution), put on 公示',
        body: Type.Object(
          {
            estateId: Id,
            item: Text(100),
            description: Text(2000),
            amountFen: Fen,
            matterId: Type.Optional(Id),
            resolution: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await proposeSpending(db, ctxOf(req), req.body)),
  );
  app.post(
    `${base}/spendings/:id/cosign`,
    { config: { policy: ['community'] }, schema: { tags, params: Type.Object({ id: Id }) } },
    async (req) => cosign(db, ctxOf(req), req.params.id),
  );
  app.post(
    `${base}/spendings/:id/pay`,
    {
      config: { policy: ['committee_member', 'street_office', 'community'] },
      schema: {
        tags,
        params: Type.Object({ id: Id }),
        body: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
      },
    },
    async (req) => paySpending(db, ctxOf(req), req.params.id, req.body.version),
  );
  app.post(
    `${base}/spendings/:id/cancel`,
    {
      config: { policy: ['committee_member', 'street_office', 'community'] },
      schema: {
        tags,
        summary: 'Withdraw a spending on 公示 that will not be made',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), reason: Text(500) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => cancelSpending(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${base}/transfer-to-fund`,
    {
      config: { policy: ['committee_member', 'street_office', 'community'] },
      schema: {
        tags,
        summary: 'Move a share (at least half) of a year’s surplus into the maintenance fund, apportioned by area',
        body: Type.Object(
          {
            estateId: Id,
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            percent: Type.Integer({ minimum: 50, maximum: 100 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await transferSurplusToFund(db, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/public/estates/:id/public-revenue',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: 'The quarterly disclosure of an estate’s public revenue (?format=xlsx|csv to download)',
        params: Type.Object({ id: Id }),
        querystring: Type.Object(
          {
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            quarter: Type.Integer({ minimum: 1, maximum: 4 }),
            ...ExportQuery,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const { from, to } = quarterDates(req.query.year, req.query.quarter);
      const s = await statement(db, req.params.id, from, to);
      if (!req.query.format || req.query.format === 'json') return s;
      const zh = req.lang === 'zh-CN';
      const rows = [
        ...s.incomes.map((i) => ({
          date: i.date,
          kind: zh ? '收入' : 'Income',
          what: `${SOURCES[i.source][zh ? 0 : 1]} ${i.description}`,
          fen: i.netFen,
          basis: i.evidence,
        })),
        ...s.spendings.map((x) => ({
          date: x.date,
          kind: zh ? '支出' : 'Spending',
          what: `${x.item} ${x.description}`,
          fen: -x.amountFen,
          basis: x.approval,
        })),
      ];
      const yuan = (fen: number) => Number((fen / 100).toFixed(2));
      return sendExport(
        reply,
        req.query.format,
        `公共收益-${req.query.year}Q${req.query.quarter}`,
        [
          { key: 'date', header: { 'zh-CN': '日期', en: 'Date' }, value: (r) => r.date },
          { key: 'kind', header: { 'zh-CN': '收支', en: 'In/out' }, value: (r) => r.kind },
          { key: 'what', header: { 'zh-CN': '项目', en: 'Item' }, value: (r) => r.what },
          { key: 'yuan', header: { 'zh-CN': '金额（元）', en: 'Amount (yuan)' }, value: (r) => yuan(r.fen) },
          { key: 'basis', header: { 'zh-CN': '依据', en: 'Basis' }, value: (r) => r.basis },
        ],
        rows,
        req.lang,
      );
    },
  );
};
