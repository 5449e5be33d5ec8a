import assert from 'node:assert/strict';
import { test } from 'node:test';
import { petitionShortfall } from './petition.ts';
import type { RollRow } from './roll.ts';

/** Ten owners, one unit each ("1栋 101" … "1栋 110"), the areas given in 0.01 m². */
const rollOf = (areas: number[]): RollRow[] =>
  areas.map((area, i) => ({
    voterKey: `p${i}`,
    personId: `p${i}`,
    area,
    units: [
      { unitId: `u${i}`, buildingId: 'b', buildingName: '1栋', label: `1栋 ${101 + i}`, area, source: 'registered' },
    ],
    buildingIds: ['b'],
  }));

test('a petition needs 20 % or more of the area and of the owners: exactly 20 % is enough (以上)', () => {
  const roll = rollOf([1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000]);
  assert.equal(petitionShortfall(['1栋 101', '1栋 102'], roll), undefined, '2 of 10 owners, 2,000 of 10,000');
  assert.deepEqual(petitionShortfall(['1栋 101'], roll), { area: '10.00', persons: '10.00' });
});

test('both shares must reach 20 %: enough owners with too little area, or the reverse, is refused', () => {
  // Owners 0 and 1 hold 1,999 of 10,000 (19.99 %): two persons, one hundredth of a m² short.
  const small = rollOf([1000, 999, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1001]);
  assert.deepEqual(petitionShortfall(['1栋 101', '1栋 102'], small), { area: '19.99', persons: '20.00' });
  // One owner with 30 % of the area is still one person in ten.
  const big = rollOf([3000, 1000, 1000, 1000, 500, 500, 1000, 1000, 500, 500]);
  assert.deepEqual(petitionShortfall(['1栋 101'], big), { area: '30.00', persons: '10.00' });
});

test('a signer with several units is one person; a unit not on the roll is named; spacing is forgiven', () => {
  const roll = rollOf([1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000]);
  const twoUnits = roll[0];
  twoUnits.units.push({ ...twoUnits.units[0], unitId: 'u-extra', label: '2栋 201' });
  assert.deepEqual(petitionShortfall(['1栋 101', '2栋 201'], roll), { area: '10.00', persons: '10.00' });
  assert.equal(petitionShortfall([' 1栋  101 ', '1栋 102'], roll), undefined);
  assert.deepEqual(petitionShortfall(['1栋 101', '9栋 999'], roll), { missing: '9栋 999' });
});
