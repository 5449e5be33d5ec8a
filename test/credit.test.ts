import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clock } from '../src/kernel/clock.ts';
import { activeCompanies } from '../src/modules/registry/index.ts';
import { seedDemo } from '../src/modules/registry/seed/demo.ts';
import { isBarredFromTendering } from '../src/modules/supervision/index.ts';
import { company as company_ } from './factories/registry.ts';
import { type Client, startTestApp, type TestApp } from './helpers.ts';

/**
 * A whole year of 信用评价 through the API: records approved by a second person, an objection upheld before
 * publication, three quarters published, the ranking public, and the Chibi lists drawn after the third.
 */
let t: TestApp;
let city: Client;
let district: Client;
let company: Client;
let companies: { id: string; name: string }[];
const base = '/api/v1/supervision/credit';

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  city = await t.as('city.admin');
  district = await t.as('jiangnan.admin');
  company = await t.as('company.admin');
  // The demo has five companies; a city ranks more. Twelve in all, so the top and bottom five differ.
  for (const i of [...Array(7).keys()]) await company_(t.handle.db, { name: `测试物业${i + 1}有限公司` });
  companies = await activeCompanies(t.handle.db);
});
after(async () => {
  clock.reset();
  await t.close();
});

const own = () =>
  company
    .get('/api/v1/auth/me')
    .then((r) => r.json().bindings.find((b: { role: string }) => b.role === 'company_admin').scopeId);

test('records need a second person; a company objects to its own within the window; publication waits for the decision', async () => {
  assert.equal(companies.length, 12);
  clock.set(new Date('2026-03-10T02:00:00Z'));
  const mine = await own();
  const record = (companyId: string, item: string, onDate = '2026-03-05') =>
    city.post(`${base}/records`, { companyId, item, onDate, evidence: '（2026）浙 0102 民初 123 号判决书' });
  assert.equal((await record(mine, 'no_such_item')).statusCode, 400);
  assert.equal(
    (
      await company.post(`${base}/records`, {
        companyId: mine,
        item: 'court_liable',
        onDate: '2026-03-05',
        evidence: 'x',
      })
    ).statusCode,
    403,
  );
  const r = (await record(mine, 'court_liable')).json();
  const decide = (c: Client, approve = true) => c.post(`${base}/records/${r.id}/decision`, { version: 1, approve });
  assert.equal((await decide(city)).statusCode, 403, 'not the one who entered it');
  assert.equal((await decide(district)).statusCode, 200);
  const listed = (await company.get(`/api/v1/supervision/companies/${mine}/credit-records`)).json();
  assert.deepEqual([listed[0].state, listed[0].points, listed[0].validUntil], ['approved', -500, '2027-03-05']);

  // Another company's record, in force for the first quarter only, so it cannot tie anyone later.
  const other = [...companies].reverse().find((c) => c.id !== mine) as { id: string };
  const theirs = (
    await city.post(`${base}/records`, {
      companyId: other.id,
      item: 'unauthorised_charge',
      onDate: '2026-03-05',
      validUntil: '2026-03-31',
      evidence: '价格主管部门认定书',
    })
  ).json();
  await district.post(`${base}/records/${theirs.id}/decision`, { version: 1, approve: true });
  const objectTheirs = await company.post(`${base}/records/${theirs.id}/objection`, { version: 2, reason: 'x' });
  assert.equal(objectTheirs.statusCode, 403, 'only its own records');
  const objection = await company.post(`${base}/records/${r.id}/objection`, { version: 2, reason: '判决已被二审撤销' });
  assert.equal(objection.statusCode, 200, objection.body);
  await setBases('2026Q1');
  clock.set(new Date('2026-04-01T02:00:00Z'));
  const blocked = await city.post(`${base}/periods/2026Q1/publish`);
  assert.equal(blocked.statusCode, 409);
  assert.match(blocked.json().detail, /1 项申诉未处理/);
  const upheld = await district.post(`${base}/records/${r.id}/objection-decision`, {
    version: 3,
    uphold: true,
    note: '二审改判',
  });
  assert.equal(upheld.statusCode, 200, upheld.body);

  clock.set(new Date('2026-04-03T02:00:00Z'));
  const late = await company.post(`${base}/records/${theirs.id}/objection`, { version: 2, reason: 'x' });
  assert.equal(late.statusCode, 403);
  const published = await city.post(`${base}/periods/2026Q1/publish`);
  assert.equal(published.statusCode, 201, published.body);
  assert.deepEqual([published.json().red, published.json().black], [[], []], 'one quarter draws no lists');
  const q1 = (await t.anonymous.get('/api/v1/public/credit/rankings/2026Q1')).json();
  const mineRow = q1.companies.find((c: { companyId: string }) => c.companyId === mine);
  const theirRow = q1.companies.find((c: { companyId: string }) => c.companyId === other.id);
  assert.equal(mineRow.total, scoreBase(mine), 'the upheld objection withdrew the record');
  assert.equal(theirRow.total, scoreBase(other.id) - 500);
  assert.equal((await city.post(`${base}/periods/2026Q1/publish`)).statusCode, 409, 'published once');
  const early = await city.post(`${base}/periods/2026Q2/publish`);
  assert.equal(early.statusCode, 409);
  assert.match(early.json().detail, /尚未结束/);
});

/** Base scores that order the companies: the first by name highest, each next 1 point lower. */
const scoreBase = (id: string) => 8000 - companies.findIndex((c) => c.id === id) * 100;
async function setBases(period: string, order = companies) {
  const res = await city.put(`${base}/bases/${period}`, {
    bases: order.map((c, i) => ({ companyId: c.id, points: 8000 - i * 100 })),
  });
  assert.equal(res.statusCode, 200, res.body);
}

test('after three quarters the top five go on the red list and the bottom five on the black list, barred from tendering', async () => {
  clock.set(new Date('2026-07-05T02:00:00Z'));
  await setBases('2026Q2');
  assert.equal((await city.post(`${base}/periods/2026Q2/publish`)).statusCode, 201);
  clock.set(new Date('2026-10-08T02:00:00Z'));
  // The fifth falls to sixth in the third quarter: it leaves the red list.
  const third = [...companies.slice(0, 4), companies[5], companies[4], ...companies.slice(6)];
  await setBases('2026Q3', third);
  const done = await city.post(`${base}/periods/2026Q3/publish`);
  assert.equal(done.statusCode, 201, done.body);
  const ids = (xs: { id: string }[]) => xs.map((c) => c.id).sort();
  assert.deepEqual(done.json().red, ids(companies.slice(0, 4)));
  const q1Score = (id: string) => scoreBase(id);
  const bottom = [...companies].sort((a, b) => q1Score(a.id) - q1Score(b.id)).slice(0, 5);
  assert.deepEqual(done.json().black, ids(bottom));
  const lists = (await t.anonymous.get('/api/v1/public/credit/lists')).json();
  assert.equal(lists.black.length, 5);
  assert.match(lists.black[0].reason, /连续 3 次评价位列后 5 名/);
  assert.deepEqual([lists.black[0].from, lists.black[0].until], ['2026-10-08', '2027-10-08']);
  const barred = bottom[0].id;
  assert.equal(await isBarredFromTendering(t.handle.db, barred, '2027-10-08'), true);
  assert.equal(await isBarredFromTendering(t.handle.db, barred, '2027-10-09'), false, 'a year, by Civil Code art. 202');
  assert.equal(await isBarredFromTendering(t.handle.db, companies[0].id, '2026-12-01'), false);
  assert.equal((await city.post(`${base}/periods/2026Q1/publish`)).statusCode, 409);

  // The portal, without a login: search, the profile with its history and sanction, an estate's progress.
  const found = (
    await t.anonymous.get(`/api/v1/public/companies?q=${encodeURIComponent(bottom[0].name.slice(0, 6))}`)
  ).json();
  const hit = found.find((c: { id: string }) => c.id === barred);
  assert.equal(hit.latest.period, '2026Q3');
  assert.equal(hit.sanctions[0].kind, 'black');
  const profile = (await t.anonymous.get(`/api/v1/public/companies/${barred}`)).json();
  assert.deepEqual(
    profile.history.map((h: { period: string }) => h.period),
    ['2026Q3', '2026Q2', '2026Q1'],
  );
  assert.equal(profile.sanctions.length, 1);
  const estates = await t.handle.db.selectFrom('estates').select('id').limit(1).execute();
  const progress = (await t.anonymous.get(`/api/v1/public/estates/${estates[0].id}/rectification`)).json();
  assert.deepEqual([progress.found, progress.rateBp], [0, null]);
});
