import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

/** 三级调解 and 诉调对接 through the API: community → street → district, then the court. */
let t: TestApp;
let community: Client;
let street: Client;
let district: Client;
let city: Client;
let estateId: string;
const base = '/api/v1/mediation/disputes';

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  community = await t.as('wangjiang.community');
  street = await t.as('wangjiang.street');
  district = await t.as('jiangnan.admin');
  city = await t.as('city.admin');
  const resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  estateId = (await resident.get('/api/v1/me/units')).json()[0].estateId;
});
after(() => t.close());

const dispute = (c: Client, kind = 'fees') =>
  c.post(base, {
    estateId,
    kind,
    applicant: '3栋 1201 业主',
    respondent: '某物业服务有限公司',
    claims: '物业费上调未经业主表决，要求按原标准收取',
  });

test('a dispute climbs the three levels; each level acts only while it holds it; the last cannot escalate', async () => {
  assert.equal((await (await t.as('company.admin')).post(base, {})).statusCode, 403);
  const opened = await dispute(community);
  assert.equal(opened.statusCode, 201, opened.body);
  let d = opened.json();
  assert.deepEqual([d.level, d.state], ['community', 'open']);
  const act = (c: Client, path: string, body: Record<string, unknown>) =>
    c.post(`${base}/${d.id}/${path}`, { version: d.version, ...body });
  d = (await act(community, 'sessions', { onDate: '2026-11-02', note: '首次调解，双方各执一词' })).json();
  d = (await act(community, 'escalate', { reason: '涉及收费标准，社区无法调处' })).json();
  assert.equal(d.level, 'street');
  assert.equal(
    (await act(community, 'sessions', { onDate: '2026-11-05', note: 'x' })).statusCode,
    403,
    'the street holds it now',
  );
  d = (await act(street, 'sessions', { onDate: '2026-11-09', note: '街道调委会组织调解' })).json();
  d = (await act(street, 'escalate', { reason: '当事人要求区级调解' })).json();
  assert.equal(d.level, 'district');
  const top = await act(district, 'escalate', { reason: 'x' });
  assert.equal(top.statusCode, 409);
  assert.match(top.json().detail, /最高一级/);
  assert.equal((await act(district, 'close', { outcome: 'mediated' })).statusCode, 400, 'an agreement is needed');
  d = (await act(district, 'close', { outcome: 'failed', note: '调解不成' })).json();
  assert.equal(d.state, 'failed');
  assert.deepEqual(
    d.events.map((e: { kind: string }) => e.kind),
    ['opened', 'session', 'escalated', 'session', 'escalated', 'failed'],
  );
  assert.deepEqual(
    d.events.map((e: { by: string }) => e.by),
    ['望江社区居委会', '望江社区居委会', '望江社区居委会', '望江街道办事处', '望江街道办事处', '江南区住建局'],
    'each step names who took it',
  );
  const one = (await district.get(`${base}/${d.id}`)).json();
  assert.equal(one.estate, '锦绣花园');
  const sheet = await district.get(`${base}?format=csv`);
  assert.equal(sheet.statusCode, 200);
  assert.match(sheet.headers['content-disposition'] as string, /filename\*=UTF-8''/);
  assert.match(sheet.body, /登记日期,小区,类型,申请人/);
  assert.match(sheet.body, /锦绣花园,物业费,.*区级,调解不成/);
});

test('court docking: a batch referred, filed under case numbers, ended by judgment or the court’s mediation; the figures add up', async () => {
  const mediated = (await dispute(community, 'neighbours')).json();
  const closed = await community.post(`${base}/${mediated.id}/close`, {
    version: 1,
    outcome: 'mediated',
    agreement: '双方同意于 11 月底前拆除违建雨棚',
  });
  assert.equal(closed.json().state, 'mediated');
  const a = (await dispute(street, 'service')).json();
  const b = (await dispute(street, 'public_revenue')).json();
  assert.equal(a.level, 'street');
  assert.equal(
    (await community.post('/api/v1/mediation/court-referrals', { disputeIds: [a.id], court: 'x' })).statusCode,
    403,
  );
  const refused = await street.post('/api/v1/mediation/court-referrals', {
    disputeIds: [a.id, mediated.id],
    court: '江南区人民法院',
  });
  assert.equal(refused.statusCode, 409, 'a mediated dispute is not referred');
  const batch = await street.post('/api/v1/mediation/court-referrals', {
    disputeIds: [a.id, b.id],
    court: '江南区人民法院',
  });
  assert.equal(batch.statusCode, 201, batch.body);
  assert.equal(batch.json().referred, 2);
  for (const [d, caseNo, outcome] of [
    [a, '（2026）浙0102民初1001号', 'judged'],
    [b, '（2026）浙0102民初1002号', 'court_mediated'],
  ] as const) {
    const now = (await street.get(`${base}/${d.id}`)).json();
    assert.equal(now.state, 'referred');
    const future = await street.post(`${base}/${d.id}/filing`, { version: now.version, caseNo, onDate: '2099-01-01' });
    assert.equal(future.statusCode, 400);
    assert.match(future.json().detail, /不能晚于今天/);
    const filed = (await street.post(`${base}/${d.id}/filing`, { version: now.version, caseNo })).json();
    assert.equal(filed.caseNo, caseNo);
    const ended = await street.post(`${base}/${d.id}/court-outcome`, {
      version: filed.version,
      outcome,
      onDate: '2026-01-15',
    });
    assert.equal(ended.json().state, outcome);
    assert.equal(ended.json().closedOn, '2026-01-15', 'the court’s own date, entered later');
  }
  const figures = (await city.get('/api/v1/mediation/figures')).json();
  assert.deepEqual(
    [
      figures.total,
      figures.mediated,
      figures.mediatedCommunity,
      figures.referred,
      figures.filed,
      figures.judged,
      figures.courtMediated,
    ],
    [4, 1, 1, 2, 2, 1, 1],
  );
  const none = (await city.get('/api/v1/mediation/figures?from=2020-01-01&to=2020-12-31')).json();
  assert.equal(none.total, 0, 'no dispute was brought in 2020');
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  assert.equal((await city.get(`/api/v1/mediation/figures?from=${today}&to=${today}`)).json().total, 4);
  const ledger = (await community.get(`${base}?kind=neighbours`)).json().items;
  assert.equal(ledger.length, 1);
  assert.ok(ledger[0].estate);
  // The ledger comes a page at a time, newest first, and filters by several states at once.
  const whole = (await city.get(base)).json();
  assert.equal(whole.items.length, 4);
  assert.equal(whole.nextCursor, null);
  const paged: { id: string; createdAt: string }[] = [];
  for (let cursor: string | null = '', n = 0; cursor !== null && n < 10; n++) {
    const page: { items: typeof paged; nextCursor: string | null } = (
      await city.get(`${base}?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
    ).json();
    paged.push(...page.items);
    cursor = page.nextCursor;
  }
  assert.deepEqual(
    paged.map((d) => d.id),
    whole.items.map((d: { id: string }) => d.id),
  );
  const times = paged.map((d) => d.createdAt);
  assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
  const settled = (await city.get(`${base}?state=judged&state=court_mediated`)).json().items;
  assert.deepEqual(settled.map((d: { state: string }) => d.state).sort(), ['court_mediated', 'judged']);
  assert.equal((await (await t.as('company.admin')).get(base)).statusCode, 403);
});
