import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clock } from '../src/kernel/clock.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { sweepClocks } from '../src/modules/workorders/index.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
let resident: Client;
let companyAdmin: Client;
let staff: Client;
let street: Client;
let department: Client;
let estateId: string;
let unitId: string;
const leaves: Record<string, string> = {};

before(async () => {
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  companyAdmin = await t.as('company.admin');
  staff = await t.as('company.staff');
  street = await t.as('wangjiang.street');
  department = await t.as('dept.chengguan');
  const units = (await resident.get('/api/v1/me/units')).json();
  estateId = units[0].estateId;
  unitId = units[0].unitId ?? units[0].id;
  for (const c of (await resident.get('/api/v1/workorders/categories')).json()) leaves[c.code] = c.id;
});
after(async () => {
  clock.reset();
  await t.close();
});

const act = (c: Client, id: string, body: Record<string, unknown>) =>
  c.post(`/api/v1/workorders/tickets/${id}/transitions`, body);
const detail = async (c: Client, id: string) => (await c.get(`/api/v1/workorders/tickets/${id}`)).json();
const accountId = async (username: string) =>
  (await t.handle.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

async function report(code: string, extra: Record<string, unknown> = {}) {
  const res = await resident.post('/api/v1/workorders/tickets', {
    estateId,
    categoryId: leaves[code],
    description: `测试报事 ${code}`,
    placeKind: 'unit',
    unitId,
    ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as string;
}

test('a retried report with the same Idempotency-Key is one ticket', async () => {
  const body = { estateId, categoryId: leaves['UNIT.WATER.LEAK'], description: '厨房漏水', placeKind: 'unit', unitId };
  const send = () =>
    resident.request({
      method: 'POST',
      url: '/api/v1/workorders/tickets',
      payload: body,
      headers: { 'idempotency-key': 'retry-1' },
    });
  const [a, b] = await Promise.all([send(), send()]);
  assert.equal(a.statusCode, 201);
  assert.equal(b.statusCode, 201);
  assert.equal(a.json().id, b.json().id);
  const rows = await t.handle.db.selectFrom('tickets').select('id').where('description', '=', '厨房漏水').execute();
  assert.equal(rows.length, 1);
  const reused = await resident.request({
    method: 'POST',
    url: '/api/v1/workorders/tickets',
    payload: { ...body, description: '另一件事' },
    headers: { 'idempotency-key': 'retry-1' },
  });
  assert.equal(reused.statusCode, 422);
});

test('a repair goes round the whole loop, and the resident sees each step and who is responsible', async () => {
  const id = await report('BUILDING.STAIRS.LIGHT');
  let d = await detail(resident, id);
  assert.equal(d.state, 'submitted');
  assert.equal(d.responsibleKind, 'company');
  assert.ok(d.responsibleName, 'the resident sees the company by name');
  assert.ok(d.resolutionDue);

  // Two staff accept at once: exactly one wins, the other is told what can happen next.
  const [x, y] = await Promise.all([act(companyAdmin, id, { action: 'accept' }), act(staff, id, { action: 'accept' })]);
  assert.deepEqual([x.statusCode, y.statusCode].sort(), [200, 409]);
  const loser = x.statusCode === 409 ? x : y;
  assert.equal(loser.json().code, 'workorders.invalid_transition');
  assert.match(loser.json().detail, /dispatch/);

  const staffId = await accountId('company.staff');
  assert.equal((await act(companyAdmin, id, { action: 'dispatch', assigneeAccountId: staffId })).statusCode, 200);
  assert.equal((await act(staff, id, { action: 'comment', note: '内部：需要梯子', internal: true })).statusCode, 200);
  assert.equal((await act(staff, id, { action: 'start' })).statusCode, 200);
  const bad = await act(resident, id, { action: 'confirm' });
  assert.equal(bad.statusCode, 409);
  assert.equal((await act(staff, id, { action: 'resolve', note: '已更换灯泡' })).statusCode, 200);
  assert.equal((await act(resident, id, { action: 'confirm' })).statusCode, 200);
  const rated = await act(resident, id, {
    action: 'feedback',
    feedback: { solved: true, satisfaction: 'satisfied', comment: '很快' },
  });
  assert.equal(rated.statusCode, 200, rated.body);
  d = await detail(resident, id);
  assert.equal(d.state, 'closed');
  assert.equal(d.responsibleKind, 'none');
  assert.deepEqual(
    d.timeline.map((e: { action: string }) => e.action),
    ['submit', 'accept', 'dispatch', 'start', 'resolve', 'confirm', 'feedback'],
    'the internal note is not shown to the resident',
  );
  const staffView = await detail(companyAdmin, id);
  assert.ok(staffView.timeline.some((e: { internal: boolean }) => e.internal));

  const notes = (await resident.get('/api/v1/me/notifications')).json();
  const bodies = JSON.stringify(notes);
  for (const word of ['已受理', '已办结', '已关闭']) assert.match(bodies, new RegExp(word));
});

test('an escalated complaint reaches the department the table names, which reports and answers', async () => {
  const id = await report('COMMON.BUILDING_LAW.ADDITION', {
    placeKind: 'common',
    unitId: undefined,
    placeText: '5栋楼顶',
  });
  assert.equal((await act(companyAdmin, id, { action: 'accept' })).statusCode, 200);
  const asked = await act(companyAdmin, id, { action: 'request_escalation', reason: '业主拒不整改，需城管执法' });
  assert.equal(asked.statusCode, 200);
  assert.equal((await detail(resident, id)).responsibleKind, 'street');
  // The department cannot see it before the whistle.
  assert.equal((await department.get(`/api/v1/workorders/tickets/${id}`)).statusCode, 404);
  const whistled = await act(street, id, { action: 'whistle', note: '请城管执法局报到' });
  assert.equal(whistled.statusCode, 200, whistled.body);
  const d = await detail(department, id);
  assert.equal(d.state, 'whistled');
  assert.match(d.departmentName, /城管执法/);
  assert.equal((await detail(resident, id)).responsibleKind, 'department');
  assert.equal((await act(department, id, { action: 'report' })).statusCode, 200);
  assert.equal((await act(department, id, { action: 'reply', note: '已下达整改通知并拆除' })).statusCode, 200);
  assert.equal((await act(resident, id, { action: 'confirm' })).statusCode, 200);
  assert.equal(
    (await act(resident, id, { action: 'feedback', feedback: { solved: true, satisfaction: 'basically_satisfied' } }))
      .statusCode,
    200,
  );
  const final = await detail(street, id);
  assert.equal(final.state, 'closed');
  assert.equal(final.whistles.length, 1);
  assert.equal(final.whistles[0].reportedLate, false);
});

test('a department that declines sends it back to the street, counted against dispatch accuracy', async () => {
  const id = await report('COMMON.BUILDING_LAW.ADVERT', { placeKind: 'common', unitId: undefined });
  await act(companyAdmin, id, { action: 'accept' });
  await act(companyAdmin, id, { action: 'request_escalation', reason: '无权处理' });
  await act(street, id, { action: 'whistle' });
  const declined = await act(department, id, { action: 'decline', reason: '属市场监管职责' });
  assert.equal(declined.statusCode, 200);
  const d = await detail(street, id);
  assert.equal(d.state, 'escalation_requested');
  assert.ok(d.whistles[0].declinedAt);
  const noReason = await act(department, id, { action: 'report' });
  assert.equal(noReason.statusCode, 403, 'once declined the department can no longer act on it');
});

test('a deadline that passes escalates the ticket to the street automatically', async () => {
  const id = await report('BUILDING.STAIRS.LIGHT');
  await act(companyAdmin, id, { action: 'accept' });
  const before = await detail(companyAdmin, id);
  assert.equal(before.overdue, false);
  clock.set(new Date(new Date(before.resolutionDue).getTime() + 60_000));
  try {
    const swept = await sweepClocks(t.handle.db);
    assert.ok(swept.breached >= 1);
    const d = await detail(street, id);
    assert.equal(d.state, 'escalation_requested');
    assert.equal(d.responsibleKind, 'street');
    assert.equal(d.timeline.at(-1).action, 'breach_escalate');
    const streetId = await accountId('wangjiang.street');
    const told = await t.handle.db
      .selectFrom('notifications')
      .select('body')
      .where('account_id', '=', streetId)
      .where('template', '=', 'workorders.notice.breach')
      .execute();
    assert.ok(told.length >= 1);
    const again = await sweepClocks(t.handle.db);
    assert.equal(again.breached, 0, 'a breach escalates once');
  } finally {
    clock.reset();
  }
});

test('waiting for the resident pauses the clock and pushes the deadline out', async () => {
  const id = await report('UNIT.WATER.DRAIN');
  const staffId = await accountId('company.staff');
  await act(companyAdmin, id, { action: 'accept' });
  await act(companyAdmin, id, { action: 'dispatch', assigneeAccountId: staffId });
  await act(staff, id, { action: 'start' });
  const due0 = new Date((await detail(staff, id)).resolutionDue).getTime();
  assert.equal((await act(staff, id, { action: 'wait', note: '业主不在家，约明天上门' })).statusCode, 200);
  assert.equal((await detail(resident, id)).responsibleKind, 'resident');
  clock.advance(3 * 86_400_000);
  try {
    assert.equal((await sweepClocks(t.handle.db)).breached, 0, 'a paused clock never breaches');
    assert.equal((await act(resident, id, { action: 'resume', note: '我在家了' })).statusCode, 200);
    const due1 = new Date((await detail(staff, id)).resolutionDue).getTime();
    assert.ok(due1 > due0, 'the deadline moved out by the paused time');
  } finally {
    clock.reset();
  }
});

test('bad input is refused in the caller’s language and nothing is written', async () => {
  const count = async () =>
    Number(
      (
        await t.handle.db
          .selectFrom('tickets')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const n = await count();
  const notLeaf = await resident.post('/api/v1/workorders/tickets', {
    estateId,
    categoryId: (
      await t.handle.db.selectFrom('workorder_categories').select('id').where('level', '=', 1).executeTakeFirstOrThrow()
    ).id,
    description: 'x',
    placeKind: 'common',
  });
  assert.equal(notLeaf.statusCode, 400);
  assert.match(notLeaf.json().detail, /第三级/);
  const en = await resident.request({
    method: 'POST',
    url: '/api/v1/workorders/tickets?lang=en',
    payload: { estateId, categoryId: leaves['UNIT.WATER.LEAK'], description: 'x', placeKind: 'unit' },
  });
  assert.equal(en.statusCode, 400);
  assert.match(en.json().detail, /unit or building/);
  const noReason = await act(companyAdmin, await report('UNIT.WATER.LEAK'), { action: 'reject' });
  assert.equal(noReason.statusCode, 400);
  assert.equal(await count(), n + 1);
});

test('ticket numbers are readable and never collide, however many arrive at once', async () => {
  const created = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      resident.post('/api/v1/workorders/tickets', {
        estateId,
        categoryId: leaves['UNIT.WATER.LEAK'],
        description: `并发报事 ${i}`,
        placeKind: 'unit',
        unitId,
      }),
    ),
  );
  const numbers = created.map((r) => {
    assert.equal(r.statusCode, 201, r.body);
    return r.json().number as string;
  });
  for (const n of numbers) assert.match(n, /^WO\d{8}-\d{6,}$/);
  assert.equal(new Set(numbers).size, numbers.length);
});
