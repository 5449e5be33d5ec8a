import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { verifyLedger } from '../src/modules/finance/index.ts';
import { type ProviderNotice, signNotice } from '../src/modules/finance/provider.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let company: Client;
let resident: Client;
let estateId: string;
let unitId: string;
const SECRET = 'anju-simulated-provider-key';

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  company = await t.as('company.admin');
  resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  const mine = (await resident.get('/api/v1/me/units')).json()[0];
  estateId = mine.estateId;
  unitId = mine.id;
  // Two months of a service fee for the estate: the resident's unit owes both.
  const item = await company.post(`/api/v1/finance/estates/${estateId}/fee-items`, {
    name: '物业服务费',
    basis: 'area_month',
    priceFen: 150,
  });
  assert.equal(item.statusCode, 201, item.body);
  for (const period of ['2026-09', '2026-10']) {
    assert.equal((await company.post('/api/v1/finance/bill-runs', { period, estateId })).statusCode, 202);
    await t.worker.drain();
  }
});
after(() => t.close());

const unitBills = () =>
  t.handle.db
    .selectFrom('bills')
    .select(['period', 'amount_fen', 'paid_fen'])
    .where('unit_id', '=', unitId)
    .orderBy('period')
    .execute();
const balance = async (code: string) =>
  Number(
    (
      await t.handle.db
        .selectFrom('ledger_accounts')
        .select(sql<string>`coalesce(sum(balance), 0)::text`.as('b'))
        .where('estate_id', '=', estateId)
        .where('code', '=', code)
        .where((eb) => eb.or([eb('unit_id', '=', unitId), eb('unit_id', 'is', null)]))
        .executeTakeFirstOrThrow()
    ).b,
  );
const notify = (notice: ProviderNotice, signature = signNotice(SECRET, notice)) =>
  t.anonymous.request({
    method: 'POST',
    url: '/api/v1/finance/payments/notify/wechat',
    payload: notice,
    headers: { 'x-anju-signature': signature },
  });

test('an online payment settles the oldest bill first, once, however often the provider notifies', async () => {
  const [sep, oct] = await unitBills();
  // Pay September and half of October.
  const amount = Number(sep.amount_fen) + Math.floor(Number(oct.amount_fen) / 2);
  const started = await resident.post('/api/v1/me/payments', { unitId, channel: 'wechat', amountFen: amount });
  assert.equal(started.statusCode, 201, started.body);
  const { outTradeNo, paymentId } = started.json();
  const notice = { outTradeNo, transactionId: 'WX4200001', amountFen: amount, status: 'SUCCESS' as const };

  const forged = await notify(notice, 'f'.repeat(64));
  assert.equal(forged.statusCode, 401, 'a forged notice moves nothing');
  const wrong = await notify({ ...notice, amountFen: amount - 1 }, undefined);
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.json().detail, /金额与订单不符/);
  assert.equal(Number((await unitBills())[0].paid_fen), 0, 'nothing booked for either');

  const [a, b] = await Promise.all([notify(notice), notify(notice)]);
  assert.deepEqual([a.statusCode, b.statusCode], [200, 200], 'the provider is told SUCCESS both times');
  assert.equal(a.json().receiptNo, b.json().receiptNo);
  const [sepPaid, octPaid] = await unitBills();
  assert.equal(Number(sepPaid.paid_fen), Number(sep.amount_fen), 'September settled first');
  assert.equal(Number(octPaid.paid_fen), Math.floor(Number(oct.amount_fen) / 2));
  const paid = await t.handle.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
  assert.equal(paid?.status, 'paid');
  const entries = await t.handle.db
    .selectFrom('journal_entries')
    .select('id')
    .where('idempotency_key', '=', `payment:${paymentId}`)
    .execute();
  assert.equal(entries.length, 1, 'booked once');

  const receipt = (await resident.get(`/api/v1/finance/payments/${paymentId}/receipt`)).json();
  assert.equal(receipt.receiptNo, a.json().receiptNo);
  assert.deepEqual(
    receipt.lines.map((l: { period: string }) => l.period),
    ['2026-09', '2026-10'],
  );
  assert.equal(receipt.amountFen, amount);
  assert.equal(receipt.prepaidFen, 0);
  assert.ok(receipt.company, 'the receipt names the company that took the money');
  const listed = (await resident.get('/api/v1/me/payments')).json().items;
  assert.deepEqual(
    listed.map((p: { receiptNo: string; amountFen: number }) => [p.receiptNo, p.amountFen]),
    [[receipt.receiptNo, amount]],
  );
  const bills = (await company.get(`/api/v1/finance/estates/${estateId}/bills?period=2026-09`)).json();
  assert.match(bills.items[0].unit, /\S+ \S+/, 'each bill names its unit');
  const stranger = await t.as('company.staff');
  assert.equal((await stranger.get(`/api/v1/finance/payments/${paymentId}/receipt`)).statusCode, 200);
  assert.equal(
    (await t.as('dept.chengguan').then((d) => d.get(`/api/v1/finance/payments/${paymentId}/receipt`))).statusCode,
    403,
  );
  assert.equal((await verifyLedger(t.handle.db)).problem, undefined);
});

test('paying more than is owed keeps the rest as a prepayment; the simulator pays through the signed notice', async () => {
  const owed = (await unitBills()).reduce((s, b) => s + Number(b.amount_fen) - Number(b.paid_fen), 0);
  const started = (
    await resident.post('/api/v1/me/payments', { unitId, channel: 'alipay', amountFen: owed + 10_000 })
  ).json();
  assert.ok(started.payUrl, 'the simulated provider is on outside production');
  const paid = await resident.post(started.payUrl);
  assert.equal(paid.statusCode, 200, paid.body);
  assert.equal(paid.json().notified, 200);
  assert.ok((await unitBills()).every((b) => Number(b.paid_fen) === Number(b.amount_fen)));
  assert.equal(await balance('prepayments'), -10_000, 'held for the owner (a credit balance)');
  const receipt = (await resident.get(`/api/v1/finance/payments/${started.paymentId}/receipt`)).json();
  assert.equal(receipt.prepaidFen, 10_000);
  assert.equal(
    (await resident.post('/api/v1/me/payments', { unitId, channel: 'wechat' })).statusCode,
    400,
    'nothing owed',
  );
});

test('a prepayment is refunded only with a second person’s approval; what is left settles the next bills as they are raised', async () => {
  const staff = await t.as('company.staff');
  const manager = await t.as('project.manager');
  const ask = (c: Client, amountFen: number) =>
    c.post('/api/v1/finance/refunds', { unitId, amountFen, channel: 'transfer', reason: '业主多缴' });
  const account = (await staff.get(`/api/v1/finance/units/${unitId}/account`)).json();
  assert.deepEqual([account.owedFen, account.prepaymentFen], [0, 10_000]);
  const cash = await staff.post('/api/v1/finance/refunds', {
    unitId,
    amountFen: 100,
    channel: 'cash',
    reason: '现金退',
  });
  const short = await company.post(`/api/v1/finance/refunds/${cash.json().id}/decision`, { version: 1, approve: true });
  assert.equal(short.statusCode, 409, 'the till holds nothing: the money came in online');
  assert.match(short.json().detail, /现金账户余额不足/);
  await company.post(`/api/v1/finance/refunds/${cash.json().id}/decision`, { version: 1, approve: false });
  const tooMuch = await ask(staff, 10_001);
  assert.equal(tooMuch.statusCode, 400);
  assert.match(tooMuch.json().detail, /预收款余额 100\.00 元/);
  const first = (await ask(staff, 3_000)).json();
  assert.equal(first.state, 'requested');
  const decide = (c: Client, r: { id: string; version: number }, approve: boolean) =>
    c.post(`/api/v1/finance/refunds/${r.id}/decision`, { version: r.version, approve });
  assert.equal((await decide(staff, first, true)).statusCode, 403, 'the desk asks; it does not approve');
  const bankBefore = await balance('bank');
  const done = await decide(company, first, true);
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().state, 'refunded');
  assert.equal((await decide(manager, done.json(), true)).statusCode, 409, 'once');
  assert.equal(await balance('prepayments'), -7_000);
  assert.equal(await balance('bank'), bankBefore - 3_000, 'paid back by transfer');

  const own = (await ask(company, 7_000)).json();
  const self = await decide(company, own, true);
  assert.equal(self.statusCode, 403);
  assert.match(self.json().detail, /申请人以外/);
  assert.equal((await decide(manager, own, false)).json().state, 'rejected');
  assert.equal(await balance('prepayments'), -7_000, 'a rejected refund moves nothing');

  assert.equal((await company.post('/api/v1/finance/bill-runs', { period: '2026-11', estateId })).statusCode, 202);
  await t.worker.drain();
  const nov = (await unitBills()).find((b) => b.period === '2026-11');
  assert.ok(nov && Number(nov.amount_fen) > 7_000);
  assert.equal(Number(nov.paid_fen), 7_000, 'the prepayment settled what it could of the new bill');
  assert.equal(await balance('prepayments'), 0);
  const mine = (await resident.get('/api/v1/me/bills')).json();
  assert.ok(JSON.stringify(mine).includes('2026-11'));
  const list = (await company.get(`/api/v1/finance/estates/${estateId}/refunds`)).json();
  assert.deepEqual(list.map((r: { state: string }) => r.state).sort(), ['refunded', 'rejected', 'rejected']);
  const done1 = list.find((r: { state: string }) => r.state === 'refunded');
  assert.ok(done1.requestedByName && done1.decidedByName && done1.requestedByName !== done1.decidedByName);
  assert.equal((await verifyLedger(t.handle.db)).problem, undefined);
});

test('cash at the desk: a voucher entered twice is one payment; receipt numbers run without gaps', async () => {
  const other = await t.handle.db
    .selectFrom('bills')
    .select(['unit_id', 'amount_fen'])
    .where('estate_id', '=', estateId)
    .where('unit_id', '<>', unitId)
    .where('period', '=', '2026-09')
    .executeTakeFirstOrThrow();
  const desk = (voucherNo: string, amountFen = Number(other.amount_fen)) =>
    company.post('/api/v1/finance/payments/desk', { unitId: other.unit_id, channel: 'cash', amountFen, voucherNo });
  const [x, y] = await Promise.all([desk('XJ-0001'), desk('XJ-0001')]);
  assert.deepEqual([x.statusCode, y.statusCode], [201, 201]);
  assert.equal(x.json().paymentId, y.json().paymentId);
  assert.equal((await desk('XJ-0001', 1)).statusCode, 409, 'the same voucher for another amount is refused');
  assert.equal((await desk('XJ-0002', 1)).statusCode, 201);
  const numbers = (
    await t.handle.db
      .selectFrom('payments')
      .select('receipt_no')
      .where('estate_id', '=', estateId)
      .where('status', '=', 'paid')
      .orderBy('paid_at')
      .execute()
  ).map((p) => Number(p.receipt_no?.slice(-6)));
  assert.deepEqual(
    numbers,
    numbers.map((_, i) => i + 1),
  );
  const sheet = await company.get(`/api/v1/finance/estates/${estateId}/bills?period=2026-09&format=xlsx`);
  assert.equal(sheet.statusCode, 200);
  assert.match(String(sheet.headers['content-disposition']), /xlsx/);
  assert.equal((await verifyLedger(t.handle.db)).problem, undefined);
});
