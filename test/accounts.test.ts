import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedDemo } from '../src/modules/registry/seed/demo.ts';
import { type Client, startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let city: Client;
let regions: { id: string; code: string; level: string }[];
let estates: { id: string; companyId: string | null; name: string }[];

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  city = await t.as('city.admin');
  regions = (await city.get('/api/v1/regions')).json();
  estates = (await city.get('/api/v1/estates?limit=200')).json().items;
});
after(() => t.close());

const region = (code: string) => regions.find((r) => r.code === code)?.id as string;

test('the city regulator creates a street-office account that logs in and sees its street', async () => {
  const res = await city.post('/api/v1/accounts', {
    username: 'binhu.street',
    password: 'long-password',
    displayName: '滨湖街道',
    bindings: [{ role: 'street_office', scopeId: region('BH') }],
  });
  assert.equal(res.statusCode, 201, res.body);
  const street = await t.as('binhu.street', 'long-password');
  const list = (await street.get('/api/v1/estates')).json().items as { streetName: string }[];
  assert.ok(list.length > 0 && list.every((e) => e.streetName === '滨湖街道'));
});

test('a role bound to the wrong kind of scope is refused', async () => {
  const res = await city.post('/api/v1/accounts', {
    username: 'oops',
    password: 'long-password',
    displayName: 'x',
    bindings: [{ role: 'street_office', scopeId: region('JN') }],
  });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().errors[0].field, 'bindings.scopeId');
});

test('a district regulator grants only inside its district; a company admin only in its company', async () => {
  const district = await t.as('jiangnan.admin');
  assert.equal(
    (
      await district.post('/api/v1/accounts', {
        username: 'wj2',
        password: 'long-password',
        displayName: '临江社区',
        bindings: [{ role: 'community', scopeId: region('WJ2') }],
      })
    ).statusCode,
    201,
  );
  assert.equal(
    (
      await district.post('/api/v1/accounts', {
        username: 'cb1',
        password: 'long-password',
        displayName: '北门社区',
        bindings: [{ role: 'community', scopeId: region('CB1') }],
      })
    ).statusCode,
    403,
  );
  assert.equal(
    (
      await district.post('/api/v1/accounts', {
        username: 'cityx',
        password: 'long-password',
        displayName: 'x',
        bindings: [{ role: 'city_regulator', scopeId: region('JC') }],
      })
    ).statusCode,
    403,
  );

  const admin = await t.as('company.admin');
  const own = (await admin.get('/api/v1/estates')).json().items[0];
  const other = estates.find((e) => e.companyId && e.companyId !== own.companyId) as { id: string };
  assert.equal(
    (
      await admin.post('/api/v1/accounts', {
        username: 'pm2',
        password: 'long-password',
        displayName: '项目经理',
        bindings: [{ role: 'project_manager', scopeId: own.id }],
      })
    ).statusCode,
    201,
  );
  assert.equal(
    (
      await admin.post('/api/v1/accounts', {
        username: 'pm3',
        password: 'long-password',
        displayName: 'x',
        bindings: [{ role: 'project_manager', scopeId: other.id }],
      })
    ).statusCode,
    403,
  );
  assert.equal(
    (
      await admin.post('/api/v1/accounts', {
        username: 'adm2',
        password: 'long-password',
        displayName: 'x',
        bindings: [{ role: 'company_admin', scopeId: own.companyId }],
      })
    ).statusCode,
    403,
  );
  const listed = (await admin.get('/api/v1/accounts')).json().items.map((a: { username: string }) => a.username);
  assert.ok(listed.includes('pm2') && listed.includes('company.staff'));
  assert.ok(!listed.includes('city.admin') && !listed.includes('wj2'));
});

test('disabling an account ends its sessions at once', async () => {
  await city.post('/api/v1/accounts', {
    username: 'temp.user',
    password: 'long-password',
    displayName: '临时',
    bindings: [{ role: 'community', scopeId: region('XH1') }],
  });
  const temp = await t.as('temp.user', 'long-password');
  const account = (await city.get('/api/v1/accounts?q=temp.user')).json().items[0];
  const res = await city.patch(`/api/v1/accounts/${account.id}`, { version: account.version, disabled: true });
  assert.equal(res.statusCode, 200);
  assert.equal((await temp.get('/api/v1/auth/me')).statusCode, 401);
  const again = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'temp.user', password: 'long-password' },
  });
  assert.equal(again.statusCode, 401);
});
