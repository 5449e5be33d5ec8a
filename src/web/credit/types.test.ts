import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bpAsPercent, parsePercent } from './types.ts';

/** The settings' rates: basis points shown as percentages with two decimals, typed back exactly. */

test('basis points are shown with two decimals and typed back exactly', () => {
  assert.equal(bpAsPercent(9000), '90.00');
  assert.equal(bpAsPercent(9250), '92.50');
  assert.equal(bpAsPercent(5), '0.05');
  assert.equal(parsePercent('92.5'), 9250);
  assert.equal(parsePercent(' 0.29 '), 29); // 0.29 * 100 is 28.999… as a float
  assert.equal(parsePercent('100'), 10_000);
  for (const bad of ['100.01', '1.234', '-1', 'abc', '', '.5']) assert.equal(parsePercent(bad), null, bad);
  fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => parsePercent(bpAsPercent(bp)) === bp));
});
