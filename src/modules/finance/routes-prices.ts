import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ctxOf } from '../../kernel/http.ts';
import { counterPrice, listPriceProposals, putPriceToVote, quotePrice, settlePrice, withdrawPrice } from './prices.ts';
import { decideRefund, listRefunds, requestRefund, unitAccount } from './refunds.ts';

const Id = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Id });
const PriceFen = Type.Integer({ minimum: 1, maximum: 100_000, description: 'fen per m² per month' });
const Note = Type.String({ minLength: 1, maxLength: 2000 });
const Version = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const COMPANY = ['company_admin', 'project_manager'] as const;
const OWNERS_SIDE = ['committee_member', 'street_office', 'community'] as const;

/** 物业服务费的形成 (quote → counter-offer → owners' vote → the fee item), and refunds of prepayments. */
export const priceAndRefundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['finance'];
  const base = '/api/v1/finance/price-proposals';

  app.get(
    '/api/v1/finance/estates/:id/price-proposals',
    {
      config: { policy: [...COMPANY, ...OWNERS_SIDE, 'city_regulator', 'district_regulator'] },
      schema: { tags, params: IdParams },
    },
    async (req) => listPriceProposals(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/finance/estates/:id/price-proposals',
    {
      config: { policy: [...COMPANY] },
      schema: {
        tags,
        summary: '物业报价: the company’s quote for the service fee, within the city’s cap, with its cost basis',
        params: IdParams,
        body: Type.Object({ quoteFen: PriceFen, note: Note }, { additionalProperties: false }),
      },
    },
    async (req, reply) => reply.status(201).send(await quotePrice(db, ctxOf(req), req.params.id, req.body)),
  );
  app.post(
    `${base}/:id/counter`,
    {
      config: { policy: [...OWNERS_SIDE] },
      schema: {
        tags,
        summary: '业主还价: the owners’ side names the price it would accept',
        params: IdParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), counterFen: PriceFen, note: Note },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => counterPrice(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/vote`,
    {
      config: { policy: [...OWNERS_SIDE] },
      schema: {
        tags,
        summary: 'Draft the owners’ vote on a price between the counter-offer and the quote',
        params: IdParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            agreedFen: PriceFen,
            opensAt: Type.String({ format: 'date-time' }),
            closesAt: Type.String({ format: 'date-time' }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => putPriceToVote(db, ctxOf(req), req.params.id, req.body),
  );
  app.post(
    `${base}/:id/settle`,
    {
      config: { policy: [...OWNERS_SIDE, ...COMPANY] },
      schema: { tags, summary: 'Apply the vote’s published result', params: IdParams, body: Version },
    },
    async (req) => settlePrice(db, ctxOf(req), req.params.id, req.body.version),
  );
  app.post(
    `${base}/:id/withdraw`,
    { config: { policy: [...COMPANY] }, schema: { tags, params: IdParams, body: Version } },
    async (req) => withdrawPrice(db, ctxOf(req), req.params.id, req.body.version),
  );

  const DESK = ['company_admin', 'company_staff', 'project_manager'] as const;
  app.get(
    '/api/v1/finance/units/:id/account',
    {
      config: { policy: [...DESK] },
      schema: { tags, summary: 'What a unit owes and what it holds as prepayment', params: IdParams },
    },
    async (req) => unitAccount(db, ctxOf(req), req.params.id),
  );
  app.get(
    '/api/v1/finance/estates/:id/refunds',
    { config: { policy: [...DESK] }, schema: { tags, params: IdParams } },
    async (req) => listRefunds(db, ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/finance/refunds',
    {
      config: { policy: [...DESK] },
      schema: {
        tags,
        summary: '退款申请: from the unit’s prepayment; another person approves before the money moves',
        body: Type.Object(
          {
            unitId: Id,
            amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }),
            channel: Type.Unsafe<'cash' | 'transfer'>(Type.String({ enum: ['cash', 'transfer'] })),
            reason: Type.String({ minLength: 1, maxLength: 500 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await requestRefund(db, ctxOf(req), req.body)),
  );
  app.post(
    '/api/v1/finance/refunds/:id/decision',
    {
      config: { policy: [...COMPANY] },
      schema: {
        tags,
        params: IdParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            approve: Type.Boolean(),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => decideRefund(db, ctxOf(req), req.params.id, req.body),
  );
};
