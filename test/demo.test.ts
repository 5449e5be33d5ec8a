import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedFinanceDemo } from '../src/modules/finance/index.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { seedSupervisionDemo } from '../src/modules/supervision/index.ts';
import { seedVotingDemo } from '../src/modules/voting/index.ts';
import { seedWorkorderDemo } from '../src/modules/workorders/index.ts';
import { residentLogin, startTestApp, type TestApp } from './helpers.ts';

/** What `npm start` seeds: every area has something to show and try on first start. */
let t: TestApp;
before(async () => {
  t = await startTestApp({
    seed: async (h) => {
      await seedDemo(h.db);
      await seedWorkorderDemo(h.db);
      await seedVotingDemo(h.db);
      await seedFinanceDemo(h.db);
      await seedSupervisionDemo(h.db);
    },
  });
});
after(() => t.close());

test('the demo city has tickets at each desk, a vote the resident can cast now, and an announced election', async () => {
  const admin = await t.as('company.admin');
  assert.ok((await admin.get('/api/v1/workorders/tickets')).json().items.length >= 5);

  const resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  const matters = (await resident.get('/api/v1/voting/matters')).json().items;
  const open = matters.find((m: { phase: string }) => m.phase === 'open');
  const election = matters.find((m: { item: number }) => m.item === 3);
  assert.ok(open, 'a vote is open');
  assert.equal(open.estate, '锦绣花园', 'the list names the estate');
  assert.equal(election.phase, 'announced');
  assert.equal((await resident.get(`/api/v1/voting/matters/${election.id}`)).json().candidates.length, 6);
  const cast = await resident.post(`/api/v1/voting/matters/${open.id}/ballots`, { choice: 'agree' });
  assert.equal(cast.statusCode, 201, cast.body);
  assert.equal(await seedVotingDemo(t.handle.db), 0, 'seeding again adds nothing');

  const bills = (await resident.get('/api/v1/me/bills')).json().items;
  assert.ok(bills.length >= 2, 'last month’s and this month’s bills to pay');
  const fund = (await resident.get('/api/v1/me/fund')).json();
  assert.ok(fund[0].balanceFen > 0, 'the resident’s building has its maintenance fund deposited');
  const estateId = fund[0].estateId ?? (await resident.get('/api/v1/me/units')).json()[0].estateId;
  const now = new Date(Date.now() + 8 * 3_600_000);
  const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  const disclosed = await t.anonymous.get(
    `/api/v1/public/estates/${estateId}/public-revenue?year=${now.getUTCFullYear()}&quarter=${quarter}`,
  );
  assert.equal(disclosed.json().incomes.length, 2, 'public revenue to disclose');
  const committee = await t.as('committee.member');
  const prices = (await committee.get(`/api/v1/finance/estates/${estateId}/price-proposals`)).json();
  assert.equal(prices[0].state, 'quoted', 'a quote awaiting the owners’ counter-offer');
  assert.equal(await seedFinanceDemo(t.handle.db), 0);
});

test('the demo has last quarter’s credit ranking published, an inspection to fill in and a dispute to mediate', async () => {
  const periods = (await t.anonymous.get('/api/v1/public/credit/periods')).json();
  assert.equal(periods.length, 1);
  const ranking = (await t.anonymous.get(`/api/v1/public/credit/rankings/${periods[0].period}`)).json();
  assert.equal(ranking.companies.length, 5);
  assert.deepEqual(
    ranking.companies.map((c: { rank: number }) => c.rank),
    [1, 2, 3, 4, 5],
  );
  const street = await t.as('wangjiang.street');
  const mine = (await street.get('/api/v1/supervision/my-inspections')).json();
  assert.deepEqual([mine.length, mine[0].state, mine[0].estate], [1, 'assigned', '锦绣花园']);
  const community = await t.as('wangjiang.community');
  const ledger = (await community.get('/api/v1/mediation/disputes')).json().items;
  assert.deepEqual([ledger.length, ledger[0].kind, ledger[0].level], [1, 'fees', 'community']);
  assert.equal(await seedSupervisionDemo(t.handle.db), 0, 'seeding again adds nothing');
});
