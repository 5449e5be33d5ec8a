import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clock } from '../src/kernel/clock.ts';
import { apportion, verifyLedger } from '../src/modules/finance/index.ts';
import { effectiveArea, votingUnits } from '../src/modules/registry/index.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { everyoneVotes } from './factories/ballots.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let city: Client;
let committee: Client;
let resident: Client;
let estateId: string;
let buildingId: string;
let units: Awaited<ReturnType<typeof votingUnits>>;
const DAY = 86_400_000;
const RATE = 5000; // 50 元 per m²

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  city = await t.as('city.admin');
  committee = await t.as('committee.member');
  resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  const mine = (await resident.get('/api/v1/me/units')).json()[0];
  estateId = mine.estateId;
  const all = await votingUnits(t.handle.db, estateId);
  buildingId = all.find((u) => u.unitId === mine.id)?.buildingId as string;
  units = all.filter((u) => u.buildingId === buildingId);
  const rules = (await committee.get(`/api/v1/voting/rules/${estateId}`)).json();
  await committee.put(`/api/v1/voting/rules/${estateId}`, { ...rules, estateId: undefined, noticeDays: 0 });
});
after(async () => {
  clock.reset();
  await t.close();
});

const fundOf = async (unitId: string) => {
  const a = await t.handle.db
    .selectFrom('ledger_accounts')
    .select('balance')
    .where('unit_id', '=', unitId)
    .where('code', '=', 'fund_unit')
    .executeTakeFirst();
  return -Number(a?.balance ?? 0);
};

test('deposits: area × the city rate into each unit’s sub-account, once per unit, a voucher once', async () => {
  const street = await t.as('wangjiang.street');
  assert.equal(
    (await street.put('/api/v1/finance/fund-rates/residence', { rateFen: RATE, version: 0 })).statusCode,
    403,
  );
  assert.equal((await city.put('/api/v1/finance/fund-rates/residence', { rateFen: RATE, version: 0 })).statusCode, 200);
  for (const [i, u] of units.entries()) {
    const res = await city.post('/api/v1/finance/fund-deposits', {
      unitId: u.unitId,
      kind: 'initial',
      voucher: `JC${i}`,
    });
    assert.equal(res.statusCode, 201, res.body);
    const area = Number(effectiveArea(u).area);
    assert.equal(res.json().amountFen, Math.round((area * RATE) / 100));
  }
  const again = await city.post('/api/v1/finance/fund-deposits', {
    unitId: units[0].unitId,
    kind: 'initial',
    voucher: 'JC0',
  });
  assert.equal(again.json().replayed, true, 'the same voucher is the same deposit');
  const second = await city.post('/api/v1/finance/fund-deposits', {
    unitId: units[0].unitId,
    kind: 'initial',
    voucher: 'JC-X',
  });
  assert.equal(second.statusCode, 409, 'one initial deposit per unit');
  const fund = (await committee.get(`/api/v1/finance/estates/${estateId}/fund`)).json();
  assert.equal(fund.deposited, units.length);
});

test('a use: apportioned to the fen, approved by the owners in scope, contracted, accepted, paid out of each share', async () => {
  const total = (await Promise.all(units.map((u) => fundOf(u.unitId)))).reduce((s, b) => s + b, 0);
  const budget = Math.floor(total * 0.8) + 7; // leaves each unit about a fifth: below 30 %, a 续筹 notice
  const applied = await committee.post('/api/v1/finance/fund-applications', {
    estateId,
    project: '更换电梯主机',
    description: '电梯运行 18 年，主机老化，经检测需更换。',
    budgetFen: budget,
    scopeKind: 'buildings',
    scopeIds: [buildingId],
  });
  assert.equal(applied.statusCode, 201, applied.body);
  const app = applied.json();
  const expected = apportion(
    budget,
    units.map((u) => ({ id: u.unitId, area: Number(effectiveArea(u).area) })),
  );
  assert.deepEqual(
    Object.fromEntries(app.shares.map((s: { unitId: string; fen: number }) => [s.unitId, s.fen])),
    Object.fromEntries(expected.map((s) => [s.id, s.fen])),
  );
  assert.equal(
    app.shares.reduce((s: number, x: { fen: number }) => s + x.fen, 0),
    budget,
  );

  const path = `/api/v1/finance/fund-applications/${app.id}`;
  const early = await committee.post(`${path}/contract`, { version: 1, contractor: 'x', contractNo: 'x' });
  assert.equal(early.statusCode, 409, 'no contract before the owners approve');
  const opens = new Date(clock.nowMs() + 60_000);
  const voting = await committee.post(`${path}/vote`, {
    version: 1,
    opensAt: opens.toISOString(),
    closesAt: new Date(opens.getTime() + DAY).toISOString(),
  });
  assert.equal(voting.statusCode, 200, voting.body);
  const matterId = voting.json().matterId;
  const matter = (await committee.get(`/api/v1/voting/matters/${matterId}`)).json();
  assert.deepEqual([matter.item, matter.scopeKind], [5, 'buildings']);
  assert.equal((await committee.post(`/api/v1/voting/matters/${matterId}/announce`, { version: 1 })).statusCode, 200);
  // The owners of the building vote: all agree (written directly, as each would otherwise need a login).
  clock.set(new Date(opens.getTime() + 1000));
  await everyoneVotes(t.handle.db, matterId, 'agree');
  assert.equal((await committee.post(`${path}/decide`, { version: 2 })).statusCode, 409, 'not before the result');
  clock.set(new Date(opens.getTime() + 2 * DAY));
  for (const stepName of ['close', 'publish']) {
    const v = (await committee.get(`/api/v1/voting/matters/${matterId}`)).json().version;
    assert.equal(
      (await committee.post(`/api/v1/voting/matters/${matterId}/${stepName}`, { version: v })).statusCode,
      200,
    );
  }
  clock.reset();
  let a = (await committee.post(`${path}/decide`, { version: 2 })).json();
  assert.equal(a.state, 'approved');
  a = (
    await committee.post(`${path}/contract`, {
      version: a.version,
      contractor: '某电梯公司',
      contractNo: 'HT-2026-018',
    })
  ).json();
  a = (await committee.post(`${path}/acceptance`, { version: a.version, note: '经验收合格' })).json();
  assert.equal(a.state, 'accepted');
  const before = new Map(await Promise.all(units.map(async (u) => [u.unitId, await fundOf(u.unitId)] as const)));
  const paid = await committee.post(`${path}/disburse`, { version: a.version });
  assert.equal(paid.statusCode, 200, paid.body);
  for (const s of app.shares) assert.equal(await fundOf(s.unitId), (before.get(s.unitId) as number) - s.fen);
  const notices = await t.handle.db
    .selectFrom('notifications')
    .select('body')
    .where('template', '=', 'finance.redeposit_notice')
    .execute();
  assert.ok(notices.length > 0, 'owners below 30 % are told to top up');
  const mine = (await resident.get('/api/v1/me/fund')).json();
  const home = mine.find((m: { history: unknown[] }) => m.history.length === 2);
  assert.ok(home, 'the owner sees the deposit and the use');
  assert.equal(home.low, true);
  assert.equal((await verifyLedger(t.handle.db)).problem, undefined);
});

test('an emergency is confirmed by the committee and paid at once; a share no sub-account covers is refused', async () => {
  const company = await t.as('company.admin');
  const one = units.slice(0, 2).map((u) => u.unitId);
  const big = await company.post('/api/v1/finance/fund-applications', {
    estateId,
    project: '屋面渗漏抢修',
    description: '顶层屋面大面积渗漏',
    budgetFen: 1_000_000_000,
    scopeKind: 'units',
    scopeIds: one,
    emergency: 'leak',
  });
  assert.equal(big.statusCode, 201, big.body);
  const path = `/api/v1/finance/fund-applications/${big.json().id}`;
  assert.equal(
    (await company.post(`${path}/confirm-emergency`, { version: 1 })).statusCode,
    403,
    'the company applies; the committee or the street office confirms',
  );
  assert.equal((await city.post(`${path}/confirm-emergency`, { version: 1 })).statusCode, 403, 'not the authority');
  assert.equal((await committee.post(`${path}/confirm-emergency`, { version: 1 })).statusCode, 200);
  const before = await Promise.all(one.map(fundOf));
  const refused = await committee.post(`${path}/disburse`, { version: 2 });
  assert.equal(refused.statusCode, 409);
  assert.match(refused.json().detail, /2 户分户账余额不足/);
  assert.ok(
    units.slice(0, 2).every((u) => refused.json().detail.includes(u.label)),
    'naming the units',
  );
  assert.deepEqual(await Promise.all(one.map(fundOf)), before, 'nothing moved');

  const small = (
    await company.post('/api/v1/finance/fund-applications', {
      estateId,
      project: '消防水泵应急更换',
      description: '消防水泵损坏',
      budgetFen: 1_001,
      scopeKind: 'units',
      scopeIds: one,
      emergency: 'fire',
    })
  ).json();
  const sp = `/api/v1/finance/fund-applications/${small.id}`;
  assert.equal((await committee.post(`${sp}/confirm-emergency`, { version: 1 })).statusCode, 200);
  const done = await committee.post(`${sp}/disburse`, { version: 2 });
  assert.equal(done.json().state, 'disbursed');
  const after = await Promise.all(one.map(fundOf));
  assert.equal(before[0] + before[1] - after[0] - after[1], 1_001, 'to the fen');
  assert.equal((await verifyLedger(t.handle.db)).problem, undefined);
});

test('the regulator sees every estate’s fund; the authority hands it over to the assembly once, where one exists', async () => {
  const overview = (await city.get('/api/v1/finance/fund-overview')).json();
  const mine = overview.estates.find((e: { estateId: string }) => e.estateId === estateId);
  assert.equal(mine.deposited, units.length);
  assert.equal(mine.custodian, 'authority');
  assert.ok(mine.totalFen > 0);
  assert.equal(
    overview.totalFen,
    overview.estates.reduce((s: number, e: { totalFen: number }) => s + e.totalFen, 0),
  );
  const xlsx = await city.get('/api/v1/finance/fund-overview?format=xlsx');
  assert.equal(xlsx.statusCode, 200);
  assert.match(String(xlsx.headers['content-disposition']), /xlsx/);
  const ledger = (
    await committee.get(`/api/v1/finance/estates/${estateId}/fund/units?buildingId=${buildingId}`)
  ).json();
  assert.equal(ledger.length, units.length);
  assert.ok(ledger.every((u: { initialFen: number | null }) => u.initialFen !== null));
  assert.equal(
    ledger.reduce((sum: number, u: { balanceFen: number }) => sum + u.balanceFen, 0),
    (await Promise.all(units.map((u) => fundOf(u.unitId)))).reduce((a, b) => a + b, 0),
  );
  const sheet = await committee.get(`/api/v1/finance/estates/${estateId}/fund/units?format=xlsx`);
  assert.equal(sheet.statusCode, 200);
  assert.match(String(sheet.headers['content-disposition']), /xlsx/);
  const street = await t.as('wangjiang.street');
  const streetView = (await street.get('/api/v1/finance/fund-overview')).json();
  assert.ok(streetView.estates.length < overview.estates.length, 'a street sees its own estates only');
  assert.equal((await (await t.as('company.admin')).get('/api/v1/finance/fund-overview')).statusCode, 403);

  const committees = await t.handle.db
    .selectFrom('committees')
    .select('estate_id')
    .where('status', '=', 'active')
    .execute();
  const committeeEstates = new Set(committees.map((r) => r.estate_id));
  const handover = { resolution: '2026年第1次业主大会决议', account: '业主大会专户 6222 0000 1234' };
  assert.equal((await street.post(`/api/v1/finance/estates/${estateId}/fund-custody`, handover)).statusCode, 403);
  const withoutCommittee = overview.estates.find(
    (e: { estateId: string }) => e.estateId !== estateId && !committeeEstates.has(e.estateId),
  );
  const none = await city.post(`/api/v1/finance/estates/${withoutCommittee.estateId}/fund-custody`, handover);
  assert.equal(none.statusCode, 409);
  assert.match(none.json().detail, /业主委员会/);
  const done = await city.post(`/api/v1/finance/estates/${estateId}/fund-custody`, handover);
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().custodian, 'assembly');
  assert.equal(done.json().account, handover.account);
  assert.equal((await city.post(`/api/v1/finance/estates/${estateId}/fund-custody`, handover)).statusCode, 409);
  const uses = (await committee.get(`/api/v1/finance/fund-applications?estateId=${estateId}`)).json();
  assert.deepEqual(uses.map((u: { state: string }) => u.state).sort(), ['approved', 'disbursed', 'disbursed']);
  const after = (await city.get('/api/v1/finance/fund-overview')).json();
  assert.equal(after.estates.find((e: { estateId: string }) => e.estateId === estateId).custodian, 'assembly');
});
