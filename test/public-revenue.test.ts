import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { clock } from '../src/kernel/clock.ts';
import { verifyLedger } from '../src/modules/finance/index.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let company: Client;
let committee: Client;
let community: Client;
let estateId: string;
const base = '/api/v1/finance/public-revenue';
const DAY = 86_400_000;

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  company = await t.as('company.admin');
  committee = await t.as('committee.member');
  community = await t.as('wangjiang.community');
  const resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  estateId = (await resident.get('/api/v1/me/units')).json()[0].estateId;
});
after(async () => {
  clock.reset();
  await t.close();
});

const income = (body: Record<string, unknown>) =>
  company.post(`${base}/incomes`, {
    estateId,
    source: 'parking',
    description: '临时停车费',
    grossFen: 1_000_000,
    costFen: 300_000,
    evidence: '停车收费月报 2026-10',
    receivedOn: '2026-10-31',
    ...body,
  });

test('income with evidence: the company keeps its agreed share, the owners’ account gets the rest, once', async () => {
  const r = await income({});
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().netFen, 700_000);
  assert.equal((await income({})).statusCode, 409, 'the same evidence and date is recorded once');
  assert.equal(
    (await income({ evidence: '广告合同 GG-7', source: 'advertising', costFen: 1_000_000 })).statusCode,
    400,
  );
  assert.equal(
    (
      await income({
        evidence: '广告合同 GG-7',
        source: 'advertising',
        grossFen: 240_000,
        costFen: 0,
        receivedOn: '2026-11-05',
      })
    ).statusCode,
    201,
  );
  assert.equal((await committee.post(`${base}/incomes`, {})).statusCode, 403, 'the company collects');
});

test('spending: approved, on 公示 for its period, co-signed in a co-managed account, then paid; never more than there is', async () => {
  const s = await community.put(`${base}/settings/${estateId}`, { coManaged: true, publicityDays: 5, version: 0 });
  assert.equal(s.statusCode, 200, s.body);
  const none = await committee.post(`${base}/spendings`, {
    estateId,
    item: '健身器材',
    description: 'x',
    amountFen: 100,
  });
  assert.equal(none.statusCode, 400, 'no approval, no spending');
  const spend = (amountFen: number, item = '更换健身器材') =>
    committee.post(`${base}/spendings`, {
      estateId,
      item,
      description: '小区广场健身器材老化更换',
      amountFen,
      resolution: '业委会 2026 年第 5 次会议决议',
    });
  const unruled = await spend(250_000);
  assert.equal(unruled.statusCode, 400, 'the rules do not yet let the committee decide alone');
  assert.match(unruled.json().detail, /议事规则只允许业主委员会决定 0\.00 元以内/);
  const rules = (await committee.get(`/api/v1/voting/rules/${estateId}`)).json();
  const saved = await committee.put(`/api/v1/voting/rules/${estateId}`, {
    ...rules,
    estateId: undefined,
    committeeSpendLimitFen: 1_000_000,
  });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal((await spend(1_000_001)).statusCode, 400, 'above the committee’s limit');
  const p = await committee.post(`${base}/spendings`, {
    estateId,
    item: '更换健身器材',
    description: '小区广场健身器材老化更换',
    amountFen: 250_000,
    resolution: '业委会 2026 年第 5 次会议决议',
  });
  assert.equal(p.statusCode, 201, p.body);
  const { id } = p.json();
  const early = await committee.post(`${base}/spendings/${id}/pay`, { version: 1 });
  assert.equal(early.statusCode, 409);
  assert.match(early.json().detail, /公示期至/);
  clock.set(new Date(clock.nowMs() + 6 * DAY));
  const unsigned = await committee.post(`${base}/spendings/${id}/pay`, { version: 1 });
  assert.match(unsigned.json().detail, /社区会签/);
  assert.equal((await committee.post(`${base}/spendings/${id}/cosign`)).statusCode, 403, 'only the community co-signs');
  assert.equal((await community.post(`${base}/spendings/${id}/cosign`)).statusCode, 200);
  const paid = await committee.post(`${base}/spendings/${id}/pay`, { version: 2 });
  assert.equal(paid.statusCode, 200, paid.body);

  const pending = (await spend(400_000, '绿化补种')).json();
  const tooMuch = await spend(940_000 - 250_000 - 400_000 + 1, '大修');
  assert.equal(tooMuch.statusCode, 409, 'more than the account holds less what is on 公示');
  assert.match(tooMuch.json().detail, /可用余额 2900\.00 元/);
  const cancel = (version: number) =>
    committee.post(`${base}/spendings/${pending.id}/cancel`, { version, reason: '方案调整' });
  assert.equal((await cancel(9)).statusCode, 409, 'a stale version');
  assert.equal((await cancel(1)).json().state, 'cancelled');
  assert.equal((await cancel(2)).statusCode, 409, 'once');
  assert.equal((await spend(690_000, '大修')).statusCode, 201, 'the cancelled spending no longer holds money back');
  clock.reset();
  assert.equal((await verifyLedger(t.handle.db)).problem, undefined);
});

test('the quarterly disclosure is public and downloadable; half the year’s surplus moves into the fund by area', async () => {
  const q4 = await t.anonymous.get(`/api/v1/public/estates/${estateId}/public-revenue?year=2026&quarter=4`);
  assert.equal(q4.statusCode, 200, q4.body);
  const s = q4.json();
  assert.equal(s.incomeNetFen, 700_000 + 240_000);
  assert.deepEqual(s.bySource, { parking: 700_000, advertising: 240_000 });
  assert.equal(s.openingFen, 0);
  const spent = s.spendings.reduce((sum: number, x: { amountFen: number }) => sum + x.amountFen, 0);
  assert.equal(s.closingFen, 940_000 - spent);
  const xlsx = await t.anonymous.get(
    `/api/v1/public/estates/${estateId}/public-revenue?year=2026&quarter=4&format=xlsx`,
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const rows = wb.worksheets[0].getSheetValues().filter(Boolean);
  assert.equal(rows.length, 1 + s.incomes.length + s.spendings.length, 'a header and a line per movement');

  const early = await committee.post(`${base}/transfer-to-fund`, { estateId, year: 2026, percent: 50 });
  assert.equal(early.statusCode, 409, 'not before the year is over');
  clock.set(new Date('2027-01-05T02:00:00Z'));
  const low = await committee.post(`${base}/transfer-to-fund`, { estateId, year: 2026, percent: 40 });
  assert.equal(low.statusCode, 400, 'at least half');
  const moved = await committee.post(`${base}/transfer-to-fund`, { estateId, year: 2026, percent: 50 });
  assert.equal(moved.statusCode, 201, moved.body);
  assert.equal(moved.json().amountFen, Math.floor((940_000 - spent) / 2));
  const fundUnits = await t.handle.db
    .selectFrom('ledger_accounts')
    .select('balance')
    .where('estate_id', '=', estateId)
    .where('code', '=', 'fund_unit')
    .execute();
  assert.equal(-fundUnits.reduce((sum, a) => sum + Number(a.balance), 0), moved.json().amountFen, 'to the fen');
  assert.equal(
    (await committee.post(`${base}/transfer-to-fund`, { estateId, year: 2026, percent: 50 })).statusCode,
    409,
  );
  const book = (await committee.get(`${base}/estates/${estateId}`)).json();
  assert.equal(book.balanceFen, 940_000 - spent - moved.json().amountFen, 'the owners’ account after the transfer');
  assert.equal(book.incomes.length, s.incomes.length);
  assert.ok(book.spendings.every((x: { state: string }) => ['publicized', 'paid', 'cancelled'].includes(x.state)));
  assert.equal((await verifyLedger(t.handle.db)).problem, undefined);
});
