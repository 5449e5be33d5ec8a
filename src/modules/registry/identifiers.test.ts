import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  effectiveArea,
  formatArea,
  isValidResidentId,
  isValidUscc,
  maskPhone,
  maskResidentId,
  parseArea,
  residentIdCheckChar,
  usccCheckChar,
} from './identifiers.ts';

test('GB 11643: the standard example and its one-character corruptions', () => {
  assert.equal(isValidResidentId('11010519491231002X'), true);
  assert.equal(isValidResidentId('11010519491231002x'), true);
  assert.equal(isValidResidentId('110105194912310021'), false); // wrong check character
  assert.equal(isValidResidentId('110105194913310028'), false); // month 13
  assert.equal(isValidResidentId('1101051949123100'), false);
});

test('GB 11643: every changed digit of a valid number is detected', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
      const first = '11010519491231002';
      const changed = first.slice(0, pos) + ((Number(first[pos]) + delta) % 10) + first.slice(pos + 1);
      return residentIdCheckChar(changed) !== 'X' && !isValidResidentId(`${changed}X`);
    }),
  );
});

test('GB 32100: real codes pass, corruptions fail', () => {
  for (const code of ['91350100M000100Y43', '91110000600037341L']) {
    assert.equal(isValidUscc(code), true, code);
  }
  assert.equal(isValidUscc('91350100M000100Y44'), false);
  assert.equal(isValidUscc('91350100I000100Y43'), false); // I is not in the alphabet
  assert.equal(usccCheckChar('91350100M000100Y4'), '3');
});

test('masks keep only what identifies the record to its owner', () => {
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskResidentId('11010519491231002X'), '1101**********002X');
  assert.equal(maskPhone(null), null);
});

test('areas are exact hundredths of a square metre', () => {
  assert.equal(parseArea('89.5'), 8950);
  assert.equal(parseArea('89.05'), 8905);
  assert.equal(parseArea('120'), 12000);
  assert.equal(parseArea('1.234'), null);
  assert.equal(parseArea('-3'), null);
  fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (c) => parseArea(formatArea(c)) === c));
});

test('effective area follows the SPC order: registered, surveyed, contract', () => {
  assert.deepEqual(effectiveArea({ area_registered: 100, area_surveyed: 200, area_contract: 300 }), {
    area: 100,
    source: 'registered',
  });
  assert.deepEqual(effectiveArea({ area_registered: null, area_surveyed: 200, area_contract: 300 }), {
    area: 200,
    source: 'surveyed',
  });
  assert.deepEqual(effectiveArea({ area_registered: null, area_surveyed: null, area_contract: 300 }), {
    area: 300,
    source: 'contract',
  });
});
