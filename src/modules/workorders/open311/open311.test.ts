import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.ts';
import { createPasswordAccount } from '../../../kernel/auth/accounts.ts';
import { createApiToken } from '../../../kernel/auth/sessions.ts';
import { seedDemo } from '../../registry/seed/demo.ts';
import { escapeXml, iso8, toXml } from './format.ts';
import { OPEN311_RATE } from './routes.ts';

let t: TestApp;
let apiKey: string;
let staffKey: string;

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  const db = t.handle.db;
  const city = await db.selectFrom('regions').select(['id', 'path']).where('code', '=', 'JC').executeTakeFirstOrThrow();
  const binding = {
    role: 'city_regulator' as const,
    scopeType: 'region' as const,
    scopeId: city.id,
    scopePath: city.path,
  };
  const hotline = await createPasswordAccount(
    db,
    { username: 'hotline.12345', password: 'Anju@2026-hotline', displayName: '12345 热线', kind: 'integration' },
    [binding],
  );
  apiKey = (await createApiToken(db, hotline, 'open311', null)).token;
  const staff = await createPasswordAccount(
    db,
    { username: 'regulator.person', password: 'Anju@2026-staff', displayName: '市住建局职员' },
    [binding],
  );
  staffKey = (await createApiToken(db, staff, 'personal', null)).token;
});
after(() => t.close());

/** A minimal XML reader for the tests: checks nesting and returns the root element's name and the text. */
function parseXml(xml: string): { root: string } {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  let root = '';
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>/g)) {
    if (m[1]) assert.equal(stack.pop(), m[2], `unbalanced </${m[2]}>`);
    else if (!m[3]) {
      if (!stack.length) root = root ? assert.fail('two roots') : (m[2] as string);
      stack.push(m[2] as string);
    }
  }
  assert.equal(stack.length, 0, 'unclosed elements');
  assert.doesNotMatch(body.replace(/<[^>]*>/g, ''), /[<>]|&(?!amp;|lt;|gt;|quot;|apos;)/);
  return { root };
}

const get = (url: string, remoteAddress?: string) => t.app.inject({ method: 'GET', url, remoteAddress });
const post = (url: string, form: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
const hotlineForm = (extra: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: 'BUILDING.ELEVATOR.TRAPPED',
  address_id: 'JC-001',
  description: '3号楼电梯困人 <紧急> & 速来',
  first_name: '小明',
  last_name: '王',
  phone: '13912345678',
  ...extra,
});

test('format: XML escaping and +08:00 dates', () => {
  assert.equal(escapeXml(`a&b<c>"d"'e'`), 'a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
  assert.equal(iso8(new Date('2026-11-25T01:30:00Z')), '2026-11-25T09:30:00+08:00');
  const xml = toXml('services', [{ service_code: 'A', keywords: null, metadata: true }]);
  assert.match(xml, /<services><service><service_code>A<\/service_code><keywords><\/keywords><metadata>true/);
});

test('discovery in JSON and XML', async () => {
  const json = await get('/open311/discovery.json');
  assert.equal(json.statusCode, 200, json.body);
  const d = json.json();
  assert.equal(d.endpoints[0].specification, 'http://wiki.open311.org/GeoReport_v2');
  assert.match(d.endpoints[0].url, /\/open311\/v2$/);
  assert.deepEqual(d.endpoints[0].formats, ['text/xml', 'application/json']);
  const xml = await get('/open311/discovery.xml');
  assert.match(xml.headers['content-type'] as string, /text\/xml/);
  assert.equal(parseXml(xml.body).root, 'discovery');
  assert.match(xml.body, /<formats><format>text\/xml<\/format><format>application\/json<\/format><\/formats>/);
  assert.equal((await get('/open311/discovery.csv')).statusCode, 400);
});

test('services: one per active leaf, JSON and XML, English names on request', async () => {
  const res = await get('/open311/v2/services.json?jurisdiction_id=jiangcheng');
  assert.equal(res.statusCode, 200, res.body);
  const trapped = res.json().find((s: { service_code: string }) => s.service_code === 'BUILDING.ELEVATOR.TRAPPED');
  assert.equal(trapped.service_name, '困人');
  assert.equal(trapped.metadata, true);
  assert.equal(trapped.type, 'realtime');
  assert.ok(trapped.group && trapped.keywords.includes(trapped.group));
  const en = (await get('/open311/v2/services.json?lang=en')).json();
  assert.equal(
    en.find((s: { service_code: string }) => s.service_code === trapped.service_code).service_name,
    'Person trapped',
  );
  const xml = await get('/open311/v2/services.xml');
  assert.equal(parseXml(xml.body).root, 'services');
  assert.match(xml.body, /<service><service_code>BUILDING\.ELEVATOR\.TRAPPED<\/service_code>/);
});

test('service definition lists the place and hotline_id attributes', async () => {
  const res = await get('/open311/v2/services/BUILDING.ELEVATOR.TRAPPED.json');
  assert.equal(res.statusCode, 200, res.body);
  const def = res.json();
  assert.equal(def.service_code, 'BUILDING.ELEVATOR.TRAPPED');
  const place = def.attributes.find((a: { code: string }) => a.code === 'place');
  assert.deepEqual(
    place.values.map((v: { key: string }) => v.key),
    ['unit', 'building', 'common'],
  );
  const xml = await get('/open311/v2/services/BUILDING.ELEVATOR.TRAPPED.xml');
  assert.equal(parseXml(xml.body).root, 'service_definition');
  assert.match(xml.body, /<values><value><key>unit<\/key><name>/);
  const missing = await get('/open311/v2/services/NO.SUCH.CODE.json');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json()[0].code, 404);
});

let number: string;

test('POST with a hotline key creates a hotline ticket; a repeated hotline_id returns the first', async () => {
  const res = await post('/open311/v2/requests.json', hotlineForm({ 'attribute[hotline_id]': '12345-0001' }));
  assert.equal(res.statusCode, 200, res.body);
  const [created] = res.json();
  number = created.service_request_id;
  assert.match(number, /^WO\d{8}-/);
  assert.match(created.service_notice, /\+08:00/);
  const row = await t.handle.db
    .selectFrom('tickets')
    .select(['channel', 'external_id', 'reporter_name', 'reporter_phone'])
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, {
    channel: 'hotline',
    external_id: '12345-0001',
    reporter_name: '王小明',
    reporter_phone: '13912345678',
  });
  const again = await post('/open311/v2/requests.xml', hotlineForm({ 'attribute[hotline_id]': '12345-0001' }));
  assert.equal(again.statusCode, 200, again.body);
  assert.equal(parseXml(again.body).root, 'service_requests');
  assert.match(again.body, new RegExp(`<service_request_id>${number}</service_request_id>`));
});

test('POST finds the estate by coordinates or by an address fragment', async () => {
  const e = await t.handle.db
    .selectFrom('estates')
    .select(['name', 'lat', 'lng'])
    .where('code', '=', 'JC-002')
    .executeTakeFirstOrThrow();
  const form = hotlineForm({ service_code: 'UNIT.WATER.LEAK', 'attribute[place]': 'unit' });
  delete (form as Record<string, string>).address_id;
  const near = await post('/open311/v2/requests.json', { ...form, lat: String(e.lat), long: String(e.lng) });
  assert.equal(near.statusCode, 200, near.body);
  const [r] = (await get(`/open311/v2/requests/${near.json()[0].service_request_id}.json`)).json();
  assert.equal(r.address_id, 'JC-002');
  assert.equal(r.lat, e.lat);
  const named = await post('/open311/v2/requests.json', { ...form, address_string: `江城市${e.name}3栋` });
  assert.equal(named.statusCode, 200, named.body);
  const [n] = (await get(`/open311/v2/requests/${named.json()[0].service_request_id}.json`)).json();
  assert.equal(n.address_id, 'JC-002');
  const bad = await post('/open311/v2/requests.json', { ...form, address_id: 'JC-001', 'attribute[place]': 'roof' });
  assert.equal(bad.statusCode, 400);
});

test('POST refuses a missing, wrong or non-integration api_key with 403', async () => {
  for (const key of [undefined, 'anju_wrong', staffKey]) {
    const form = hotlineForm();
    if (key === undefined) delete (form as Record<string, string>).api_key;
    else form.api_key = key;
    const res = await post('/open311/v2/requests.json', form);
    assert.equal(res.statusCode, 403, res.body);
    const [err] = res.json();
    assert.equal(err.code, 403);
    assert.ok(err.description);
  }
});

test('POST: unknown service 404, no or unknown location 400', async () => {
  assert.equal((await post('/open311/v2/requests.json', hotlineForm({ service_code: 'NOPE' }))).statusCode, 404);
  const form = hotlineForm();
  delete (form as Record<string, string>).address_id;
  const none = await post('/open311/v2/requests.json', form);
  assert.equal(none.statusCode, 400);
  assert.match(none.json()[0].description, /address_id/);
  assert.equal((await post('/open311/v2/requests.json', { ...form, lat: '10', long: '10' })).statusCode, 400);
  assert.equal(
    (await post('/open311/v2/requests.json', hotlineForm({ description: 'x'.repeat(4001) }))).statusCode,
    400,
  );
});

test('GET requests filters by service_code and status, and shows no personal data', async () => {
  const open = (await get('/open311/v2/requests.json?service_code=BUILDING.ELEVATOR.TRAPPED&status=open')).json();
  assert.ok(open.some((r: { service_request_id: string }) => r.service_request_id === number));
  assert.ok(open.every((r: { service_code: string; status: string }) => r.status === 'open'));
  assert.doesNotMatch(JSON.stringify(open), /13912345678|王小明/);
  const closed = (await get('/open311/v2/requests.json?service_code=BUILDING.ELEVATOR.TRAPPED&status=closed')).json();
  assert.ok(!closed.some((r: { service_request_id: string }) => r.service_request_id === number));
  const other = (await get('/open311/v2/requests.json?service_code=UNIT.WATER.LEAK')).json();
  assert.ok(!other.some((r: { service_request_id: string }) => r.service_request_id === number));
  const byId = (await get(`/open311/v2/requests.json?service_request_id=${number},WO-NONE&status=closed`)).json();
  assert.equal(byId.length, 1);
  assert.equal((await get('/open311/v2/requests.json?status=pending')).statusCode, 400);
});

test('GET requests/:id in JSON and XML; unknown ids and tokens are 404', async () => {
  const res = await get(`/open311/v2/requests/${number}.json`);
  assert.equal(res.statusCode, 200, res.body);
  const [r] = res.json();
  assert.equal(r.status, 'open');
  assert.equal(r.address_id, 'JC-001');
  assert.ok(r.agency_responsible);
  assert.match(r.requested_datetime, /\+08:00$/);
  assert.equal(r.description, '3号楼电梯困人 <紧急> & 速来');
  const xml = await get(`/open311/v2/requests/${number}.xml`);
  assert.equal(parseXml(xml.body).root, 'service_requests');
  assert.match(xml.body, /<status>open<\/status>/);
  assert.match(xml.body, /<agency_responsible>[^<]+<\/agency_responsible>/);
  assert.match(xml.body, /&lt;紧急&gt; &amp; 速来/);
  const missing = await get('/open311/v2/requests/WO-NONE.xml');
  assert.equal(missing.statusCode, 404);
  assert.equal(parseXml(missing.body).root, 'errors');
  assert.match(missing.body, /<errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>/);
  const token = (await get(`/open311/v2/tokens/${number}.json`)).json();
  assert.deepEqual(token, [{ service_request_id: number, token: number }]);
  assert.equal((await get('/open311/v2/tokens/nope.json')).statusCode, 404);
});

test('public endpoints are rate limited per client IP', async () => {
  const saved = { ...OPEN311_RATE };
  // A long window so the five calls never straddle a window boundary.
  Object.assign(OPEN311_RATE, { read: 3, windowSeconds: 3600 });
  try {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await get('/open311/v2/services.json', '10.9.8.7')).statusCode);
    assert.deepEqual(codes, [200, 200, 200, 429, 429]);
    const res = await get('/open311/v2/services.xml', '10.9.8.7');
    assert.equal(parseXml(res.body).root, 'errors');
    assert.ok(res.headers['retry-after']);
  } finally {
    Object.assign(OPEN311_RATE, saved);
  }
});
