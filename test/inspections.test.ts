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
  const notices = (await company.get(`${base}/rectifications?estateId=${estateId}`)).json().items;
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
  const after = (await street.get(`${base}/rectifications?estateId=${estateId}`)).json().items;
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
  const later = await street.post(`${base}/joint-actions`, {
    onDate: '2026-11-07',
    departments: ['市场监管所'],
    actions: '检查收费公示',
    notices: 0,
    interviews: 0,
  });
  assert.equal(later.statusCode, 201, later.body);
  // Latest first, a page at a time.
  const first = (await street.get(`${base}/joint-actions?limit=1`)).json();
  assert.deepEqual([first.items[0].onDate, first.items[0].estate], ['2026-11-07', null]);
  const second = (await street.get(`${base}/joint-actions?limit=1&cursor=${first.nextCursor}`)).json();
  assert.deepEqual(
    [second.items[0].onDate, second.items[0].estate, second.nextCursor],
    ['2026-11-06', '锦绣花园', null],
  );
});

test('the desk lists who may inspect, its plans and inspections; evidence photos; a checklist edit is a new version', async () => {
  const inspectors = (await street.get(`${base}/inspectors`)).json();
  assert.ok(inspectors.some((a: { id: string }) => a.id === inspectorId));
  const district = await t.as('jiangnan.admin');
  const all = (await district.get(`${base}/inspectors`)).json();
  assert.ok(all.length > inspectors.length, 'the district sees its streets’ inspectors too');
  const districtId = (await district.get('/api/v1/auth/me')).json().id;
  const city = await t.as('city.admin');
  const cityId = (await city.get('/api/v1/auth/me')).json().id;
  const far = await city.post(`${base}/inspection-plans`, {
    name: '抽查',
    templateId: FIRE,
    dueOn: '2026-12-30',
    estateIds: [estateId],
    inspectorIds: [(await t.as('wangjiang.community').then((c) => c.get('/api/v1/auth/me'))).json().id],
  });
  assert.equal(far.statusCode, 400, 'a community cannot inspect');
  assert.match(far.json().detail, /无权检查/);
  assert.equal(
    (
      await city.post(`${base}/inspection-plans`, {
        name: '抽查',
        templateId: FIRE,
        dueOn: '2026-12-30',
        estateIds: [estateId],
        inspectorIds: [districtId, cityId],
      })
    ).statusCode,
    201,
  );

  const plans = (await street.get(`${base}/inspection-plans`)).json().items;
  const onePlan = (await street.get(`${base}/inspection-plans?limit=1`)).json();
  assert.equal(onePlan.items[0].id, plans[0].id, 'newest first');
  assert.equal(
    (await street.get(`${base}/inspection-plans?limit=1&cursor=${onePlan.nextCursor}`)).json().items[0].id,
    plans[1].id,
  );
  const fire = plans.find((p: { name: string; submitted: number }) => p.name === '11 月消防检查' && p.submitted === 1);
  assert.ok(fire, 'the named plan, one inspection submitted');
  const listed = (await street.get(`${base}/inspections?planId=${fire.id}`)).json();
  assert.deepEqual(
    listed.map((i: { estate: string; inspector: string; state: string; notices: number }) => [
      i.estate,
      i.inspector,
      i.state,
      i.notices,
    ]),
    [['锦绣花园', '望江街道办事处', 'submitted', 2]],
  );

  // Evidence: the company adds photos to a notice it still has to answer; the inspector sees them.
  const notices = (await company.get(`${base}/rectifications`)).json().items;
  const open = notices.find((n: { state: string }) => n.state === 'reopened' || n.state === 'issued');
  const passed = notices.find((n: { state: string }) => n.state === 'passed');
  const add = (n: { id: string }, file = PNG) =>
    uploadFile(company, `${base}/rectifications/${n.id}/evidence`, file, 'a.png');
  assert.ok(open, 'the lane notice is still open');
  const ok = await add(open);
  assert.equal(ok.statusCode, 201, ok.body);
  const seen = (await street.get(`${base}/rectifications?estateId=${estateId}`)).json().items;
  const evidence = seen.find((n: { id: string }) => n.id === open.id).evidence;
  assert.equal(evidence.length, 1);
  const img = await street.get(`${base}/rectification-evidence/${evidence[0].id}`);
  assert.equal(img.headers['content-type'], 'image/png');
  assert.equal((await add(open, Buffer.from('not an image'))).statusCode, 400);
  assert.equal((await add(passed)).statusCode, 409, 'a passed notice takes no more evidence');
  assert.equal(
    (await uploadFile(street, `${base}/rectifications/${passed.id}/evidence`, PNG, 'a.png')).statusCode,
    403,
  );
  // A wrong photo is taken back before the answer: by the company only, and gone for the inspector too.
  const wrong = (await add(open)).json();
  assert.equal((await street.delete(`${base}/rectification-evidence/${wrong.id}`)).statusCode, 403);
  assert.equal((await company.delete(`${base}/rectification-evidence/${wrong.id}`)).statusCode, 204);
  assert.equal((await company.delete(`${base}/rectification-evidence/${wrong.id}`)).statusCode, 404);
  assert.equal((await street.get(`${base}/rectification-evidence/${wrong.id}`)).statusCode, 404);
  const still = (await street.get(`${base}/rectifications?estateId=${estateId}`)).json().items;
  assert.deepEqual(
    still.find((n: { id: string }) => n.id === open.id).evidence.map((e: { id: string }) => e.id),
    [evidence[0].id],
  );
  const taken = await t.handle.db
    .selectFrom('audit_log')
    .select('before')
    .where('action', '=', 'rectification.evidence_removed')
    .executeTakeFirstOrThrow();
  assert.equal((taken.before as { evidence: string }).evidence, wrong.id, 'the audit keeps what was taken back');

  const templates = (await district.get(`${base}/inspection-templates`)).json();
  const fireTemplate = templates.find((x: { id: string }) => x.id === FIRE);
  const edited = await district.put(`${base}/inspection-templates/${FIRE}`, {
    name: `${fireTemplate.name}（2027 版）`,
    items: [
      ...fireTemplate.items,
      {
        code: 'fire_alarm',
        text: '火灾自动报警系统运行正常',
        maxScore: 10,
        photoRequired: false,
        legalBasis: '《消防法》第十六条',
        days: 7,
      },
    ],
  });
  assert.equal(edited.statusCode, 200, edited.body);
  assert.equal(edited.json().replaces, FIRE);
  const now = (await district.get(`${base}/inspection-templates`)).json();
  assert.ok(!now.some((x: { id: string }) => x.id === FIRE), 'the old version is retired');
  assert.equal(now.find((x: { id: string }) => x.id === edited.json().id).items.length, fireTemplate.items.length + 1);
  assert.equal(
    (await district.put(`${base}/inspection-templates/${FIRE}`, { name: 'x', items: fireTemplate.items })).statusCode,
    409,
  );
  const kept = (await street.get(`${base}/inspections/${listed[0].id}`)).json();
  assert.equal(kept.template.items.length, fireTemplate.items.length, 'a planned inspection keeps its checklist');
  const figures = (await street.get(`${base}/rectification-figures?by=street`)).json();
  assert.equal(figures[0].name, '望江街道');
  const sheet = await street.get(`${base}/rectification-figures?by=street&format=csv`);
  assert.match(sheet.body, /名称,发现问题,已整改,整改率,按期整改,按期整改率/);
  assert.match(sheet.body, /望江街道,2,1,50\.00%,1,100\.00%/);
  // The list comes a page at a time: the open notices first (nearest deadline first), then the passed ones.
  const whole = (await street.get(`${base}/rectifications?limit=200`)).json();
  assert.equal(whole.nextCursor, null);
  const paged: { id: string; state: string; inspectionId: string }[] = [];
  for (let cursor: string | null = '', n = 0; cursor !== null && n < 50; n++) {
    const page: { items: typeof paged; nextCursor: string | null } = (
      await street.get(`${base}/rectifications?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
    ).json();
    assert.ok(page.items.length <= 1);
    paged.push(...page.items);
    cursor = page.nextCursor;
  }
  assert.deepEqual(
    paged.map((n) => n.id),
    whole.items.map((n: { id: string }) => n.id),
  );
  assert.ok(paged.length >= 2, 'more than one page');
  const states = paged.map((n) => (n.state === 'passed' ? 1 : 0));
  assert.deepEqual(states, [...states].sort(), 'open notices before passed ones');
  const ofInspection = (await street.get(`${base}/rectifications?inspectionId=${open.inspectionId}`)).json().items;
  assert.ok(ofInspection.length > 0);
  assert.ok(ofInspection.every((n: { inspectionId: string }) => n.inspectionId === open.inspectionId));
  assert.equal((await street.get(`${base}/rectifications?cursor=nonsense`)).statusCode, 400);
  const noticeSheet = await street.get(`${base}/rectifications?format=csv`);
  assert.match(noticeSheet.body, /通知书编号,小区,问题,依据,整改期限,状态/);
  assert.match(noticeSheet.body, /整改〔2026〕\d{5}号,锦绣花园,.*复查通过/);

  // Once answered, the round's photos are what the regulator re-inspects against: they stay.
  const answering = (await company.get(`${base}/rectifications`))
    .json()
    .items.find((n: { id: string }) => n.id === open.id);
  const answered = await company.post(`${base}/rectifications/${open.id}/answer`, {
    version: answering.version,
    answer: '已清理楼道堆物',
  });
  assert.equal(answered.statusCode, 200, answered.body);
  const frozen = await company.delete(`${base}/rectification-evidence/${evidence[0].id}`);
  assert.equal(frozen.statusCode, 409);
  assert.match(frozen.json().detail, /已回复待复查/);
});
