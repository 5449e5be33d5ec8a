import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ExportQuery, sendExport } from '../../kernel/export.ts';
import { ctxOf } from '../../kernel/http.ts';
import {
  arrearsAging,
  arrearsSettings,
  BUCKETS,
  recordWrittenNotice,
  saveArrearsSettings,
  sendReminders,
} from './arrears.ts';
import { listDefaulter, listDefaulters, removeDefaulter } from './defaulters.ts';
import { estateFor } from './fees.ts';
import { financePolicy as P } from './policy.ts';

const Id = Type.String({ format: 'uuid' });
const Period = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const COLLECT = ['company_admin', 'project_manager', 'company_staff'] as const;

/** Arrears: the aging report, reminders, written notices and the non-payer list behind due process. */
export const arrearsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['finance'];

  app.get(
    '/api/v1/finance/estates/:estateId/arrears',
    {
      config: { policy: P.readFees },
      schema: {
        tags,
        summary: 'Unpaid amounts by unit and age (0–3, 3–6, 6–12, 12+ months); ?format=xlsx to download',
        params: Type.Object({ estateId: Id }),
        querystring: Type.Object({ asOf: Period, ...ExportQuery }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const aging = await arrearsAging(db, ctxOf(req), req.params.estateId, req.query.asOf);
      if (!req.query.format || req.query.format === 'json') return aging;
      const yuan = (fen: number) => Number((fen / 100).toFixed(2));
      const label = { m0_3: '0–3 个月', m3_6: '3–6 个月', m6_12: '6–12 个月', m12: '12 个月以上' } as const;
      return sendExport(
        reply,
        req.query.format,
        `欠费账龄-${req.query.asOf}`,
        [
          { key: 'unit', header: { 'zh-CN': '房屋', en: 'Unit' }, value: (u) => u.label },
          { key: 'oldest', header: { 'zh-CN': '最早欠费账期', en: 'Oldest period' }, value: (u) => u.oldest },
          ...BUCKETS.map((b) => ({
            key: b.key,
            header: {
              'zh-CN': `${label[b.key]}（元）`,
              en: `${label[b.key].replace('个月以上', '+').replace(' 个月', '')} months (yuan)`,
            },
            value: (u: (typeof aging.units)[number]) => yuan(u.buckets[b.key]),
          })),
          { key: 'total', header: { 'zh-CN': '合计（元）', en: 'Total (yuan)' }, value: (u) => yuan(u.totalFen) },
          ...(aging.lateFee
            ? [
                {
                  key: 'lateFee',
                  header: { 'zh-CN': '违约金（元，按合同约定）', en: 'Late fee (yuan, per contract)' },
                  value: (u: (typeof aging.units)[number]) => yuan(u.lateFeeFen),
                },
              ]
            : []),
        ],
        aging.units,
        req.lang,
      );
    },
  );
  app.get(
    '/api/v1/finance/estates/:estateId/arrears-settings',
    { config: { policy: P.readFees }, schema: { tags, params: Type.Object({ estateId: Id }) } },
    async (req) => {
      await estateFor(db, ctxOf(req), req.params.estateId, P.readFees);
      return arrearsSettings(db, req.params.estateId);
    },
  );
  app.put(
    '/api/v1/finance/estates/:estateId/arrears-settings',
    {
      config: { policy: ['company_admin', 'project_manager'] },
      schema: {
        tags,
        summary: 'Due process before the non-payer list, and the contract’s late-fee clause (null: no late fees)',
        params: Type.Object({ estateId: Id }),
        body: Type.Object(
          {
            minMonths: Type.Integer({ minimum: 1, maximum: 60 }),
            writtenNotices: Type.Integer({ minimum: 1, maximum: 10 }),
            lateFee: Type.Union([
              Type.Object(
                {
                  clause: Type.String({ minLength: 1, maxLength: 500, description: 'the contract clause' }),
                  bpPerDay: Type.Integer({ minimum: 1, maximum: 10, description: '万分之 of the unpaid amount a day' }),
                  graceDays: Type.Integer({ minimum: 0, maximum: 365 }),
                },
                { additionalProperties: false },
              ),
              Type.Null(),
            ]),
            version: Type.Integer({ minimum: 0 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => saveArrearsSettings(db, ctxOf(req), req.params.estateId, req.body),
  );
  app.post(
    '/api/v1/finance/estates/:estateId/arrears/reminders',
    {
      config: { policy: [...COLLECT] },
      schema: {
        tags,
        params: Type.Object({ estateId: Id }),
        body: Type.Object(
          { asOf: Period, minMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => sendReminders(db, ctxOf(req), req.params.estateId, req.body.asOf, req.body.minMonths),
  );
  app.post(
    '/api/v1/finance/arrears/written-notices',
    {
      config: { policy: [...COLLECT] },
      schema: {
        tags,
        summary: 'A written reminder (催缴函) delivered, with the proof of delivery',
        body: Type.Object(
          {
            unitId: Id,
            deliveredOn: Type.String({ format: 'date' }),
            evidence: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await recordWrittenNotice(db, ctxOf(req), req.body)),
  );
  app.post(
    '/api/v1/finance/defaulters',
    {
      config: { policy: ['company_admin', 'project_manager'] },
      schema: {
        tags,
        summary: '恶意拖欠: listed only after the months owed and the written reminders the estate requires',
        body: Type.Object(
          { unitId: Id, reason: Type.String({ minLength: 1, maxLength: 500 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await listDefaulter(db, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/finance/estates/:estateId/defaulters',
    { config: { policy: [...COLLECT] }, schema: { tags, params: Type.Object({ estateId: Id }) } },
    async (req) => listDefaulters(db, ctxOf(req), req.params.estateId),
  );
  app.post(
    '/api/v1/finance/defaulters/:id/remove',
    {
      config: { policy: ['company_admin', 'project_manager'] },
      schema: {
        tags,
        summary: 'Off the list, with the reason; the entry stays on record',
        params: Type.Object({ id: Id }),
        body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      },
    },
    async (req) => removeDefaulter(db, ctxOf(req), req.params.id, req.body.reason),
  );
};
