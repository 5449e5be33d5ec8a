import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

/** Row-level scoping: each demo role reads only its own region, company, estate or home. */

let t: TestApp;
let city: Client;
type Estate = { id: string; name: string; companyId: string | null; streetName: string; communityName: string };
let all: Estate[];

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  city = await t.as('city.admin');
  all = (await city.get('/api/v1/estates?limit=200')).json().items;
});
after(() => t.close());

async function estatesOf(client: Client): Promise<Estate[]> {
  return (await client.get('/api/v1/estates?limit=200')).json().items;
}

test('the city regulator sees the whole demo city', async () => {
  assert.equal(all.length, 12);
  const units = all.reduce((n, e) => n + (e as unknown as { unitCount: number }).unitCount, 0);
  assert.ok(units >= 4500 && units <= 5500, `${units} units`);
});

test('a district regulator and a street office see only their jurisdiction', async () => {
  const district = await estatesOf(await t.as('jiangnan.admin'));
  const street = await estatesOf(await t.as('wangjiang.street'));
  const community = await estatesOf(await t.as('wangjiang.community'));
  assert.ok(district.length > 0 && district.length < all.length);
  assert.ok(street.length > 0 && street.length < district.length);
  assert.ok(street.every((e) => e.streetName === '望江街道'));
  assert.ok(community.length > 0 && community.every((e) => e.communityName === '望江社区'));
  const districtIds = new Set(district.map((e) => e.id));
  assert.ok(street.every((e) => districtIds.has(e.id)));
});

test('the home page figures are counted over exactly the estates each role may list', async () => {
  type Listed = Estate & { buildingCount: number; unitCount: number; totalArea: number; serviceGrade: number };
  for (const username of ['city.admin', 'jiangnan.admin', 'wangjiang.street', 'company.admin', 'committee.member']) {
    const client = await t.as(username);
    const listed = (await estatesOf(client)) as Listed[];
    const summary = (await client.get('/api/v1/estates/summary')).json();
    const sum = (f: (e: Listed) => number) => listed.reduce((n, e) => n + f(e), 0);
    assert.deepEqual(
      [summary.estates, summary.buildings, summary.units, summary.totalArea],
      [listed.length, sum((e) => e.buildingCount), sum((e) => e.unitCount), sum((e) => e.totalArea)],
      username,
    );
    assert.equal(summary.companies, new Set(listed.map((e) => e.companyId).filter(Boolean)).size, username);
    assert.equal(
      summary.byGrade.reduce((n: number, g: { n: number }) => n + g.n, 0),
      listed.length,
    );
    const grade = String(listed[0].serviceGrade);
    assert.equal(
      summary.byGrade.find((g: { key: string }) => g.key === grade).n,
      listed.filter((e) => String(e.serviceGrade) === grade).length,
    );
  }
});

test('a company admin reads only its own estates, company, staff and owners', async () => {
  const admin = await t.as('company.admin');
  const mine = await estatesOf(admin);
  const companyId = mine[0].companyId;
  assert.ok(mine.length > 0 && mine.every((e) => e.companyId === companyId));
  const other = all.find((e) => e.companyId && e.companyId !== companyId) as Estate;

  assert.equal((await admin.get(`/api/v1/estates/${other.id}`)).statusCode, 404);
  assert.equal((await admin.get(`/api/v1/estates/${other.id}/buildings`)).statusCode, 404);
  assert.equal((await admin.get(`/api/v1/units?estateId=${other.id}`)).json().items.length, 0);
  assert.equal((await admin.get(`/api/v1/owners?estateId=${other.id}`)).json().items.length, 0);
  assert.equal((await admin.get(`/api/v1/companies/${other.companyId}`)).statusCode, 404);
  const companies = (await admin.get('/api/v1/companies')).json().items as { id: string }[];
  assert.deepEqual(
    companies.map((c) => c.id),
    [companyId],
  );
  const staff = (await admin.get('/api/v1/staff?limit=200')).json().items as { companyId: string }[];
  assert.ok(staff.length > 0 && staff.every((s) => s.companyId === companyId));
  assert.equal((await admin.get(`/api/v1/staff?companyId=${other.companyId}`)).json().items.length, 0);

  // Writing into another company's estate is refused and changes nothing.
  const buildingsBefore = (await city.get(`/api/v1/estates/${other.id}/buildings`)).json().length;
  const res = await admin.post(`/api/v1/estates/${other.id}/buildings`, { name: '99号楼' });
  assert.equal(res.statusCode, 403);
  assert.equal((await city.get(`/api/v1/estates/${other.id}/buildings`)).json().length, buildingsBefore);
});

test('a project manager, staff and committee member see one estate', async () => {
  for (const username of ['project.manager', 'company.staff', 'committee.member']) {
    const list = await estatesOf(await t.as(username));
    assert.equal(list.length, 1, username);
    assert.equal(list[0].name, '锦绣花园');
  }
});

test('a resident sees only their own units and cannot read the registry lists', async () => {
  const resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  const units = (await resident.get('/api/v1/me/units')).json() as {
    estateName: string;
    owners: { phone: string }[];
  }[];
  assert.ok(units.length >= 1);
  assert.ok(units.every((u) => u.estateName === '锦绣花园'));
  assert.equal((await resident.get('/api/v1/estates')).statusCode, 403);
  assert.equal((await resident.get('/api/v1/estates/summary')).statusCode, 403);
  assert.equal((await resident.get('/api/v1/owners')).statusCode, 403);
  const profile = (await resident.get('/api/v1/me/profile')).json();
  assert.equal(profile.phone, '138****0001');
});

test('personal data is masked in lists and a full read is audited', async () => {
  const pm = await t.as('project.manager');
  const owners = (await pm.get('/api/v1/owners?limit=5')).json().items as {
    id: string;
    phone: string;
    idNumber: string;
  }[];
  assert.ok(owners.length > 0);
  for (const o of owners) {
    assert.match(o.phone, /^\d{3}\*{4}\d{4}$/);
    assert.match(o.idNumber, /^\d{4}\*{10}[\dX]{4}$/);
  }
  const full = await pm.get(`/api/v1/persons/${owners[0].id}/pii`);
  assert.equal(full.statusCode, 200);
  assert.match(full.json().phone, /^1\d{10}$/);
  const entry = await t.handle.db
    .selectFrom('audit_log')
    .select(['action', 'actor_label'])
    .where('entity_id', '=', owners[0].id)
    .where('action', '=', 'read_pii')
    .executeTakeFirst();
  assert.equal(entry?.actor_label, '锦绣花园项目负责人');

  // Someone outside the owner's estate cannot read them at all.
  const otherStreet = await t.as('dept.chengguan');
  assert.equal((await otherStreet.get(`/api/v1/persons/${owners[0].id}/pii`)).statusCode, 403);
  const admin = await t.as('company.admin');
  const otherEstateOwner = (await (await t.as('city.admin')).get('/api/v1/owners?limit=200'))
    .json()
    .items.find((o: { units: { estateName: string }[] }) => o.units.every((u) => u.estateName === '阳光新城'));
  assert.equal((await admin.get(`/api/v1/persons/${otherEstateOwner.id}/pii`)).statusCode, 404);
});
