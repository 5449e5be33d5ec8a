import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clock } from '../src/kernel/clock.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { escalateOverdue } from '../src/modules/supervision/rectifications.ts';
import { type Client, residentLogin, startTestApp, type TestApp, uploadFile } from './helpers.ts';

/** 检查 → 整改 → 复查 through the API, with photos, a random draw, overdue escalation and the figures. */
let t: TestApp;
let street: Client;
let company: Client;
let estateId: string;
let inspectorId: string;
const base = '/api/v1/supervision';
const FIRE = '01900000-0000-7000-8000-000000000423';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  street = await t.as('wangjiang.street');
  company = await t.as('company.admin');
  const resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  estateId = (await resident.get('/api/v1/me/units')).json()[0].estateId;
  inspectorId = (await street.get('/api/v1/auth/me')).json().id;
});
after(async () => {
  clock.reset();
  await t.close();
});

test('a plan names estates or draws them; the inspector scores every item with photos; failures raise notices', async () => {
  clock.set(new Date('2026-11-02T02:00:00Z'));
  const plan = (body: Record<string, unknown>) =>
    street.post(`${base}/inspection-plans`, {
      name: '11 月消防检查',
      templateId: FIRE,
      dueOn: '2026-11-30',
      inspectorIds: [inspectorId],
      ...body,
    });
  assert.equal((await plan({})).statusCode, 400, 'estates named or drawn');
  assert.equal((await plan({ draw: 10_000 })).statusCode, 400);
  const drawn = await plan({ draw: 2 });
  assert.equal(drawn.statusCode, 201, drawn.body);
  assert.equal(drawn.json().estates.length, 2);
  const named = (await plan({ estateIds: [estateId] })).json();
  assert.deepEqual(
    named.estates.map((e: { id: string }) => e.id),
    [estateId],
  );
  const mine = (await street.get(`${base}/my-inspections`)).json();
  assert.equal(mine.length, 3);
  const i = mine.find((x: { estateId: string }) => x.estateId === estateId);

  const results = [
    { itemCode: 'fire_exit', score: 10, passed: false, note: '3 栋一楼疏散通道堆放杂物' },
    { itemCode: 'fire_equip', score: 30, passed: true },
    { itemCode: 'fire_lane', score: 5, passed: false, note: '消防车通道停放私家车' },
  ];
  const submit = (rs = results) =>
    street.post(`${base}/inspections/${i.id}/submit`, { version: 1, lat: 30.2, lng: 120.2, results: rs });
  const noPhoto = await submit();
  assert.equal(noPhoto.statusCode, 400);
  assert.match(noPhoto.json().detail, /须上传现场照片/);
  const notImage = await uploadFile(
    street,
    `${base}/inspections/${i.id}/photos`,
    Buffer.from('not an image'),
    'x.jpg',
    { item: 'fire_exit' },
  );
  assert.equal(notImage.statusCode, 400);
  for (const item of ['fire_exit', 'fire_equip', 'fire_lane'])
    assert.equal(
      (await uploadFile(street, `${base}/inspections/${i.id}/photos`, PNG, `${item}.png`, { item })).statusCode,
      201,
    );
  assert.equal(
    (await submit([{ ...results[0], score: 41 }, results[1], results[2]])).statusCode,
    400,
    'above the item’s maximum',
  );
  const done = await submit();
  assert.equal(done.statusCode, 200, done.body);
  assert.deepEqual([done.json().score, done.json().maxScore, done.json().notices.length], [45, 100, 2]);
  assert.match(done.json().notices[0].noticeNo, /^整改〔2026〕\d{5}号$/);
  assert.equal(done.json().notices[0].deadline, '2026-11-05', 'three days for a blocked exit');
  assert.equal((await submit()).statusCode, 409, 'submitted once');
  const photo = await company.get(`${base}/inspection-photos/${done.json().photos[0].id}`);
  assert.equal(photo.headers['content-type'], 'image/png', 'the company sees the evidence');
});

test('the company answers; re-inspection sends one back with a new deadline, then passes it; an overdue one escalates once', async () => {
  const notices = (await company.get(`${base}/rectifications?estateId=${estateId}`)).json();
  assert.equal(notices.length, 2);
  const [exit, lane] = notices;
  assert.match(exit.legalBasis, /消防法/);
  const answer = (n: { id: string; version: number }, text: string) =>
    company.post(`${base}/rectifications/${n.id}/answer`, { version: n.version, answer: text });
  let n = (await answer(exit, '杂物已清理，张贴禁止堆放告示')).json();
  assert.equal(n.state, 'answered');
  assert.equal(
    (await company.post(`${base}/rectifications/${n.id}/reinspect`, { version: n.version, passed: true, note: 'x' }))
      .statusCode,
    403,
  );
  const noDate = await street.post(`${base}/rectifications/${n.id}/reinspect`, {
    version: n.version,
    passed: false,
    note: '仍有杂物',
  });
  assert.equal(noDate.statusCode, 400);
  n = (
    await street.post(`${base}/rectifications/${n.id}/reinspect`, {
      version: n.version,
      passed: false,
      note: '仍有杂物',
      newDeadline: '2026-11-10',
    })
  ).json();
  assert.deepEqual([n.state, n.rounds, n.deadline], ['reopened', 2, '2026-11-10']);
  n = (await answer(n, '已全部清理')).json();
  n = (
    await street.post(`${base}/rectifications/${n.id}/reinspect`, {
      version: n.version,
      passed: true,
      note: '复查合格',
    })
  ).json();
  assert.deepEqual([n.state, n.passedOn], ['passed', '2026-11-02']);

  clock.set(new Date('2026-11-06T02:00:00Z'));
  assert.equal((await escalateOverdue(t.handle.db)).escalated, 1, 'the lane notice passed its deadline of 11-05');
  assert.equal((await escalateOverdue(t.handle.db)).escalated, 0, 'once');
  const after = (await street.get(`${base}/rectifications?estateId=${estateId}`)).json();
  const overdue = after.find((x: { id: string }) => x.id === lane.id);
  assert.deepEqual([overdue.escalatedOn, overdue.overdue], ['2026-11-06', true]);
  const records = await t.handle.db
    .selectFrom('credit_records')
    .selectAll()
    .where('source', '=', 'inspections')
    .orderBy('item')
    .execute();
  assert.deepEqual(
    records.map((r) => [r.item, r.state, r.points]),
    [
      ['inspection_finding', 'pending', -100],
      ['rectification_overdue', 'pending', -200],
    ],
    'the two failed items as one findings record (−0.5 each), and the overdue notice',
  );
  assert.match(records[0].evidence, /整改〔2026〕\d{5}号、整改〔2026〕\d{5}号/);

  const figures = (await street.get(`${base}/rectification-figures?by=estate`)).json();
  const mine = figures.find((f: { key: string }) => f.key === estateId);
  assert.deepEqual([mine.found, mine.rectified, mine.onTime, mine.rateBp, mine.onTimeBp], [2, 1, 1, 5000, 10000]);
  const joint = await street.post(`${base}/joint-actions`, {
    estateId,
    onDate: '2026-11-06',
    departments: ['消防救援大队', '城管执法中队'],
    actions: '清理消防车通道违停车辆，约谈物业项目负责人',
    notices: 1,
    interviews: 1,
  });
  assert.equal(joint.statusCode, 201, joint.body);
  assert.equal((await street.get(`${base}/joint-actions`)).json().length, 1);
});
