import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ExportQuery, sendExport } from '../../kernel/export.ts';
import { ctxOf } from '../../kernel/http.ts';
import {
  estateFund,
  estateFundUnits,
  FUND_KEEPERS,
  FUND_OVERSEERS,
  fundOverview,
  listFundRates,
  myFund,
  recordDeposit,
  saveFundRate,
  transferCustody,
} from './fund.ts';
import {
  applyForFundUse,
  confirmEmergency,
  disburse,
  EMERGENCY_CONFIRMERS,
  FUND_APPLICANTS,
  getFundUse,
  listFundUses,
  recordAcceptance,
  recordContract,
  requestApproval,
  settleVote,
  VOTE_ORGANISERS,
} from './fund-use.ts';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id });
const lit = <T extends string>(xs: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...xs] }));
const Version = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** The maintenance fund: rates, deposits, balances and statements, and its use from application to payment. */
export const fundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['maintenance fund'];
  const READERS = [...FUND_APPLICANTS, ...FUND_KEEPERS, 'community'] as const;

  app.get('/api/v1/finance/fund-rates', { config: { policy: 'authenticated' }, schema: { tags } }, async () =>
    listFundRates(db),
  );
  app.put(
    '/api/v1/finance/fund-rates/:use',
    {
      config: { policy: ['city_regulator'] },
      schema: {
        tags,
        summary: 'The deposit rate for a use, fen per m² of building area',
        params: Type.Object({ use: lit(['residence', 'shop', 'parking', 'other'] as const) }),
        body: Type.Object(
          { rateFen: Type.Integer({ minimum: 1, maximum: 1_000_000 }), version: Type.Integer({ minimum: 0 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => saveFundRate(db, ctxOf(req), req.params.use, req.body.rateFen, req.body.version),
  );
  app.post(
    '/api/v1/finance/fund-deposits',
    {
      config: { policy: FUND_KEEPERS },
      schema: {
        tags,
        summary: 'A deposit into a unit’s sub-account: the initial one (area × rate) or a 续筹 of a given amount',
        body: Type.Object(
          {
            unitId: Id,
            kind: lit(['initial', 'redeposit'] as const),
            voucher: Text(64),
            amountFen: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await recordDeposit(db, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/finance/estates/:id/fund',
    { config: { policy: READERS }, schema: { tags, params: IdParams } },
    async (req) => estateFund(db, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/finance/estates/:id/fund/units',
    {
      config: { policy: READERS },
      schema: {
        tags,
        summary: '分户账: each unit’s balance and initial deposit, for a building or the whole estate (?format=xlsx)',
        params: IdParams,
        querystring: Type.Object({ buildingId: Type.Optional(Id), ...ExportQuery }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const units = await estateFundUnits(db, ctxOf(req), req.params.id, req.query.buildingId);
      if (!req.query.format || req.query.format === 'json') return units;
      const yuan = (fen: number | null) => (fen === null ? null : Number((fen / 100).toFixed(2)));
      return sendExport(
        reply,
        req.query.format,
        '维修资金分户账',
        [
          { key: 'unit', header: { 'zh-CN': '房屋', en: 'Unit' }, value: (u) => u.label },
          { key: 'area', header: { 'zh-CN': '面积（㎡）', en: 'Area (m²)' }, value: (u) => u.area / 100 },
          {
            key: 'initial',
            header: { 'zh-CN': '首期交存（元）', en: 'Initial (yuan)' },
            value: (u) => yuan(u.initialFen),
          },
          { key: 'balance', header: { 'zh-CN': '余额（元）', en: 'Balance (yuan)' }, value: (u) => yuan(u.balanceFen) },
          {
            key: 'low',
            header: { 'zh-CN': '需续筹', en: 'Top-up due' },
            value: (u) => (u.low ? { 'zh-CN': '是', en: 'yes' }[req.lang] : ''),
          },
        ],
        units,
        req.lang,
      );
    },
  );
  app.get(
    '/api/v1/finance/fund-overview',
    {
      config: { policy: FUND_OVERSEERS },
      schema: {
        tags,
        summary: 'Every estate in your region: fund total, custodian, deposits, units below 30 % (?format=xlsx)',
        querystring: Type.Object({ ...ExportQuery }, { additionalProperties: false }),
      },
    },
    async (req, reply) => {
      const overview = await fundOverview(db, ctxOf(req));
      if (!req.query.format || req.query.format === 'json') return overview;
      return sendExport(
        reply,
        req.query.format,
        '维修资金监管总览',
        [
          { key: 'code', header: { 'zh-CN': '小区编码', en: 'Code' }, value: (e) => e.code },
          { key: 'name', header: { 'zh-CN': '小区', en: 'Estate' }, value: (e) => e.name },
          {
            key: 'total',
            header: { 'zh-CN': '资金余额（元）', en: 'Balance (yuan)' },
            value: (e) => Number((e.totalFen / 100).toFixed(2)),
          },
          {
            key: 'custodian',
            header: { 'zh-CN': '管理方', en: 'Kept by' },
            value: (e) =>
              e.custodian === 'assembly'
                ? { 'zh-CN': '业主大会', en: 'Owners’ assembly' }[req.lang]
                : { 'zh-CN': '住建部门代管', en: 'Housing authority' }[req.lang],
          },
          { key: 'deposited', header: { 'zh-CN': '已交存户数', en: 'Units deposited' }, value: (e) => e.deposited },
          { key: 'low', header: { 'zh-CN': '需续筹户数', en: 'Units to top up' }, value: (e) => e.low },
        ],
        overview.estates,
        req.lang,
      );
    },
  );
  app.post(
    '/api/v1/finance/estates/:id/fund-custody',
    {
      config: { policy: FUND_KEEPERS },
      schema: {
        tags,
        summary: '移交: hand the fund over to the owners’ assembly once it has a serving committee',
        params: IdParams,
        body: Type.Object(
          { resolution: Text(500), account: Text(100) },
          { additionalProperties: false, description: 'the assembly’s resolution and the account it named' },
        ),
      },
    },
    async (req) => transferCustody(db, ctxOf(req), req.params.id, req.body),
  );
  app.get('/api/v1/me/fund', { config: { policy: ['resident'] }, schema: { tags } }, async (req) =>
    myFund(db, ctxOf(req)),
  );

  const base = '/api/v1/finance/fund-applications';
  app.post(
    base,
    {
      config: { policy: FUND_APPLICANTS },
      schema: {
        tags,
        body: Type.Object(
          {
            estateId: Id,
            project: Text(100),
            description: Text(5000),
            budgetFen: Type.Integer({ minimum: 1, maximum: 100_000_000_000 }),
            scopeKind: lit(['estate', 'buildings', 'units'] as const),
            scopeIds: Type.Optional(Type.Array(Id, { maxItems: 5000 })),
            emergency: Type.Optional(lit(['elevator', 'fire', 'facade', 'leak', 'drainage'] as const)),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await applyForFundUse(db, ctxOf(req), req.body)),
  );
  app.get(
    base,
    { config: { policy: READERS }, schema: { tags, querystring: Type.Object({ estateId: Id }) } },
    async (req) => listFundUses(db, ctxOf(req), req.query.estateId),
  );
  app.get(`${base}/:id`, { config: { policy: READERS }, schema: { tags, params: IdParams } }, async (req) =>
    getFundUse(db, ctxOf(req), req.params.id),
  );
  app.post(
    `${base}/:id/vote`,
    {
      config: { policy: VOTE_ORGANISERS },
      schema: {
        tags,
        summary: 'Draft the owners’ vote (art. 278 item 5) over the units in scope',
        params: IdParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            opensAt: Type.String({ format: 'date-time' }),
            closesAt: Type.String({ format: 'date-time' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => requestApproval(db, ctxOf(req), req.params.id, req.body),
  );
  for (const [path, run, roles] of [
    ['confirm-emergency', confirmEmergency, EMERGENCY_CONFIRMERS],
    ['decide', settleVote, FUND_APPLICANTS],
    ['disburse', disburse, [...FUND_APPLICANTS, ...FUND_KEEPERS]],
  ] as const)
    app.post(
      `${base}/:id/${path}`,
      { config: { policy: roles }, schema: { tags, params: IdParams, body: Version } },
      async (req) => run(db, ctxOf(req), req.params.id, req.body.version),
    );
  app.post(
    `${base}/:id/contract`,
    {
      config: { policy: FUND_APPLICANTS },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), contractor: Text(100), contractNo: Text(64) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => recordContract(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/acceptance`,
    {
      config: { policy: FUND_APPLICANTS },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object({ version: Type.Integer({ minimum: 1 }), note: Text(2000) }, { additionalProperties: false }),
      },
    },
    async (req) => recordAcceptance(db, ctxOf(req), req.params.id, req.body),
  );
};
