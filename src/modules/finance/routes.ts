import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError, notFound } from '../../kernel/errors.ts';
import { ExportQuery, sendExport } from '../../kernel/export.ts';
import { ctxOf } from '../../kernel/http.ts';
import { startBillRun } from './bill-run.ts';
import { estateBills, myBills, myPayments } from './bills.ts';
import { createFeeItem, listCaps, listFeeItems, saveCap, updateFeeItem } from './fees.ts';
import { acceptNotice, receiptOf, recordDeskPayment, startOnlinePayment } from './payments.ts';
import { financePolicy as P } from './policy.ts';
import { type ProviderNotice, signNotice, verifyNotice } from './provider.ts';
import { arrearsRoutes } from './routes-arrears.ts';
import { fundRoutes } from './routes-fund.ts';
import { priceAndRefundRoutes } from './routes-prices.ts';
import { publicRevenueRoutes } from './routes-public.ts';

const Id = Type.String({ format: 'uuid' });
const Period = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Fen = (description: string) => Type.Integer({ minimum: 1, maximum: 100_000_000, description });
const lit = <T extends string>(xs: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...xs] }));
const Uses = Type.Array(lit(['residence', 'shop', 'parking', 'other'] as const), { minItems: 1, maxItems: 4 });

/** Property fees: the city's caps, each estate's fee items, bill runs and bills. */
export const financeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db;
  const tags = ['finance'];
  await app.register(fundRoutes);
  await app.register(arrearsRoutes);
  await app.register(publicRevenueRoutes);
  await app.register(priceAndRefundRoutes);

  app.get('/api/v1/finance/fee-caps', { config: { policy: P.readCaps }, schema: { tags } }, async () => listCaps(db));
  app.put(
    '/api/v1/finance/fee-caps/:grade',
    {
      config: { policy: P.editCaps },
      schema: {
        tags,
        summary: '政府指导价: the highest service fee for a grade, fen per m² per month',
        params: Type.Object({ grade: Type.Integer({ minimum: 1, maximum: 5 }) }),
        body: Type.Object(
          { capFen: Fen('fen per m² per month'), version: Type.Integer({ minimum: 0 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => saveCap(db, ctxOf(req), req.params.grade, req.body.capFen, req.body.version),
  );

  app.get(
    '/api/v1/finance/estates/:estateId/fee-items',
    { config: { policy: P.readFees }, schema: { tags, params: Type.Object({ estateId: Id }) } },
    async (req) => listFeeItems(db, ctxOf(req), req.params.estateId),
  );
  app.post(
    '/api/v1/finance/estates/:estateId/fee-items',
    {
      config: { policy: P.editFees },
      schema: {
        tags,
        params: Type.Object({ estateId: Id }),
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 50 }),
            basis: lit(['area_month', 'unit_month', 'one_off'] as const),
            priceFen: Fen('area_month: fen per m² per month; unit_month: fen per unit per month; one_off: fen'),
            uses: Type.Optional(Uses),
            serviceFee: Type.Optional(Type.Boolean({ description: 'the 物业服务费, held to the city cap' })),
            exemption: Type.Optional(
              Type.String({ maxLength: 500, description: 'the approval of a price above the cap' }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await createFeeItem(db, ctxOf(req), req.params.estateId, req.body)),
  );
  app.patch(
    '/api/v1/finance/fee-items/:id',
    {
      config: { policy: P.editFees },
      schema: {
        tags,
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
            priceFen: Type.Optional(Fen('the new price')),
            uses: Type.Optional(Uses),
            exemption: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => updateFeeItem(db, ctxOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/finance/bill-runs',
    {
      config: { policy: P.runBills },
      schema: {
        tags,
        summary: 'Bill a period for one estate, or every estate you bill; follow it at /api/v1/jobs/:id',
        body: Type.Object({ period: Period, estateId: Type.Optional(Id) }, { additionalProperties: false }),
      },
    },
    async (req, reply) => reply.status(202).send(await startBillRun(db, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/finance/estates/:estateId/bills',
    {
      config: { policy: P.readFees },
      schema: {
        tags,
        params: Type.Object({ estateId: Id }),
        summary: 'An estate’s bills of a period (?format=xlsx for all of them)',
        querystring: Type.Object(
          { period: Period, unpaid: Type.Optional(Type.Boolean()), ...ExportQuery },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const { format, ...f } = req.query;
      if (!format || format === 'json') return estateBills(db, ctxOf(req), req.params.estateId, f);
      const all = await estateBills(db, ctxOf(req), req.params.estateId, { ...f, limit: 1_000_000 });
      const yuan = (fen: number) => Number((fen / 100).toFixed(2));
      return sendExport(
        reply,
        format,
        `账单-${f.period}`,
        [
          { key: 'unit', header: { 'zh-CN': '房屋', en: 'Unit' }, value: (b) => b.unit },
          { key: 'item', header: { 'zh-CN': '收费项目', en: 'Item' }, value: (b) => b.item },
          { key: 'days', header: { 'zh-CN': '计费天数', en: 'Days' }, value: (b) => b.days },
          { key: 'amount', header: { 'zh-CN': '应收（元）', en: 'Billed (yuan)' }, value: (b) => yuan(b.amountFen) },
          { key: 'paid', header: { 'zh-CN': '已收（元）', en: 'Paid (yuan)' }, value: (b) => yuan(b.paidFen) },
        ],
        all.items,
        req.lang,
      );
    },
  );
  app.get('/api/v1/me/bills', { config: { policy: P.resident }, schema: { tags } }, async (req) => ({
    items: await myBills(db, ctxOf(req)),
  }));
  app.get('/api/v1/me/payments', { config: { policy: P.resident }, schema: { tags } }, async (req) => ({
    items: await myPayments(db, ctxOf(req)),
  }));
  app.post(
    '/api/v1/me/payments',
    {
      config: { policy: P.resident },
      schema: {
        tags,
        summary: 'Pay for one of your units online: what it owes, or more (kept as a prepayment)',
        body: Type.Object(
          {
            unitId: Id,
            channel: lit(['wechat', 'alipay'] as const),
            amountFen: Type.Optional(Fen('the amount; by default what the unit owes')),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const started = await startOnlinePayment(db, ctxOf(req), req.body);
      const payUrl = app.config.paySimulator ? `/api/v1/finance/sim-pay/${started.outTradeNo}` : null;
      return reply.status(201).send({ ...started, payUrl });
    },
  );

  const Notice = Type.Object(
    {
      outTradeNo: Type.String({ minLength: 1, maxLength: 64 }),
      transactionId: Type.String({ minLength: 1, maxLength: 64 }),
      amountFen: Type.Integer({ minimum: 1 }),
      status: lit(['SUCCESS', 'FAIL'] as const),
    },
    { additionalProperties: false },
  );
  app.post(
    '/api/v1/finance/payments/notify/:channel',
    {
      config: { policy: 'public' },
      schema: {
        tags,
        summary: "The payment provider's notice (signed in the x-anju-signature header); idempotent",
        params: Type.Object({ channel: lit(['wechat', 'alipay'] as const) }),
        body: Notice,
      },
    },
    async (req) => {
      if (!verifyNotice(app.config.paySecret, req.body, req.headers['x-anju-signature'] as string | undefined))
        throw new DomainError('finance.bad_signature', 401);
      const ctx = { ...ctxOf(req), actor: { ...req.actor, displayName: `${req.params.channel} notify` } };
      const res = await acceptNotice(db, ctx, req.params.channel, req.body);
      return { code: 'SUCCESS', receiptNo: res.receiptNo };
    },
  );
  app.post(
    '/api/v1/finance/sim-pay/:outTradeNo',
    {
      config: { policy: P.resident },
      schema: {
        tags,
        summary: 'Development only: the simulated provider takes the money and sends its signed notice',
        params: Type.Object({ outTradeNo: Type.String({ maxLength: 64 }) }),
      },
    },
    async (req) => {
      if (!app.config.paySimulator) throw notFound();
      const p = await db
        .selectFrom('payments')
        .select(['id', 'channel', 'amount_fen', 'payer'])
        .where('out_trade_no', '=', req.params.outTradeNo)
        .executeTakeFirst();
      if (!p || p.payer !== req.actor.accountId || (p.channel !== 'wechat' && p.channel !== 'alipay'))
        throw notFound('finance.payment_not_found');
      const notice: ProviderNotice = {
        outTradeNo: req.params.outTradeNo,
        transactionId: `SIM${randomBytes(8).toString('hex').toUpperCase()}`,
        amountFen: Number(p.amount_fen),
        status: 'SUCCESS',
      };
      // Delivered through the notify route itself, signature and all, as the provider's server would.
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/finance/payments/notify/${p.channel}`,
        payload: notice,
        headers: { 'x-anju-signature': signNotice(app.config.paySecret, notice) },
      });
      return { paymentId: p.id, notified: res.statusCode, ...(res.json() as object) };
    },
  );
  app.post(
    '/api/v1/finance/payments/desk',
    {
      config: { policy: P.desk },
      schema: {
        tags,
        summary: 'Cash or a transfer taken at the desk, with its voucher number (a repeat is the same payment)',
        body: Type.Object(
          {
            unitId: Id,
            channel: lit(['cash', 'transfer'] as const),
            amountFen: Fen('the amount received'),
            voucherNo: Type.String({ minLength: 1, maxLength: 64 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await recordDeskPayment(db, ctxOf(req), req.body)),
  );
  app.get(
    '/api/v1/finance/payments/:id/receipt',
    { config: { policy: 'authenticated' }, schema: { tags, params: Type.Object({ id: Id }) } },
    async (req) => receiptOf(db, ctxOf(req), req.params.id),
  );
};
