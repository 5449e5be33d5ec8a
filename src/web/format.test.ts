import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fenInWords, formatFen, parseYuan, yuanText } from './format.ts';

/** Money on the client: fen shown as yuan, yuan typed back to fen, and the capital numerals of a 收据. */

test('fen are shown as yuan with two decimals', () => {
  assert.equal(formatFen(12345), '¥123.45');
  assert.equal(formatFen(5), '¥0.05');
  assert.equal(formatFen(123456789), '¥1,234,567.89');
  assert.equal(formatFen(-150), '-¥1.50');
  assert.equal(yuanText(185), '1.85');
});

test('typed yuan become fen exactly, or null', () => {
  assert.equal(parseYuan('1.85'), 185);
  assert.equal(parseYuan('0.29'), 29); // 0.29 * 100 is 28.999… as a float
  assert.equal(parseYuan('1.1'), 110);
  assert.equal(parseYuan('.5'), 50);
  assert.equal(parseYuan(' ¥1,234.56 '), 123456);
  assert.equal(parseYuan('１２３．４５'), 12345);
  for (const bad of ['', '1.234', '-1', '1e3', 'abc', '1.2.3', '.']) assert.equal(parseYuan(bad), null, bad);
  fc.assert(fc.property(fc.integer({ min: 0, max: 1e11 }), (fen) => parseYuan(yuanText(fen)) === fen));
});

test('amounts in capital numerals', () => {
  assert.equal(fenInWords(0), '零元整');
  assert.equal(fenInWords(5), '伍分');
  assert.equal(fenInWords(1000), '壹拾元整');
  assert.equal(fenInWords(10005), '壹佰元零伍分');
  assert.equal(fenInWords(12345), '壹佰贰拾叁元肆角伍分');
  assert.equal(fenInWords(100150), '壹仟零壹元伍角');
  assert.equal(fenInWords(10010000), '壹拾万零壹佰元整');
  assert.equal(fenInWords(10000000100), '壹亿零壹元整');
});
