import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clock } from '../src/kernel/clock.ts';
import { seedDemo } from '../src/modules/registry/seed/demo.ts';
import { ZERO } from '../src/modules/workorders/metrics.ts';
import { estate } from './factories/registry.ts';
import { type Client, startTestApp, type TestApp } from './helpers.ts';

/**
 * The rest of 信用评价 through the API: records drawn from a quarter's work-order figures, project managers
 * evaluated on the records that name them, the district ranking, the authorities' work list and read-backs, and
 * estates' star ratings where the city uses them.
 */
let t: TestApp;
let city: Client;
let district: Client;
let company: Client;
const base = '/api/v1/supervision/credit';
type Estate = { id: string; company_id: string; region_path: string };
let estates: Estate[];

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  city = await t.as('city.admin');
  district = await t.as('jiangnan.admin');
  company = await t.as('company.admin');
  // A sixth company, serving one estate outside 江南区 only.
  const jiangnan = await t.handle.db
    .selectFrom('regions')
    .select('path')
    .where('name', '=', '江南区')
    .executeTakeFirstOrThrow();
  const community = await t.handle.db
    .selectFrom('regions')
    .select(['id', 'path'])
    .where('level', '=', 'community')
    .where('path', 'not like', `${jiangnan.path}%`)
    .executeTakeFirstOrThrow();
  await estate(t.handle.db, { community, name: '江北新苑' });
  estates = (await t.handle.db
    .selectFrom('estates')
    .select(['id', 'company_id', 'region_path'])
    .where('company_id', 'is not', null)
    .orderBy('code')
    .execute()) as Estate[];
});
after(async () => {
  clock.reset();
  await t.close();
});

/** A quarter's work-order figures for one estate, as the work-order module's rollups keep them. */
async function figures(e: Estate, month: string, c: { due: number; onTime: number; rated: number; satisfied: number }) {
  await t.handle.db
    .insertInto('ticket_rollups')
    .values({
      ...ZERO,
      month,
      estate_id: e.id,
      company_id: e.company_id,
      department_id: null,
      region_path: e.region_path,
      tickets: Math.max(c.due, c.rated),
      due: c.due,
      on_time: c.onTime,
      rated: c.rated,
      satisfied: c.satisfied,
    })
    .execute();
}

test('a quarter’s work-order figures become pending records, once; project managers are scored on theirs', async () => {
  clock.set(new Date('2026-06-20T02:00:00Z'));
  const byCompany = new Map<string, Estate>();
  for (const e of estates) if (!byCompany.has(e.company_id)) byCompany.set(e.company_id, e);
  const [late, excellent, quiet] = [...byCompany.values()];
  // Two months of the late company: 100 due, 89 on time (89 %) overall, satisfaction 90 %.
  await figures(late, '2026-04-01', { due: 60, onTime: 55, rated: 50, satisfied: 45 });
  await figures(late, '2026-06-01', { due: 40, onTime: 34, rated: 50, satisfied: 45 });
  await figures(excellent, '2026-05-01', { due: 50, onTime: 49, rated: 50, satisfied: 50 });
  await figures(quiet, '2026-05-01', { due: 5, onTime: 0, rated: 5, satisfied: 0 });
  await figures(late, '2026-07-01', { due: 500, onTime: 0, rated: 0, satisfied: 0 }); // another quarter

  const early = await city.post(`${base}/periods/2026Q2/workorder-records`);
  assert.equal(early.statusCode, 409, 'the quarter has not ended');
  clock.set(new Date('2026-07-02T02:00:00Z'));
  const drawn = await city.post(`${base}/periods/2026Q2/workorder-records`);
  assert.equal(drawn.statusCode, 200, drawn.body);
  assert.equal(drawn.json().recorded, 2);
  assert.equal((await city.post(`${base}/periods/2026Q2/workorder-records`)).json().recorded, 0, 'made once');
  assert.equal((await company.post(`${base}/periods/2026Q2/workorder-records`)).statusCode, 403);

  const awaiting = (await district.get(`${base}/records/awaiting`)).json();
  const auto = awaiting.filter((r: { source: string }) => r.source === 'workorders');
  const byItem = (x: (string | number)[], y: (string | number)[]) => String(x[1]).localeCompare(String(y[1]));
  assert.deepEqual(
    auto
      .map((r: { companyId: string; item: string; points: number; onDate: string }) => [
        r.companyId,
        r.item,
        r.points,
        r.onDate,
      ])
      .sort(byItem),
    [
      [excellent.company_id, 'workorder_excellent', 100, '2026-06-30'],
      [late.company_id, 'workorder_on_time_low', -200, '2026-06-30'],
    ],
    'the quiet company (5 tickets) is not judged; 89 % on time is low; 98 % is excellent',
  );
  assert.match(
    auto.find((r: { item: string }) => r.item === 'workorder_on_time_low').evidence,
    /按时办结 89\/100（89\.00%）/,
  );
  for (const r of auto) {
    const ok = await district.post(`${base}/records/${r.id}/decision`, { version: r.version, approve: true });
    assert.equal(ok.statusCode, 200, 'a system record is approved by a person');
  }

  // A record about the company's project manager.
  const me = (await company.get('/api/v1/auth/me')).json();
  const mine = me.bindings.find((b: { role: string }) => b.role === 'company_admin').scopeId;
  const staff = await t.handle.db
    .selectFrom('staff')
    .select(['id', 'company_id', 'name'])
    .where('position', '=', 'project_manager')
    .execute();
  const pm = staff.find((s) => s.company_id === mine) as { id: string; name: string };
  const stranger = staff.find((s) => s.company_id !== mine) as { id: string };
  const record = (staffId: string) =>
    city.post(`${base}/records`, {
      companyId: mine,
      staffId,
      item: 'unauthorised_charge',
      onDate: '2026-05-10',
      evidence: '擅自收取装修押金',
    });
  const wrong = await record(stranger.id);
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.json().detail, /不是该企业的员工/);
  const r = (await record(pm.id)).json();
  await district.post(`${base}/records/${r.id}/decision`, { version: 1, approve: true });

  await city.put(`${base}/bases/2026Q2`, { bases: [{ companyId: mine, points: 7800, note: '资质齐全' }] });
  const bases = (await district.get(`${base}/bases/2026Q2`)).json();
  assert.deepEqual(
    bases.map((b: { companyId: string; points: number; note: string }) => [b.companyId, b.points, b.note]),
    [[mine, 7800, '资质齐全']],
  );
  const published = await city.post(`${base}/periods/2026Q2/publish`);
  assert.equal(published.statusCode, 201, published.body);
  assert.equal(published.json().managers, 1);
  const managers = (await company.get(`${base}/periods/2026Q2/managers`)).json();
  assert.deepEqual(
    managers.map((m: { name: string; total: number; grade: string }) => [m.name, m.total, m.grade]),
    [[pm.name, 9500, 'AAA']],
    '100 points less 5',
  );
  assert.equal((await city.get(`${base}/periods/2026Q2/managers`)).json().length, 1);
  assert.equal((await t.as('wangjiang.street').then((c) => c.get(`${base}/periods/2026Q2/managers`))).statusCode, 403);

  const ranking = (await t.anonymous.get('/api/v1/public/credit/rankings/2026Q2')).json();
  const total = (id: string) => ranking.companies.find((c: { companyId: string }) => c.companyId === id).total;
  const expected = new Map<string, number>([[mine, 7800 - 500]]);
  const add = (id: string, points: number) => expected.set(id, (expected.get(id) ?? 0) + points);
  add(excellent.company_id, 100);
  add(late.company_id, -200);
  for (const [id, points] of expected) assert.equal(total(id), points, 'base, the manager’s record, work orders');
});

test('the district ranking ranks the companies serving the district among themselves; quarters are listed', async () => {
  const periods = (await t.anonymous.get('/api/v1/public/credit/periods')).json();
  assert.deepEqual(
    periods.map((p: { period: string }) => p.period),
    ['2026Q2'],
  );
  const districts = (await t.anonymous.get('/api/v1/public/credit/districts')).json();
  assert.equal(districts.length, 2);
  const jiangnan = districts.find((d: { name: string }) => d.name === '江南区');
  const path = (
    await t.handle.db.selectFrom('regions').select('path').where('id', '=', jiangnan.id).executeTakeFirstOrThrow()
  ).path;
  const serving = new Set(estates.filter((e) => e.region_path.startsWith(path)).map((e) => e.company_id));
  const local = (await t.anonymous.get(`/api/v1/public/credit/rankings/2026Q2?district=${jiangnan.id}`)).json();
  assert.equal(local.district.name, '江南区');
  assert.deepEqual(new Set(local.companies.map((c: { companyId: string }) => c.companyId)), serving);
  const whole = (await t.anonymous.get('/api/v1/public/credit/rankings/2026Q2')).json();
  assert.deepEqual([serving.size, whole.companies.length], [5, 6], 'the sixth serves the other district only');
  local.companies.forEach((c: { rank: number; total: number; failed: boolean }, i: number) => {
    const prev = local.companies[i - 1];
    const tied = prev && prev.total === c.total && prev.failed === c.failed;
    assert.equal(c.rank, tied ? prev.rank : i + 1, 'ranked 1, 2, 2, 4 among themselves');
  });
  for (const c of local.companies)
    assert.equal(c.cityRank, whole.companies.find((x: { companyId: string }) => x.companyId === c.companyId).rank);
  const sheet = await t.anonymous.get(`/api/v1/public/credit/rankings/2026Q2?district=${jiangnan.id}&format=csv`);
  assert.match(sheet.headers['content-disposition'] as string, /filename\*=UTF-8''/);
  assert.match(sheet.body, /排名,全市排名,企业,得分,等级/);
  assert.equal(sheet.body.trim().split('\n').length, 1 + local.companies.length);
  const unknown = await t.anonymous.get(`/api/v1/public/credit/rankings/2026Q2?district=${estates[0].id}`);
  assert.equal(unknown.statusCode, 404);
});

test('star ratings only where the city uses them; public with the estate; revoked with a reason', async () => {
  const e = estates[0];
  const award = (c: Client, stars = 4) =>
    c.post('/api/v1/supervision/estate-stars', {
      estateId: e.id,
      stars,
      awardedOn: '2026-07-02',
      basis: '2026 年度物业服务星级评定',
    });
  const off = await city.post('/api/v1/supervision/estate-stars', {
    estateId: e.id,
    stars: 4,
    awardedOn: '2026-07-02',
    basis: 'x',
  });
  assert.equal(off.statusCode, 409);
  assert.match(off.json().detail, /未启用/);
  const settings = (await city.get(`${base}/settings`)).json();
  assert.equal(settings.starRatings, false);
  const saved = await city.put(`${base}/settings`, {
    scheme: settings.scheme,
    listRules: settings.listRules,
    objectionDays: settings.objectionDays,
    workorderRules: settings.workorderRules,
    starRatings: true,
    version: settings.version,
  });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.equal((await award(city, 6)).statusCode, 400);
  const given = await award(city);
  assert.equal(given.statusCode, 201, given.body);
  const found = (await t.anonymous.get(`/api/v1/public/estates?q=${encodeURIComponent(await nameOf(e.id))}`)).json();
  assert.deepEqual([found[0].id, found[0].stars.stars, found[0].stars.validUntil], [e.id, 4, '2027-07-02']);
  assert.equal((await t.anonymous.get(`/api/v1/public/estates/${e.id}/rectification`)).json().stars.stars, 4);
  // The authority's overview: the ratings in force, most stars first; a district sees its own estates only.
  const second = await city.post('/api/v1/supervision/estate-stars', {
    estateId: estates[1].id,
    stars: 5,
    awardedOn: '2026-07-02',
    basis: '2026 年度物业服务星级评定',
  });
  assert.equal(second.statusCode, 201, second.body);
  const overview = (await city.get('/api/v1/supervision/estate-stars')).json();
  assert.deepEqual(
    overview.items.map((r: { estateId: string; stars: number }) => [r.estateId, r.stars]),
    [
      [estates[1].id, 5],
      [e.id, 4],
    ],
  );
  assert.equal(overview.items[1].estate, await nameOf(e.id));
  const paged = (await city.get('/api/v1/supervision/estate-stars?limit=1')).json();
  assert.equal(
    (await city.get(`/api/v1/supervision/estate-stars?limit=1&cursor=${paged.nextCursor}`)).json().items[0].estateId,
    e.id,
  );
  const jiangnanPath = (
    await t.handle.db.selectFrom('regions').select('path').where('name', '=', '江南区').executeTakeFirstOrThrow()
  ).path;
  const inDistrict = new Set(estates.filter((x) => x.region_path.startsWith(jiangnanPath)).map((x) => x.id));
  const districtView = (await district.get('/api/v1/supervision/estate-stars')).json().items;
  assert.ok(districtView.every((r: { estateId: string }) => inDistrict.has(r.estateId)));
  assert.equal(districtView.length, [e.id, estates[1].id].filter((id) => inDistrict.has(id)).length);
  const revoked = await city.post(`/api/v1/supervision/estate-stars/${given.json().id}/revoke`, {
    reason: '发生较大安全责任事故',
  });
  assert.equal(revoked.statusCode, 200, revoked.body);
  assert.equal((await t.anonymous.get(`/api/v1/public/estates/${e.id}/rectification`)).json().stars, null);
  assert.deepEqual(
    (await city.get('/api/v1/supervision/estate-stars')).json().items.map((r: { estateId: string }) => r.estateId),
    [estates[1].id],
    'a revoked rating is no longer in force',
  );
  const history = (await city.get(`/api/v1/supervision/estates/${e.id}/stars`)).json();
  assert.deepEqual([history[0].stars, history[0].revokedReason], [4, '发生较大安全责任事故']);
  const jiangnan = await t.handle.db
    .selectFrom('regions')
    .select('path')
    .where('name', '=', '江南区')
    .executeTakeFirstOrThrow();
  const elsewhere = estates.find((x) => !x.region_path.startsWith(jiangnan.path)) as Estate;
  const other = await district.post('/api/v1/supervision/estate-stars', {
    estateId: elsewhere.id,
    stars: 3,
    awardedOn: '2026-07-02',
    basis: 'x',
  });
  assert.equal(other.statusCode, 403, 'a district rates only its own estates');
});

const nameOf = async (id: string) =>
  (await t.handle.db.selectFrom('estates').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
