import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { defaultCalendarDays, workCalendar } from './calendar.ts';
import {
  budgetMs,
  countedMs,
  dueAt,
  type Interval,
  isBreached,
  remainingMs,
  reminderAt,
  type Sla,
  type SlaUnit,
} from './sla.ts';

const cal = workCalendar(defaultCalendarDays());
const at = (shanghai: string) => Date.parse(`${shanghai}+08:00`);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const wd = (amount: number): Sla => ({ amount, unit: 'working_days' });

test('国庆 2025: 2 working days from Fri 9.26 15:00 are due 9.30 00:00 (9.26 start day not counted, Sat 9.27 off, Sun 9.28 调休 = day 1, Mon 9.29 = day 2)', () => {
  assert.equal(dueAt(at('2025-09-26T15:00'), wd(2), cal, []), at('2025-09-30T00:00'));
});

test('国庆 2025: day 3 is Tue 9.30, 10.1–10.8 are off, day 4 Thu 10.9, day 5 Fri 10.10, day 6 the 调休 Sat 10.11', () => {
  const start = at('2025-09-26T15:00');
  assert.equal(dueAt(start, wd(3), cal, []), at('2025-10-01T00:00'));
  assert.equal(dueAt(start, wd(4), cal, []), at('2025-10-10T00:00'));
  assert.equal(dueAt(start, wd(5), cal, []), at('2025-10-11T00:00'));
  assert.equal(dueAt(start, wd(6), cal, []), at('2025-10-12T00:00'));
});

test('春节 2026: 3 working days from Fri 2.13 10:00 are due 2.26 00:00 (Sat 2.14 调休 = day 1, 2.15–2.23 off, Tue 2.24 day 2, Wed 2.25 day 3)', () => {
  assert.equal(dueAt(at('2026-02-13T10:00'), wd(3), cal, []), at('2026-02-26T00:00'));
});

test('a start at 00:00 still loses its whole start day (art. 201), and a start on a holiday counts from the next working day', () => {
  assert.equal(dueAt(at('2025-03-03T00:00'), wd(1), cal, []), at('2025-03-05T00:00')); // Mon → due end of Tue
  assert.equal(dueAt(at('2025-10-03T09:00'), wd(1), cal, []), at('2025-10-10T00:00')); // 国庆 → end of Thu 10.9
});

test('30 working days over 春节 2026 need no per-millisecond loop', () => {
  // From Mon 2026-02-02: 9 working days to Fri 2.13, Sat 2.14 调休 (10), 2.15–2.23 off, Tue 2.24–Fri 2.27 (14),
  // Sat 2.28 调休 (15), then three full weeks of March (Mon 3.2–Fri 3.20) make 30.
  assert.equal(dueAt(at('2026-02-02T09:00'), wd(30), cal, []), at('2026-03-21T00:00'));
});

test('hours run on the wall clock across midnight and holidays: 4 h from 9.30 22:00 are due 10.1 02:00', () => {
  const sla: Sla = { amount: 4, unit: 'hours' };
  assert.equal(dueAt(at('2025-09-30T22:00'), sla, cal, []), at('2025-10-01T02:00'));
  assert.equal(dueAt(at('2025-09-30T22:00'), { amount: 30, unit: 'minutes' }, cal, []), at('2025-09-30T22:30'));
});

test('a pause of 1.5 working days pushes a 2-working-day due from Thu 3.6 00:00 to Fri 3.7 12:00', () => {
  const start = at('2025-03-03T09:00'); // Mon; unpaused: Tue and Wed count, due Thu 00:00
  assert.equal(dueAt(start, wd(2), cal, []), at('2025-03-06T00:00'));
  const pause = { from: at('2025-03-04T00:00'), to: at('2025-03-05T12:00') };
  assert.equal(dueAt(start, wd(2), cal, [pause]), at('2025-03-07T12:00'));
  assert.equal(countedMs(start, at('2025-03-06T00:00'), 'working_days', cal, [pause]), DAY / 2);
});

test('pauses on a holiday, a weekend or the start day push nothing', () => {
  const start = at('2025-09-26T15:00');
  const pauses = [
    { from: at('2025-09-26T16:00'), to: at('2025-09-26T23:00') }, // start day, not counted anyway
    { from: at('2025-09-27T08:00'), to: at('2025-09-27T20:00') }, // Saturday off
  ];
  assert.equal(dueAt(start, wd(2), cal, pauses), at('2025-09-30T00:00'));
  const lift = at('2025-10-02T10:00');
  const holidayPause = { from: at('2025-10-02T10:30'), to: at('2025-10-02T11:00') };
  assert.equal(dueAt(lift, { amount: 1, unit: 'hours' }, cal, [holidayPause]), at('2025-10-02T11:30')); // hours do
});

test('an open pause: no due without now; with now, the due as if the clock resumed now', () => {
  const start = at('2025-03-03T09:00');
  const open: Interval = { from: at('2025-03-04T12:00'), to: null };
  const now = at('2025-03-05T12:00'); // one working day paused so far
  assert.equal(dueAt(start, wd(2), cal, [open]), null);
  assert.equal(dueAt(start, wd(2), cal, [open], now), at('2025-03-07T00:00'));
  assert.equal(remainingMs(now, start, wd(2), cal, [open]), 1.5 * DAY);
  assert.equal(isBreached(now, start, wd(2), cal, [open]), false);
  const lift = at('2025-06-01T10:00');
  const liftPause: Interval = { from: at('2025-06-01T10:30'), to: null };
  assert.equal(
    dueAt(lift, { amount: 1, unit: 'hours' }, cal, [liftPause], at('2025-06-01T11:00')),
    at('2025-06-01T11:30'),
  );
});

test('breach and remaining time: counted time stands still over 国庆 although the due has passed', () => {
  const start = at('2025-09-26T15:00'); // 2 working days, due 9.30 00:00
  assert.equal(isBreached(at('2025-09-29T23:59'), start, wd(2), cal, []), false);
  assert.equal(isBreached(at('2025-09-30T00:00'), start, wd(2), cal, []), false);
  assert.equal(isBreached(at('2025-09-30T00:01'), start, wd(2), cal, []), true);
  assert.equal(remainingMs(at('2025-10-03T12:00'), start, wd(2), cal, []), -DAY); // Tue 9.30 counted once more
  assert.equal(remainingMs(at('2025-10-05T12:00'), start, wd(2), cal, []), -DAY);
});

test('reminder at 80 %: 1.6 of 2 working days from Mon 3.3 is Wed 3.5 14:24', () => {
  assert.equal(reminderAt(at('2025-03-03T09:00'), wd(2), cal, []), at('2025-03-05T14:24'));
  assert.equal(reminderAt(at('2025-03-03T09:00'), { amount: 10, unit: 'hours' }, cal, [], 0.5), at('2025-03-03T14:00'));
  assert.throws(() => reminderAt(at('2025-03-03T09:00'), wd(2), cal, [], 1.5));
});

test('a calendar without working days throws instead of looping forever', () => {
  const never = { isWorkingDay: () => false };
  assert.throws(() => dueAt(at('2025-03-03T09:00'), wd(1), never, []), RangeError);
});

// Property tests over 2024–2026, where the calendar has real holidays and 调休.
const startArb = fc.integer({ min: at('2024-01-01T00:00'), max: at('2026-12-31T23:59') });
const slaArb = fc.record({
  amount: fc.integer({ min: 0, max: 30 }),
  unit: fc.constantFrom<SlaUnit>('minutes', 'hours', 'working_days'),
});
const pauseArb = (start: number) =>
  fc.record({
    from: fc.integer({ min: start - 5 * DAY, max: start + 60 * DAY }),
    length: fc.integer({ min: 0, max: 10 * DAY }),
  });
const pausesArb = (start: number) =>
  fc.array(pauseArb(start), { maxLength: 4 }).map((ps) => ps.map((p) => ({ from: p.from, to: p.from + p.length })));
const caseArb = startArb.chain((start) => fc.tuple(fc.constant(start), slaArb, pausesArb(start), pauseArb(start)));

test('property: counted time at the due is exactly the budget, and a millisecond earlier it is not', () => {
  fc.assert(
    fc.property(caseArb, ([start, sla, pauses]) => {
      const due = dueAt(start, sla, cal, pauses)!;
      assert.equal(countedMs(start, due, sla, cal, pauses), budgetMs(sla));
      if (budgetMs(sla) > 0) assert.ok(countedMs(start, due - 1, sla, cal, pauses) < budgetMs(sla));
    }),
  );
});

test('property: counted time never decreases as `until` grows', () => {
  const arb = caseArb.chain((c) =>
    fc.tuple(fc.constant(c), fc.integer({ min: -DAY, max: 90 * DAY }), fc.nat(30 * DAY)),
  );
  fc.assert(
    fc.property(arb, ([[start, sla, pauses], offset, step]) => {
      const u1 = start + offset;
      assert.ok(countedMs(start, u1, sla, cal, pauses) <= countedMs(start, u1 + step, sla, cal, pauses));
    }),
  );
});

test('property: adding a pause never makes the due earlier; an open pause at now equals a pause closed at now', () => {
  fc.assert(
    fc.property(caseArb, ([start, sla, pauses, extra]) => {
      const before = dueAt(start, sla, cal, pauses)!;
      const added = { from: extra.from, to: extra.from + extra.length };
      assert.ok(dueAt(start, sla, cal, [...pauses, added])! >= before);
      const now = added.to;
      const open = dueAt(start, sla, cal, [...pauses, { from: added.from, to: null }], now);
      assert.equal(open, dueAt(start, sla, cal, [...pauses, added]));
    }),
  );
});
