import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidResidentId, isValidUscc } from '../identifiers.ts';
import { mobile, prng, residentId, uscc } from './names.ts';

test('generated identifiers pass their own check digits and are reproducible', () => {
  const a = prng(7);
  const b = prng(7);
  for (let i = 0; i < 500; i++) {
    const id = residentId(i * 7919);
    assert.equal(isValidResidentId(id), true, id);
    assert.equal(isValidUscc(uscc(i)), true, uscc(i));
    assert.equal(mobile(a, i), mobile(b, i));
  }
  const ids = new Set(Array.from({ length: 20_000 }, (_, i) => residentId(i * 13)));
  assert.equal(ids.size, 20_000);
});
