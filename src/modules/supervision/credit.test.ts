import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  barEnds,
  inForce,
  rank,
  redAndBlack,
  DEFAULT_SCHEME as S,
  scoreOf,
  DEFAULT_WORKORDER_RULES as W,
  workorderItems,
} from './credit.ts';

const rec = (item: string, on = '2026-03-01', validUntil = '2027-02-28') => ({ item, on, validUntil });

test('grades at their boundaries: 85 points is AAA, 84.99 is AA; 以上 includes the number', () => {
  assert.equal(scoreOf(S, 8000, [rec('honour_national')], '2026-06-30').grade, 'AAA', '80 + 5 = 85');
  assert.equal(scoreOf(S, 7999, [rec('honour_national')], '2026-06-30').grade, 'AA', '84.99');
  assert.equal(scoreOf(S, 7000, [], '2026-06-30').grade, 'A');
  assert.equal(scoreOf(S, 6999, [], '2026-06-30').grade, 'B');
  assert.equal(scoreOf(S, 5999, [], '2026-06-30').grade, 'C');
});

test('base and good records are capped; bad records are not; a failing record grades C whatever the score', () => {
  const many = Array.from({ length: 12 }, () => rec('honour_national'));
  const s = scoreOf(S, 9000, many, '2026-06-30');
  assert.deepEqual([s.base, s.good, s.total], [8000, 4000, 12000]);
  const bad = scoreOf(S, 8000, [rec('court_liable'), rec('court_liable'), rec('unauthorised_charge')], '2026-06-30');
  assert.deepEqual([bad.bad, bad.total, bad.grade], [1500, 6500, 'B']);
  const failed = scoreOf(S, 8000, [...many, rec('fund_misuse')], '2026-06-30');
  assert.deepEqual([failed.failed, failed.grade], [true, 'C']);
});

test('a record counts from its date to its last valid day, both included', () => {
  const r = rec('court_liable', '2026-03-01', '2027-02-28');
  assert.equal(scoreOf(S, 8000, [r], '2026-02-28').bad, 0, 'not yet');
  assert.equal(scoreOf(S, 8000, [r], '2026-03-01').bad, 500);
  assert.equal(scoreOf(S, 8000, [r], '2027-02-28').bad, 500);
  assert.equal(scoreOf(S, 8000, [r], '2027-03-01').bad, 0, 'expired');
  assert.throws(() => scoreOf(S, 8000, [rec('no_such_item')], '2026-06-30'), /no such credit item/);
});

test('ranking: failed companies last, ties share a rank whatever the input order', () => {
  const scores = [
    { companyId: 'c', total: 9000, failed: false },
    { companyId: 'a', total: 9000, failed: false },
    { companyId: 'b', total: 9500, failed: true },
    { companyId: 'd', total: 7000, failed: false },
  ];
  assert.deepEqual(
    rank(scores).map((r) => [r.companyId, r.rank]),
    [
      ['a', 1],
      ['c', 1],
      ['d', 3],
      ['b', 4],
    ],
  );
  fc.assert(
    fc.property(
      fc.array(fc.record({ total: fc.integer({ min: -2000, max: 12000 }), failed: fc.boolean() }), { maxLength: 40 }),
      (xs) => {
        const scored = xs.map((x, i) => ({ ...x, companyId: `c${String(i).padStart(3, '0')}` }));
        const a = rank(scored);
        const b = rank([...scored].reverse());
        assert.deepEqual(
          a.map((r) => [r.companyId, r.rank]),
          b.map((r) => [r.companyId, r.rank]),
        );
        for (let i = 1; i < a.length; i++) assert.ok(a[i].rank >= a[i - 1].rank);
      },
    ),
  );
});

test('red and black lists: top or bottom five in three evaluations in a row, and only then', () => {
  const period = (order: string[]) =>
    rank(order.map((companyId, i) => ({ companyId, total: 10_000 - i * 100, failed: false })));
  const ids = Array.from({ length: 12 }, (_, i) => `c${String(i).padStart(2, '0')}`);
  const q1 = period(ids);
  const q2 = period([ids[1], ids[0], ...ids.slice(2)]);
  const q3 = period([ids[5], ...ids.slice(0, 5), ...ids.slice(6)]);
  assert.deepEqual(redAndBlack([q1, q2]), { red: [], black: [] }, 'two evaluations are not enough');
  const lists = redAndBlack([q1, q2, q3]);
  assert.deepEqual(lists.red, ['c00', 'c01', 'c02', 'c03'], 'c04 fell to sixth in the third');
  assert.deepEqual(lists.black, ['c07', 'c08', 'c09', 'c10', 'c11']);
});

test('a year’s bar ends on the corresponding day, or the month’s last day where there is none (arts. 201–202)', () => {
  assert.equal(barEnds('2026-04-01', 12), '2027-04-01');
  assert.equal(barEnds('2026-03-31', 12), '2027-03-31');
  assert.equal(barEnds('2024-02-29', 12), '2025-02-28');
  assert.equal(barEnds('2026-08-31', 6), '2027-02-28');
  const bar = { from: '2026-04-01', until: barEnds('2026-04-01', 12) };
  assert.deepEqual(
    ['2026-03-31', '2026-04-01', '2027-04-01', '2027-04-02'].map((d) => inForce(bar, d)),
    [false, true, true, false],
  );
});

test('work-order records: rates compared exactly at their thresholds; too few tickets are not judged', () => {
  const c = (due: number, onTime: number, rated: number, satisfied: number) => ({ due, onTime, rated, satisfied });
  assert.deepEqual(workorderItems(W, c(100, 90, 100, 80)), [], '90.00 % and 80.00 % are not below');
  assert.deepEqual(workorderItems(W, c(10_000, 8_999, 10_000, 7_999)), [
    'workorder_on_time_low',
    'workorder_satisfaction_low',
  ]);
  assert.deepEqual(workorderItems(W, c(50, 49, 50, 49)), ['workorder_excellent'], '98 % is 98 % 以上');
  assert.deepEqual(workorderItems(W, c(1_000, 979, 1_000, 1_000)), [], '97.9 % is not excellent');
  assert.deepEqual(workorderItems(W, c(19, 0, 19, 0)), [], 'fewer than 20 tickets');
  assert.deepEqual(workorderItems(W, c(20, 0, 5, 5)), ['workorder_on_time_low'], 'satisfaction not judged on 5');
});
