import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clock } from '../src/kernel/clock.ts';
import { estatePlace } from '../src/modules/registry/index.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { everyoneVotes } from './factories/ballots.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

/**
 * 物业服务费的形成: the city's cap, the company's quote, the owners' counter-offer, the owners' vote on a price
 * between the two, and the fee item the bills then use.
 */
let t: TestApp;
let company: Client;
let committee: Client;
let estateId: string;
const DAY = 86_400_000;

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  company = await t.as('company.admin');
  committee = await t.as('committee.member');
  const resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  estateId = (await resident.get('/api/v1/me/units')).json()[0].estateId;
  const { serviceGrade } = await estatePlace(t.handle.db, estateId);
  const city = await t.as('city.admin');
  const cap = await city.put(`/api/v1/finance/fee-caps/${serviceGrade}`, { capFen: 250, version: 0 });
  assert.equal(cap.statusCode, 200, cap.body);
  const rules = (await committee.get(`/api/v1/voting/rules/${estateId}`)).json();
  await committee.put(`/api/v1/voting/rules/${estateId}`, { ...rules, estateId: undefined, noticeDays: 0 });
});
after(async () => {
  clock.reset();
  await t.close();
});

/** Announce, vote, close and publish a matter under the test clock. */
async function runVote(matterId: string, opens: Date, choice: 'agree' | 'oppose') {
  assert.equal((await committee.post(`/api/v1/voting/matters/${matterId}/announce`, { version: 1 })).statusCode, 200);
  clock.set(new Date(opens.getTime() + 1000));
  await everyoneVotes(t.handle.db, matterId, choice);
  clock.set(new Date(opens.getTime() + 2 * DAY));
  for (const step of ['close', 'publish']) {
    const v = (await committee.get(`/api/v1/voting/matters/${matterId}`)).json().version;
    const res = await committee.post(`/api/v1/voting/matters/${matterId}/${step}`, { version: v });
    assert.equal(res.statusCode, 200, res.body);
  }
  clock.reset();
}

/** A voting window opening in a minute: its start, and the body fields that name it. */
const window = () => {
  const opens = new Date(clock.nowMs() + 60_000);
  return { opens, at: { opensAt: opens.toISOString(), closesAt: new Date(opens.getTime() + DAY).toISOString() } };
};

test('quote within the cap, counter-offer, a vote on a price between them; passed, it becomes the service fee', async () => {
  const list = `/api/v1/finance/estates/${estateId}/price-proposals`;
  const above = await company.post(list, { quoteFen: 251, note: '人工成本上涨' });
  assert.equal(above.statusCode, 400);
  assert.match(above.json().detail, /政府指导价上限 2\.50 元/);
  assert.equal((await committee.post(list, { quoteFen: 200, note: 'x' })).statusCode, 403, 'the company quotes');
  const quoted = await company.post(list, { quoteFen: 240, note: '保安 12 人、保洁 8 人，人工成本上涨 8%' });
  assert.equal(quoted.statusCode, 201, quoted.body);
  let p = quoted.json();
  assert.deepEqual([p.state, p.capFen, p.quoteFen], ['quoted', 250, 240]);
  assert.equal((await company.post(list, { quoteFen: 230, note: 'again' })).statusCode, 409, 'one open at a time');

  const base = `/api/v1/finance/price-proposals/${p.id}`;
  const counter = (counterFen: number) =>
    committee.post(`${base}/counter`, { version: p.version, counterFen, note: '对标周边同档小区' });
  assert.equal((await counter(241)).statusCode, 400, 'no higher than the quote');
  assert.equal((await company.post(`${base}/counter`, { version: 1, counterFen: 200, note: 'x' })).statusCode, 403);
  p = (await counter(200)).json();
  assert.equal(p.state, 'countered');

  const w = window();
  const out = await committee.post(`${base}/vote`, { version: p.version, agreedFen: 199, ...w.at });
  assert.equal(out.statusCode, 400);
  assert.match(out.json().detail, /2\.00 元与企业报价 2\.40 元之间/);
  const voting = await committee.post(`${base}/vote`, { version: p.version, agreedFen: 220, ...w.at });
  assert.equal(voting.statusCode, 200, voting.body);
  p = voting.json();
  const matter = (await committee.get(`/api/v1/voting/matters/${p.matterId}`)).json();
  assert.equal(matter.item, 9);
  assert.match(matter.title, /2\.20 元/);
  assert.match(matter.body, /报价：2\.40.*\n.*还价：2\.00/s);
  assert.equal((await company.post(`${base}/settle`, { version: p.version })).statusCode, 409, 'not before the result');
  const seen = (await company.get(list)).json()[0];
  assert.deepEqual(seen.vote, { phase: 'draft', outcome: null, final: false }, 'the company follows the vote');

  await runVote(p.matterId, w.opens, 'agree');
  const settled = await company.post(`${base}/settle`, { version: p.version });
  assert.equal(settled.statusCode, 200, settled.body);
  p = settled.json();
  assert.equal(p.state, 'agreed');
  const items = (await company.get(`/api/v1/finance/estates/${estateId}/fee-items`)).json();
  const fee = items.find((i: { id: string }) => i.id === p.feeItemId);
  assert.deepEqual([fee.name, fee.priceFen, fee.serviceFee, fee.basis], ['物业服务费', 220, true, 'area_month']);
  const audit = await t.handle.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', p.id)
    .orderBy('at')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['price.quote', 'price.counter', 'price.vote', 'price.settle'],
  );
});

test('a new quote reprices the existing service fee only if the owners pass it; rejected, the fee stays', async () => {
  const list = `/api/v1/finance/estates/${estateId}/price-proposals`;
  let p = (await company.post(list, { quoteFen: 250, note: '再次调价' })).json();
  const base = `/api/v1/finance/price-proposals/${p.id}`;
  p = (await committee.post(`${base}/counter`, { version: p.version, counterFen: 230, note: '不同意' })).json();
  const w = window();
  p = (await committee.post(`${base}/vote`, { version: p.version, agreedFen: 240, ...w.at })).json();
  await runVote(p.matterId, w.opens, 'oppose');
  p = (await committee.post(`${base}/settle`, { version: p.version })).json();
  assert.equal(p.state, 'rejected');
  const items = (await company.get(`/api/v1/finance/estates/${estateId}/fee-items`)).json();
  assert.deepEqual(
    items.filter((i: { serviceFee: boolean }) => i.serviceFee).map((i: { priceFen: number }) => i.priceFen),
    [220],
  );
  const history = (await committee.get(list)).json();
  assert.deepEqual(
    history.map((x: { state: string }) => x.state),
    ['rejected', 'agreed'],
  );
  const again = await company.post(list, { quoteFen: 230, note: '重新报价' });
  assert.equal(again.statusCode, 201, 'a settled negotiation no longer blocks a new quote');
  const w2 = await company.post(`/api/v1/finance/price-proposals/${again.json().id}/withdraw`, { version: 1 });
  assert.equal(w2.json().state, 'withdrawn');
});
