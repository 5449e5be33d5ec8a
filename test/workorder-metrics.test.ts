import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clock } from '../src/kernel/clock.ts';
import { DEMO_RESIDENT_PHONE, seedDemo } from '../src/modules/registry/seed/demo.ts';
import { sweepClocks } from '../src/modules/workorders/index.ts';
import { COUNTERS, countersOf } from '../src/modules/workorders/metrics.ts';
import { foldRollups } from '../src/modules/workorders/rollups.ts';
import { type Client, residentLogin, startTestApp, type TestApp } from './helpers.ts';

/**
 * A hand-computed fixture for every metric. The clock starts on Monday 2026-03-02 09:00 (+08:00), no holiday
 * near, so: 楼道照明 responds within 8 h and resolves within 2 working days (due Thu 03-05 00:00); 违法搭建
 * responds within 1 working day (due Wed 03-04 00:00); a department reports within 2 h of the whistle and
 * resolves within 5 working days (due Tue 03-10 00:00). The clock then jumps to Thu 03-05 01:00.
 *
 *   T1 楼道照明  accept, dispatch, start, resolve, confirm, feedback solved + 满意
 *   T2 楼道照明  the same, feedback not solved + 不满意
 *   T3 楼道照明  dispatched, never started: breached at the jump
 *   T4 违法搭建  escalated, whistled, reported at once, replied, confirmed, solved + 基本满意
 *   T5 违法搭建  escalated, whistled, declined, whistled again; reported after the jump (late), replied
 *   T6 楼道照明  rejected
 *   T7 楼道照明  full loop solved + 满意, then reopened: its new clock breaches at the jump
 *
 *   dispatched 6 (all but T6) · responded in time 4 (T1 T2 T4 T7) → 响应率 4/6
 *   fed back 3 (T1 T2 T4; T7's was undone by the reopen) · solved 2 → 解决率 2/3
 *   rated 3 · 满意+基本满意 2 → 满意率 2/3
 *   due 6 (resolved T1 T2 T4 T5, breached T3 T7) · on time 4 → 按时办结率 4/6
 *   closed 4 (T1 T2 T4 T7) · reopened 1 → 重办率 1/4
 *   misrouted 1 (T5 declined) → 派单准确率 5/6
 *   whistles 3 (T4, T5 twice) · reported in time 1 → 部门报到及时率 1/3
 */
let t: TestApp;
let resident: Client;
let company: Client;
let staff: Client;
let street: Client;
let department: Client;
let staffId: string;
const leaves: Record<string, string> = {};
let estateId: string;
let unitId: string;

before(async () => {
  clock.set(new Date('2026-03-02T09:00:00+08:00'));
  t = await startTestApp({ seed: (h) => seedDemo(h.db) });
  resident = await residentLogin(t, DEMO_RESIDENT_PHONE);
  [company, staff, street, department] = await Promise.all(
    ['company.admin', 'company.staff', 'wangjiang.street', 'dept.chengguan'].map((u) => t.as(u)),
  );
  staffId = (
    await t.handle.db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'company.staff')
      .executeTakeFirstOrThrow()
  ).id;
  const unit = (await resident.get('/api/v1/me/units')).json()[0];
  estateId = unit.estateId;
  unitId = unit.unitId ?? unit.id;
  for (const c of (await resident.get('/api/v1/workorders/categories')).json()) leaves[c.code] = c.id;
});
after(async () => {
  clock.reset();
  await t.close();
});

async function report(code: string) {
  const res = await resident.post('/api/v1/workorders/tickets', {
    estateId,
    categoryId: leaves[code],
    description: code,
    placeKind: 'unit',
    unitId,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as string;
}
async function steps(id: string, ...list: [Client, Record<string, unknown>][]) {
  for (const [who, body] of list) {
    const res = await who.post(`/api/v1/workorders/tickets/${id}/transitions`, body);
    assert.equal(res.statusCode, 200, `${body.action}: ${res.body}`);
  }
}
const LIGHT = 'BUILDING.STAIRS.LIGHT';
const ADDITION = 'COMMON.BUILDING_LAW.ADDITION';
const loop = (feedback: Record<string, unknown>): [Client, Record<string, unknown>][] => [
  [company, { action: 'accept' }],
  [company, { action: 'dispatch', assigneeAccountId: staffId }],
  [staff, { action: 'start' }],
  [staff, { action: 'resolve', note: '已处理' }],
  [resident, { action: 'confirm' }],
  [resident, { action: 'feedback', feedback }],
];

test('every metric matches the hand-computed fixture, and the rollups equal a recount of the tickets', async () => {
  await steps(await report(LIGHT), ...loop({ solved: true, satisfaction: 'satisfied' }));
  await steps(await report(LIGHT), ...loop({ solved: false, satisfaction: 'dissatisfied' }));
  await steps(
    await report(LIGHT),
    [company, { action: 'accept' }],
    [company, { action: 'dispatch', assigneeAccountId: staffId }],
  );
  await steps(
    await report(ADDITION),
    [company, { action: 'accept' }],
    [company, { action: 'request_escalation', reason: '需执法' }],
    [street, { action: 'whistle' }],
    [department, { action: 'report' }],
    [department, { action: 'reply', note: '已拆除' }],
    [resident, { action: 'confirm' }],
    [resident, { action: 'feedback', feedback: { solved: true, satisfaction: 'basically_satisfied' } }],
  );
  const t5 = await report(ADDITION);
  await steps(
    t5,
    [company, { action: 'accept' }],
    [company, { action: 'request_escalation', reason: '需执法' }],
    [street, { action: 'whistle' }],
    [department, { action: 'decline', reason: '请核实' }],
    [street, { action: 'whistle', note: '已核实，仍属城管' }],
  );
  await steps(await report(LIGHT), [company, { action: 'reject', reason: '重复报送' }]);
  const t7 = await report(LIGHT);
  await steps(t7, ...loop({ solved: true, satisfaction: 'satisfied' }), [
    resident,
    { action: 'reopen', reason: '灯又坏了' },
  ]);

  clock.set(new Date('2026-03-05T01:00:00+08:00'));
  const swept = await sweepClocks(t.handle.db);
  assert.equal(swept.breached, 2, 'T3 and T7 breach');
  assert.equal(swept.lateReports, 1, 'T5’s second whistle was not reported in time');
  await steps(t5, [department, { action: 'report' }], [department, { action: 'reply', note: '已处理' }]);

  const metrics = async (groupBy: string) => {
    const res = await street.get(`/api/v1/workorders/metrics?groupBy=${groupBy}&from=2026-03&to=2026-03`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items;
  };
  const [all] = await metrics('none');
  const frac = (r: { numerator: number; denominator: number }) => `${r.numerator}/${r.denominator}`;
  assert.equal(all.counters.tickets, 7);
  assert.equal(frac(all.responseRate), '4/6');
  assert.equal(frac(all.resolutionRate), '2/3');
  assert.equal(frac(all.satisfactionRate), '2/3');
  assert.equal(frac(all.onTimeRate), '4/6');
  assert.equal(frac(all.reworkRate), '1/4');
  assert.equal(frac(all.dispatchAccuracy), '5/6');
  assert.equal(frac(all.reportRate), '1/3');

  const byDepartment = await metrics('department');
  assert.equal(byDepartment.length, 1);
  assert.match(byDepartment[0].name, /城管执法/);
  assert.equal(byDepartment[0].counters.tickets, 2);
  assert.equal(frac(byDepartment[0].reportRate), '1/3');
  const [byCompany] = await metrics('company');
  assert.equal(byCompany.counters.tickets, 7);

  // The company sees its own figures; an export is a spreadsheet.
  const own = (await company.get('/api/v1/workorders/metrics?groupBy=none&from=2026-03&to=2026-03')).json().items;
  assert.equal(own[0].counters.tickets, 7);
  const xlsx = await street.get('/api/v1/workorders/metrics?groupBy=estate&format=xlsx');
  assert.equal(xlsx.statusCode, 200);
  assert.match(xlsx.headers['content-type'] as string, /spreadsheetml/);

  // Invariant: the incrementally kept rollups equal a recount from the tickets themselves.
  const tickets = await t.handle.db.selectFrom('tickets').selectAll().execute();
  const recount = Object.fromEntries(COUNTERS.map((c) => [c, 0])) as Record<string, number>;
  for (const row of tickets) {
    const c = countersOf({
      dispatchedAt: row.dispatched_at,
      respondedAt: row.responded_at,
      responseDue: row.response_due,
      feedbackSolved: row.feedback_solved,
      satisfaction: row.satisfaction,
      resolvedAt: row.resolved_at,
      resolvedLate: row.resolved_late,
      breached: row.breached,
      closedCount: row.closed_count,
      reopenCount: row.reopen_count,
      declineCount: row.decline_count,
      rerouteCount: row.reroute_count,
      whistleCount: row.whistle_count,
      reportedInTime: row.reported_in_time,
    });
    for (const k of COUNTERS) recount[k] += c[k];
  }
  assert.deepEqual(all.counters, recount);

  // Folding the deltas into the rollups changes nothing a reader sees.
  const pending = await t.handle.db.selectFrom('ticket_rollup_deltas').select('month').execute();
  assert.ok(pending.length > 0);
  await foldRollups(t.handle.db);
  const [folded] = await metrics('none');
  assert.deepEqual(folded, all);
  const left = await t.handle.db.selectFrom('ticket_rollup_deltas').selectAll().execute();
  assert.equal(left.length, 0);
});
