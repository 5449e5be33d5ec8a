import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { type Client, residentLogin, startTestApp, type TestApp, uploadFile } from './helpers.ts';

let t: TestApp;
let resident: Client;
let company: Client;
let city: Client;
let street: Client;

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  [company, city, street] = await Promise.all(['company.admin', 'city.admin', 'wangjiang.street'].map((u) => t.as(u)));
});
after(() => t.close());

const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const GPS = Buffer.from('MM\0*GPSLatitude 31,59.259N', 'latin1');
const pngWithLocation = Buffer.concat([
  Buffer.from('89504e470d0a1a0a', 'hex'),
  chunk('IHDR', Buffer.from('0000000100000001080000000000', 'hex').subarray(0, 13)),
  chunk('eXIf', GPS),
  chunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
  chunk('IEND', Buffer.alloc(0)),
]);

const upload = (c: Client, data: Buffer, filename = 'photo.jpg') =>
  uploadFile(c, '/api/v1/workorders/photos', data, filename);
const photoCount = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('ticket_photos')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('photos: the type comes from the content, too large or wrong type stores nothing, location hidden from non-handlers', async () => {
  const n = await photoCount();
  const pdf = await upload(resident, Buffer.from('%PDF-1.4 not an image'), 'fake.jpg');
  assert.equal(pdf.statusCode, 400);
  assert.equal(pdf.json().code, 'workorders.photo_type');
  const big = await upload(resident, Buffer.concat([pngWithLocation, Buffer.alloc(11 * 1024 * 1024)]));
  assert.equal(big.statusCode, 400);
  assert.equal(big.json().code, 'workorders.photo_too_large');
  assert.equal(await photoCount(), n, 'nothing stored');

  const ok = await upload(resident, pngWithLocation, 'whatever.jpg');
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().type, 'png');
  assert.equal(ok.json().locationStripped, true);

  const units = (await resident.get('/api/v1/me/units')).json();
  const cats = (await resident.get('/api/v1/workorders/categories')).json();
  const leaf = cats.find((c: { code: string }) => c.code === 'UNIT.WATER.LEAK');
  const created = await resident.post('/api/v1/workorders/tickets', {
    estateId: units[0].estateId,
    categoryId: leaf.id,
    description: '卫生间漏水，见照片',
    placeKind: 'unit',
    unitId: units[0].unitId ?? units[0].id,
    photoIds: [ok.json().id],
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id;
  // A photo attaches once: naming it again is refused.
  const again = await resident.post('/api/v1/workorders/tickets', {
    estateId: units[0].estateId,
    categoryId: leaf.id,
    description: 'again',
    placeKind: 'unit',
    unitId: units[0].unitId ?? units[0].id,
    photoIds: [ok.json().id],
  });
  assert.equal(again.statusCode, 400);

  const url = `/api/v1/workorders/photos/${ok.json().id}`;
  const handlerCopy = await company.get(url);
  assert.equal(handlerCopy.statusCode, 200);
  assert.ok(handlerCopy.rawPayload.includes(GPS), 'handlers see the original, location included');
  const detail = (await resident.get(`/api/v1/workorders/tickets/${id}`)).json();
  assert.equal(detail.photos.length, 1);
  const committee = await t.as('committee.member');
  const publicCopy = await committee.get(url);
  assert.equal(publicCopy.statusCode, 200);
  assert.equal(publicCopy.headers['content-type'], 'image/png');
  assert.ok(!publicCopy.rawPayload.includes(GPS), 'everyone else gets the copy without location');
  const stored = fs.readdirSync(path.join(t.app.config.dataDir, 'blobs', 'workorders'), { recursive: true });
  assert.ok(stored.length >= 2);
});

test('the city edits the classification; others may not; a stale edit is a conflict', async () => {
  const cats = (await city.get('/api/v1/workorders/categories')).json();
  const leaf = cats.find((c: { code: string }) => c.code === 'COMMON.SANITATION.FUMES');
  assert.equal(leaf.handler, 'department');
  assert.equal(leaf.departmentKind, 'ecology_environment');
  const patch = { version: leaf.version, resolution: { amount: 10, unit: 'working_days' }, priority: 'high' };
  assert.equal((await company.patch(`/api/v1/workorders/categories/${leaf.id}`, patch)).statusCode, 403);
  const ok = await city.patch(`/api/v1/workorders/categories/${leaf.id}`, patch);
  assert.equal(ok.statusCode, 200, ok.body);
  const stale = await city.patch(`/api/v1/workorders/categories/${leaf.id}`, patch);
  assert.equal(stale.statusCode, 409);
  const broken = await city.patch(`/api/v1/workorders/categories/${leaf.id}`, {
    version: ok.json().version,
    departmentKind: null,
  });
  assert.equal(broken.statusCode, 400, 'a department leaf needs its department');
  const after = (await city.get('/api/v1/workorders/categories')).json().find((c: { id: string }) => c.id === leaf.id);
  assert.equal(after.resolution.amount, 10);
  assert.equal(after.departmentKind, 'ecology_environment');
});

test('the working calendar ships with the statutory holidays and can be corrected', async () => {
  const days = (await street.get('/api/v1/workorders/calendar?year=2026')).json();
  assert.ok(days.some((d: { date: string; kind: string }) => d.date === '2026-10-01' && d.kind === 'holiday'));
  assert.ok(days.some((d: { date: string; kind: string }) => d.date === '2026-01-04' && d.kind === 'workday'));
  assert.equal(
    (await city.request({ method: 'PUT', url: '/api/v1/workorders/calendar/2026-06-03', payload: { kind: 'workday' } }))
      .statusCode,
    400,
  );
  const set = await city.request({
    method: 'PUT',
    url: '/api/v1/workorders/calendar/2026-06-03',
    payload: { kind: 'holiday', note: '地方假日' },
  });
  assert.equal(set.statusCode, 200, set.body);
});

test('dispatch by rule takes turns among a team’s members', async () => {
  const companyId =
    (await company.get('/api/v1/auth/me')).json().bindings?.[0]?.scopeId ??
    (
      await t.handle.db
        .selectFrom('role_bindings')
        .innerJoin('accounts', 'accounts.id', 'role_bindings.account_id')
        .select('scope_id')
        .where('username', '=', 'company.admin')
        .executeTakeFirstOrThrow()
    ).scope_id;
  const members = await t.handle.db
    .selectFrom('accounts')
    .select('id')
    .where('username', 'in', ['company.staff', 'project.manager'])
    .execute();
  const team = await company.post('/api/v1/workorders/teams', {
    companyId,
    name: '水电班',
    categories: ['UNIT.WATER'],
    estateIds: [],
    memberAccountIds: members.map((m) => m.id),
  });
  assert.equal(team.statusCode, 201, team.body);
  const units = (await resident.get('/api/v1/me/units')).json();
  const leaf = (await resident.get('/api/v1/workorders/categories'))
    .json()
    .find((c: { code: string }) => c.code === 'UNIT.WATER.DRAIN');
  const assignees: string[] = [];
  for (let i = 0; i < 4; i++) {
    const id = (
      await resident.post('/api/v1/workorders/tickets', {
        estateId: units[0].estateId,
        categoryId: leaf.id,
        description: `下水堵塞 ${i}`,
        placeKind: 'unit',
        unitId: units[0].unitId ?? units[0].id,
      })
    ).json().id;
    await company.post(`/api/v1/workorders/tickets/${id}/transitions`, { action: 'accept' });
    const d = await company.post(`/api/v1/workorders/tickets/${id}/transitions`, { action: 'dispatch' });
    assert.equal(d.statusCode, 200, d.body);
    assignees.push((await company.get(`/api/v1/workorders/tickets/${id}`)).json().assigneeName);
  }
  assert.equal(new Set(assignees).size, 2);
  assert.notEqual(assignees[0], assignees[1]);
  assert.equal(assignees[0], assignees[2]);
});

test('the city sets the department and priority deadlines; a raised priority only ever shortens the clock', async () => {
  const s = (await city.get('/api/v1/workorders/settings')).json();
  const patch = {
    version: s.version,
    report: { amount: 1, unit: 'hours' },
    prioritySlas: { urgent: { response: { amount: 15, unit: 'minutes' }, resolution: { amount: 4, unit: 'hours' } } },
  };
  assert.equal(
    (await company.request({ method: 'PATCH', url: '/api/v1/workorders/settings', payload: patch })).statusCode,
    403,
  );
  const ok = await city.patch('/api/v1/workorders/settings', patch);
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json().report, { amount: 1, unit: 'hours' });
  assert.deepEqual(ok.json().prioritySlas.urgent.resolution, { amount: 4, unit: 'hours' });
  assert.equal((await city.patch('/api/v1/workorders/settings', patch)).statusCode, 409, 'a stale version is refused');

  const leaf = (await city.get('/api/v1/workorders/categories'))
    .json()
    .find((c: { code: string }) => c.code === 'BUILDING.STAIRS.LIGHT');
  const estateId = (await resident.get('/api/v1/me/units')).json()[0].estateId;
  const report = async (priority?: string) => {
    const res = await company.post('/api/v1/workorders/tickets', {
      estateId,
      categoryId: leaf.id,
      description: '楼道灯不亮',
      placeKind: 'common',
      callerName: '李女士',
      ...(priority ? { priority } : {}),
    });
    assert.equal(res.statusCode, 201, res.body);
    return (await company.get(`/api/v1/workorders/tickets/${res.json().id}`)).json();
  };
  const normal = await report();
  const urgent = await report('urgent');
  const hours = (d: { submittedAt: string; resolutionDue: string }) =>
    (new Date(d.resolutionDue).getTime() - new Date(d.submittedAt).getTime()) / 3_600_000;
  assert.ok(hours(urgent) <= 4.001, `urgent is due within 4 h, not ${hours(urgent)}`);
  assert.ok(hours(normal) > 24, 'the normal clock runs in working days');
});
