import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { billAmount, periodDays } from '../src/modules/finance/billing.ts';
import { verifyLedger } from '../src/modules/finance/index.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let company: Client;
let city: Client;
let resident: Client;
let estateId: string;
let grade: number;
const PERIOD = '2026-11';

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  company = await t.as('company.admin');
  city = await t.as('city.admin');
  resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  estateId = (await resident.get('/api/v1/me/units')).json()[0].estateId;
  grade = (
    await t.handle.db.selectFrom('estates').select('service_grade').where('id', '=', estateId).executeTakeFirstOrThrow()
  ).service_grade;
});
after(() => t.close());

const bills = () =>
  t.handle.db.selectFrom('bills').selectAll().where('estate_id', '=', estateId).where('period', '=', PERIOD).execute();
async function runBills() {
  const started = await company.post('/api/v1/finance/bill-runs', { period: PERIOD, estateId });
  assert.equal(started.statusCode, 202, started.body);
  await t.worker.drain();
  return (await company.get(`/api/v1/jobs/${started.json().jobId}`)).json();
}

test('the city caps the service fee by grade; a price above it needs a recorded approval', async () => {
  assert.equal((await company.put(`/api/v1/finance/fee-caps/${grade}`, { capFen: 300, version: 0 })).statusCode, 403);
  const cap = await city.put(`/api/v1/finance/fee-caps/${grade}`, { capFen: 250, version: 0 });
  assert.equal(cap.statusCode, 200, cap.body);
  const item = (priceFen: number, exemption?: string) =>
    company.post(`/api/v1/finance/estates/${estateId}/fee-items`, {
      name: '物业服务费',
      basis: 'area_month',
      priceFen,
      serviceFee: true,
      ...(exemption ? { exemption } : {}),
    });
  const above = await item(260);
  assert.equal(above.statusCode, 400);
  assert.match(above.json().detail, /政府指导价上限 2\.50 元/);
  assert.equal((await item(260, '经业主大会表决同意（2026-10-08 第 3 号决定）')).statusCode, 201);
  assert.equal((await company.get(`/api/v1/finance/estates/${estateId}/fee-items`)).json().length, 1);
  const staff = await t.as('company.staff');
  assert.equal((await staff.post(`/api/v1/finance/estates/${estateId}/fee-items`, {})).statusCode, 403);
});

test('a bill run bills every unit once, pro-rates a part month, and books it in the ledger', async () => {
  const parking = await company.post(`/api/v1/finance/estates/${estateId}/fee-items`, {
    name: '车位管理费',
    basis: 'unit_month',
    priceFen: 6000,
    uses: ['parking'],
  });
  assert.equal(parking.statusCode, 201, parking.body);
  // One home handed over mid-month pays from the 16th.
  const late = await t.handle.db
    .selectFrom('units')
    .innerJoin('unit_owners', 'unit_owners.unit_id', 'units.id')
    .select('units.id')
    .where('units.estate_id', '=', estateId)
    .where('units.use', '=', 'residence')
    .executeTakeFirstOrThrow();
  await sql`UPDATE unit_owners SET since = '2026-11-16' WHERE unit_id = ${late.id}`.execute(t.handle.db);

  const job = await runBills();
  assert.equal(job.status, 'succeeded', JSON.stringify(job));
  assert.deepEqual([job.progress.done, job.progress.total], [1, 1]);
  const rows = await bills();
  const units = await t.handle.db
    .selectFrom('units')
    .select(['id', 'use'])
    .where('estate_id', '=', estateId)
    .where('use', 'in', ['residence', 'parking'])
    .execute();
  assert.equal(rows.length, units.length, 'one bill per unit and item');
  const dim = periodDays(PERIOD).days;
  for (const b of rows) assert.equal(Number(b.amount_fen), billAmount(b.price_fen, b.area, b.days, dim));
  const part = rows.find((b) => b.unit_id === late.id);
  assert.equal(part?.days, 15);

  const total = rows.reduce((s, b) => s + Number(b.amount_fen), 0);
  const balances = await t.handle.db
    .selectFrom('ledger_accounts')
    .select(['code', sql<string>`sum(balance)::text`.as('sum')])
    .where('estate_id', '=', estateId)
    .groupBy('code')
    .execute();
  const of = (code: string) => Number(balances.find((b) => b.code === code)?.sum ?? 0);
  assert.equal(of('fees_receivable'), total, 'each unit owes its bills');
  assert.equal(of('company_revenue'), -total, 'the company earned them');
  assert.equal((await verifyLedger(t.handle.db)).problem, undefined);

  const listed = (await company.get(`/api/v1/finance/estates/${estateId}/bills?period=${PERIOD}&unpaid=true`)).json();
  assert.equal(listed.amountFen, total);
  const mine = (await resident.get('/api/v1/me/bills')).json().items;
  assert.ok(mine.length >= 1, 'the owner sees their bill');
  assert.ok(mine.every((b: { period: string }) => b.period === PERIOD));
});

test('a re-run of the period adds nothing; a run that fails half-way and is run again loses and doubles nothing', async () => {
  const before = await bills();
  const entries = async () =>
    Number(
      (
        await t.handle.db
          .selectFrom('journal_entries')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const n = await entries();
  const again = await runBills();
  assert.equal(again.status, 'succeeded');
  assert.equal((await bills()).length, before.length);
  assert.equal(await entries(), n, 'no second booking');

  // A new item, and the database failing in the middle of the estate's run: nothing of it stays.
  await company.post(`/api/v1/finance/estates/${estateId}/fee-items`, {
    name: '公共能耗分摊',
    basis: 'area_month',
    priceFen: 12,
  });
  await sql`CREATE FUNCTION fail_bill() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'disk full'; END $$`.execute(t.handle.db);
  await sql`CREATE TRIGGER fail_bill BEFORE INSERT ON journal_entries FOR EACH ROW EXECUTE FUNCTION fail_bill()`.execute(
    t.handle.db,
  );
  const failed = await company.post('/api/v1/finance/bill-runs', { period: PERIOD, estateId });
  for (let i = 0; i < 3; i++) await t.worker.drain(); // every attempt fails
  const job = (await company.get(`/api/v1/jobs/${failed.json().jobId}`)).json();
  assert.notEqual(job.status, 'succeeded');
  assert.equal((await bills()).length, before.length, 'the bills raised before the failure were rolled back');
  await sql`DROP TRIGGER fail_bill ON journal_entries`.execute(t.handle.db);
  await sql`DROP FUNCTION fail_bill()`.execute(t.handle.db);

  const done = await runBills();
  assert.equal(done.status, 'succeeded');
  const after = await bills();
  const residences = after.filter((b) => b.price_fen === 12);
  assert.ok(residences.length > 0);
  assert.equal(after.length, before.length + residences.length, 'only the new item was added, once');
  assert.equal((await verifyLedger(t.handle.db)).problem, undefined);
});
