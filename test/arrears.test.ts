import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clock } from '../src/kernel/clock.ts';
import { monthsBetween } from '../src/modules/finance/arrears.ts';
import { lateFee } from '../src/modules/finance/billing.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let company: Client;
let estateId: string;
let unitId: string;
const PERIODS = ['2025-10', '2026-03', '2026-07', '2026-10'];

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  company = await t.as('company.admin');
  const resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  const mine = (await resident.get('/api/v1/me/units')).json()[0];
  estateId = mine.estateId;
  unitId = mine.id;
  await company.post(`/api/v1/finance/estates/${estateId}/fee-items`, {
    name: '物业服务费',
    basis: 'area_month',
    priceFen: 150,
  });
  for (const period of PERIODS) {
    await company.post('/api/v1/finance/bill-runs', { period, estateId });
    await t.worker.drain();
  }
});
after(async () => {
  clock.reset();
  await t.close();
});

test('months between periods', () => {
  assert.equal(monthsBetween('2026-11', '2026-11'), 0);
  assert.equal(monthsBetween('2025-12', '2026-01'), 1);
  assert.equal(monthsBetween('2025-10', '2026-11'), 13);
});

test('the aging report puts each unpaid bill in its bucket and adds up; it downloads as xlsx', async () => {
  const aging = (await company.get(`/api/v1/finance/estates/${estateId}/arrears?asOf=2026-11`)).json();
  const mine = aging.units.find((u: { unitId: string }) => u.unitId === unitId);
  const bills = await t.handle.db
    .selectFrom('bills')
    .select(['period', 'amount_fen'])
    .where('unit_id', '=', unitId)
    .execute();
  const of = (p: string) => Number(bills.find((b) => b.period === p)?.amount_fen);
  assert.deepEqual(mine.buckets, {
    m0_3: of('2026-10'), // 1 month
    m3_6: of('2026-07'), // 4 months
    m6_12: of('2026-03'), // 8 months
    m12: of('2025-10'), // 13 months
  });
  assert.equal(mine.oldest, '2025-10');
  const sum = Object.values(aging.totals as Record<string, number>).reduce((s, v) => s + v, 0);
  assert.equal(sum, aging.totalFen);
  const xlsx = await company.get(`/api/v1/finance/estates/${estateId}/arrears?asOf=2026-11&format=xlsx`);
  assert.equal(xlsx.statusCode, 200);
  assert.match(String(xlsx.headers['content-disposition']), /xlsx/);
});

test('reminders go through the outbox; the non-payer list needs the months owed and the written notices', async () => {
  const r = await company.post(`/api/v1/finance/estates/${estateId}/arrears/reminders`, {
    asOf: '2026-11',
    minMonths: 12,
  });
  assert.equal(r.statusCode, 200, r.body);
  assert.ok(r.json().sent >= 1);
  const queued = await t.handle.db
    .selectFrom('notifications')
    .select('body')
    .where('template', '=', 'finance.arrears_reminder')
    .execute();
  assert.equal(queued.length, r.json().sent);
  assert.match(queued[0].body, /欠缴物业费/);

  clock.set(new Date('2026-11-20T02:00:00Z'));
  const list = () => company.post('/api/v1/finance/defaulters', { unitId, reason: '长期拒缴' });
  const early = await list();
  assert.equal(early.statusCode, 409);
  assert.match(early.json().detail, /书面催缴 0 次/);
  for (const n of [1, 2]) {
    const w = await company.post('/api/v1/finance/arrears/written-notices', {
      unitId,
      deliveredOn: `2026-1${n}-01`,
      evidence: `EMS 挂号信 110${n}`,
    });
    assert.equal(w.statusCode, 201, w.body);
  }
  const listed = await list();
  assert.equal(listed.statusCode, 201, listed.body);
  assert.equal(listed.json().months, 13);
  assert.equal((await list()).statusCode, 409, 'listed once');
  const row = (await company.get(`/api/v1/finance/estates/${estateId}/arrears?asOf=2026-11`))
    .json()
    .units.find((u: { unitId: string }) => u.unitId === unitId);
  assert.deepEqual([row.writtenNotices, row.listed], [2, true]);
  const entries = (await company.get(`/api/v1/finance/estates/${estateId}/defaulters`)).json();
  assert.equal(entries.length, 1);
  assert.deepEqual([entries[0].unitId, entries[0].months, entries[0].removedOn], [unitId, 13, null]);
  const off = () =>
    company.post(`/api/v1/finance/defaulters/${entries[0].id}/remove`, { reason: '已签订分期还款协议' });
  assert.equal((await off()).statusCode, 200);
  assert.equal((await off()).statusCode, 409, 'once');
  const after = (await company.get(`/api/v1/finance/estates/${estateId}/defaulters`)).json();
  assert.deepEqual([after[0].removedOn, after[0].removedWhy], ['2026-11-20', '已签订分期还款协议']);
  assert.equal((await list()).statusCode, 201, 'listed again after a fresh check, as a new entry');
});

test('late fees only as the contract defines: none without a clause; with one, accrued per bill and shown', async () => {
  clock.set(new Date('2026-12-15T04:00:00Z'));
  const url = `/api/v1/finance/estates/${estateId}/arrears?asOf=2026-11`;
  assert.equal((await company.get(url)).json().lateFee, null, 'no clause, no late fee');
  const settingsUrl = `/api/v1/finance/estates/${estateId}/arrears-settings`;
  const s = (await company.get(settingsUrl)).json();
  assert.deepEqual([s.minMonths, s.writtenNotices, s.lateFee], [6, 2, null]);
  const clause = { clause: '《物业服务合同》第十二条：逾期按日万分之三支付违约金', bpPerDay: 3, graceDays: 15 };
  const staff = await t.as('company.staff');
  assert.equal((await staff.put(settingsUrl, { ...s, lateFee: clause })).statusCode, 403);
  const bad = await company.put(settingsUrl, { ...s, lateFee: { ...clause, bpPerDay: 50 } });
  assert.equal(bad.statusCode, 400, 'above 万分之十 a day is refused');
  const saved = await company.put(settingsUrl, { ...s, lateFee: clause });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal((await company.put(settingsUrl, { ...s, lateFee: clause })).statusCode, 409, 'a stale version');

  const aging = (await company.get(url)).json();
  assert.equal(aging.lateFee.asOf, '2026-11-30', 'to the end of the period asked for');
  const bills = await t.handle.db
    .selectFrom('bills')
    .select(['period', 'amount_fen', 'paid_fen'])
    .where('unit_id', '=', unitId)
    .execute();
  const expected = bills.reduce(
    (sum, b) => sum + lateFee(Number(b.amount_fen) - Number(b.paid_fen), b.period, '2026-11-30', 3, 15),
    0,
  );
  const mine = aging.units.find((u: { unitId: string }) => u.unitId === unitId);
  assert.ok(expected > 0);
  assert.equal(mine.lateFeeFen, expected);
  assert.equal(
    aging.lateFee.totalFen,
    aging.units.reduce((sum: number, u: { lateFeeFen: number }) => sum + u.lateFeeFen, 0),
  );
  const off = await company.put(settingsUrl, { ...s, lateFee: null, version: saved.json().version });
  assert.equal(off.json().lateFee, null);
  assert.equal((await company.get(url)).json().lateFee, null);
  clock.reset();
});
