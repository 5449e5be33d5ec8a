import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { residentId } from '../src/modules/registry/seed/names.ts';
import * as f from './factories/registry.ts';
import { type Client, startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let regulator: Client;
let community: { id: string; path: string };
let district: { id: string; path: string };

before(async () => {
  t = await startTestApp();
  const city = await f.region(t.handle.db, 'city');
  district = await f.region(t.handle.db, 'district', city);
  const street = await f.region(t.handle.db, 'street', district);
  community = await f.region(t.handle.db, 'community', street);
  regulator = await t.as(
    await f.account(t.handle.db, 'district_regulator', {
      scopeType: 'region',
      scopeId: district.id,
      scopePath: district.path,
    }),
  );
});
after(() => t.close());

const count = async (table: 'companies' | 'estates' | 'audit_log') =>
  Number(
    (
      await t.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('bad input gets a 400 problem naming the fields, in the caller’s language, and writes nothing', async () => {
  const before = await count('companies');
  const malformed = await regulator.request({
    method: 'POST',
    url: '/api/v1/companies',
    headers: { 'content-type': 'application/json' },
    payload: '{"uscc": ',
  });
  assert.equal(malformed.statusCode, 400);
  assert.match(malformed.headers['content-type'] as string, /application\/problem\+json/);
  assert.equal(malformed.json().code, 'malformed_json');

  const wrong = await regulator.post('/api/v1/companies', {
    uscc: 12,
    name: '',
    legalRepresentative: '王五',
    extra: 1,
  });
  assert.equal(wrong.statusCode, 400);
  const fields = (wrong.json().errors as { field: string }[]).map((e) => e.field).sort();
  assert.deepEqual(fields, ['extra', 'name', 'uscc']);
  assert.match(wrong.json().detail, /字段 extra：不允许的字段/);

  const english = await regulator.request({
    method: 'POST',
    url: '/api/v1/companies?lang=en',
    payload: { uscc: '91350100M000100Y44', name: 'X', legalRepresentative: 'Y' },
  });
  assert.equal(english.statusCode, 400);
  assert.match(english.json().errors[0].message, /GB 32100/);
  assert.match(english.json().detail, /invalid/i);

  const big = await regulator.post('/api/v1/companies', {
    uscc: '91350100M000100Y43',
    name: 'x'.repeat(2 * 1024 * 1024),
    legalRepresentative: 'Y',
  });
  assert.equal(big.statusCode, 400);
  assert.equal(big.json().code, 'body_too_large');
  assert.equal(await count('companies'), before);
});

test('unknown routes are 404 problem+json', async () => {
  const res = await t.anonymous.get('/api/v1/no-such-thing');
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().code, 'route_not_found');
});

test('estates: create, read, edit with optimistic locking; every write audited', async () => {
  const company = await regulator.post('/api/v1/companies', {
    uscc: '91350100M000100Y43',
    name: '海棠物业',
    legalRepresentative: '赵六',
    contactPhone: '13811112222',
  });
  assert.equal(company.statusCode, 201, company.body);
  assert.equal(company.json().contactPhone, '138****2222');
  const auditBefore = await count('audit_log');
  const created = await regulator.post('/api/v1/estates', {
    code: 'HT-001',
    name: '海棠苑',
    address: '人民路1号',
    communityId: community.id,
    serviceGrade: 3,
    companyId: company.json().id,
    managementMode: 'company',
    totalArea: 12_345_67,
  });
  assert.equal(created.statusCode, 201, created.body);
  const estate = created.json();
  assert.equal(estate.totalArea, 1234567);
  assert.equal(estate.version, 1);

  const first = await regulator.patch(`/api/v1/estates/${estate.id}`, { version: 1, serviceGrade: 4 });
  assert.equal(first.statusCode, 200);
  assert.equal(first.json().version, 2);
  const stale = await regulator.patch(`/api/v1/estates/${estate.id}`, { version: 1, serviceGrade: 5 });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().code, 'version_conflict');
  assert.equal((await regulator.get(`/api/v1/estates/${estate.id}`)).json().serviceGrade, 4);

  const entries = await t.handle.db
    .selectFrom('audit_log')
    .select(['action', 'entity_type', 'before', 'after', 'request_id'])
    .where('entity_id', '=', estate.id)
    .orderBy('id')
    .execute();
  assert.deepEqual(
    entries.map((e) => e.action),
    ['create', 'update'],
  );
  assert.equal(entries[1].before.service_grade, 3);
  assert.equal(entries[1].after.service_grade, 4);
  assert.ok(entries[1].request_id);
  assert.equal(await count('audit_log'), auditBefore + 2);

  // A company-managed estate needs its company; a self-managed one has none.
  const inconsistent = await regulator.patch(`/api/v1/estates/${estate.id}`, {
    version: 2,
    managementMode: 'self_managed',
  });
  assert.equal(inconsistent.statusCode, 400);
  assert.equal(inconsistent.json().code, 'registry.company_required');
});

test('concurrent edits of one row: exactly one wins, the other gets 409', async () => {
  const e = await f.estate(t.handle.db, { community });
  const results = await Promise.all([
    regulator.patch(`/api/v1/estates/${e.id}`, { version: 1, name: '甲' }),
    regulator.patch(`/api/v1/estates/${e.id}`, { version: 1, name: '乙' }),
  ]);
  assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409]);
});

test('units keep exact areas and their source; co-owners have one representative', async () => {
  const e = await f.estate(t.handle.db, { community });
  const building = (await regulator.post(`/api/v1/estates/${e.id}/buildings`, { name: '3号楼', floors: 18 })).json();
  const noArea = await regulator.post('/api/v1/units', { buildingId: building.id, number: '101', use: 'residence' });
  assert.equal(noArea.statusCode, 400);
  const unit = (
    await regulator.post('/api/v1/units', {
      buildingId: building.id,
      number: '101',
      use: 'residence',
      areaSurveyed: 8905,
      areaContract: 9000,
    })
  ).json();
  assert.equal(unit.area, 8905);
  assert.equal(unit.areaSource, 'surveyed');

  const badId = await regulator.post(`/api/v1/units/${unit.id}/owners`, {
    name: '钱七',
    idNumber: '110105194912310021',
  });
  assert.equal(badId.statusCode, 400);
  assert.match(badId.json().errors[0].message, /GB 11643/);
  await regulator.post(`/api/v1/units/${unit.id}/owners`, {
    name: '钱七',
    idNumber: '11010519491231002X',
    phone: '13600001111',
  });
  const both = (
    await regulator.post(`/api/v1/units/${unit.id}/owners`, {
      name: '孙八',
      idNumber: residentId(4242),
      isRepresentative: true,
    })
  ).json();
  const reps = both.owners.filter((o: { isRepresentative: boolean }) => o.isRepresentative);
  assert.equal(both.owners.length, 2);
  assert.equal(reps.length, 1);
  assert.equal(reps[0].name, '孙八');
  assert.equal(both.owners.find((o: { name: string }) => o.name === '钱七').phone, '136****1111');
});

test('lists page with cursors and export to xlsx and csv', async () => {
  const e = await f.estate(t.handle.db, { community });
  for (let i = 0; i < 7; i++) await f.unit(t.handle.db, { estateId: e.id });
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = (
      await regulator.get(`/api/v1/units?estateId=${e.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
    ).json();
    for (const u of page.items) seen.add(u.id);
    cursor = page.nextCursor;
  } while (cursor);
  assert.equal(seen.size, 7);

  // Door-plate order: 201 before 1001, 2号楼 before 10号楼.
  const e2 = await f.estate(t.handle.db, { community });
  for (const name of ['10号楼', '2号楼']) {
    const b = (await regulator.post(`/api/v1/estates/${e2.id}/buildings`, { name })).json();
    for (const number of ['1001', '201', '101'])
      await regulator.post('/api/v1/units', { buildingId: b.id, number, use: 'residence', areaContract: 5000 });
  }
  const ordered = (await regulator.get(`/api/v1/units?estateId=${e2.id}`))
    .json()
    .items.map((u: { buildingName: string; number: string }) => `${u.buildingName}-${u.number}`);
  assert.deepEqual(ordered, ['2号楼-101', '2号楼-201', '2号楼-1001', '10号楼-101', '10号楼-201', '10号楼-1001']);

  const csv = await regulator.get(`/api/v1/units?estateId=${e.id}&format=csv`);
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  assert.equal(csv.body.trim().split('\n').length, 8);
  assert.match(csv.body, /房号/);
  const xlsx = await regulator.get(`/api/v1/estates?format=xlsx&lang=en`);
  assert.equal(xlsx.statusCode, 200, xlsx.body);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as never);
  assert.equal(wb.worksheets[0].getRow(1).getCell(2).value, 'Name');
  assert.ok(wb.worksheets[0].rowCount >= 3);
  const bad = await regulator.get('/api/v1/units?cursor=not-a-cursor');
  assert.equal(bad.statusCode, 400);
});
