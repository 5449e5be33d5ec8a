import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { billAmount, billedDays, lateFee, periodDays } from './billing.ts';

test('periods know their length, leap years included', () => {
  assert.deepEqual(periodDays('2024-02'), { start: '2024-02-01', end: '2024-02-29', days: 29 });
  assert.equal(periodDays('2026-02').days, 28);
  assert.equal(periodDays('2026-12').end, '2026-12-31');
  assert.throws(() => periodDays('2026-13'));
});

test('a unit delivered during the month pays from that day; one delivered later pays nothing yet', () => {
  assert.equal(billedDays('2026-11', null), 30);
  assert.equal(billedDays('2026-11', '2020-05-01'), 30);
  assert.equal(billedDays('2026-11', '2026-11-01'), 30);
  assert.equal(billedDays('2026-11', '2026-11-16'), 15);
  assert.equal(billedDays('2026-11', '2026-11-30'), 1);
  assert.equal(billedDays('2026-11', '2026-12-01'), 0);
});

test('the amount is the exact one rounded half up to the fen', () => {
  // 1.85 元/m² × 89.50 m² = 165.575 元 → 165.58 元
  assert.equal(billAmount(185, 8950, 30, 30), 16558);
  // half a month of it: 82.7875 元 → 82.79 元
  assert.equal(billAmount(185, 8950, 15, 30), 8279);
  // a parking space at 150 元 a month, 10 days of 31: 48.387… 元 → 48.39 元
  assert.equal(billAmount(15000, null, 10, 31), 4839);
  // exactly half a fen rounds up: 1 fen/m² × 0.50 m²
  assert.equal(billAmount(1, 50, 30, 30), 1);
  assert.equal(billAmount(1, 49, 30, 30), 0);
});

test('against exact rational arithmetic on random inputs, including amounts past 2^53 before division', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10_000_000 }),
      fc.option(fc.integer({ min: 1, max: 100_000_000 }), { nil: null }),
      fc.integer({ min: 28, max: 31 }).chain((dim) => fc.tuple(fc.constant(dim), fc.integer({ min: 1, max: dim }))),
      (price, area, [dim, days]) => {
        const got = BigInt(billAmount(price, area, days, dim));
        const num = BigInt(price) * BigInt(area ?? 100) * BigInt(days);
        const den = 100n * BigInt(dim);
        // got is the rounding of num/den: |got − num/den| ≤ 1/2, and exactly 1/2 only rounds up
        const diff = 2n * (got * den - num);
        assert.ok(diff <= den && diff > -den, `${price} ${area} ${days}/${dim} → ${got}`);
      },
    ),
  );
});

test('late fee: none within the billed month and its grace days, then 万分之 of the unpaid amount a day, rounded down', () => {
  // Bill for 2026-03 (due 03-31), 3 bp a day, 10 days' grace: due 04-10.
  assert.equal(lateFee(100_000, '2026-03', '2026-04-10', 3, 10), 0, 'the due date itself is not late');
  assert.equal(lateFee(100_000, '2026-03', '2026-04-11', 3, 10), 30, '1 day: 100000 × 3 / 10000');
  assert.equal(lateFee(100_000, '2026-03', '2026-05-10', 3, 10), 900, '30 days');
  assert.equal(lateFee(3_333, '2026-03', '2026-04-02', 3, 0), 1, '3333 × 3 × 2 / 10000 = 1.9998 → 1');
  assert.equal(lateFee(0, '2026-03', '2027-01-01', 3, 0), 0);
  assert.equal(lateFee(100_000, '2026-02', '2026-03-01', 5, 0), 50, 'February has 28 days in 2026');
});
