import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { type AreaUnit, apportion, compareCodePoints } from './apportion.ts';
import { ApportionInputError, apportionInput, readApportionInput } from './apportion-input.ts';

/**
 * The apportionment against a plain reference: the rule restated with BigInt fractions compared by
 * cross-multiplication and ids compared as arrays of code points, sharing nothing with apportion.ts.
 */
const codePoints = (s: string) => Array.from(s, (c) => c.codePointAt(0) as number);
function idOrder(a: string, b: string) {
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function reference(amountFen: number, units: AreaUnit[]) {
  const amount = BigInt(amountFen);
  const total = units.reduce((s, u) => s + BigInt(u.area), 0n);
  const shares = units.map((u) => ({ n: amount * BigInt(u.area), d: total }));
  const floors = shares.map((s) => s.n / s.d);
  const fractions = shares.map((s, i) => ({ n: s.n - floors[i] * s.d, d: s.d }));
  const order = units
    .map((_, i) => i)
    .sort((i, j) => {
      const [a, b] = [fractions[i], fractions[j]];
      const byFraction = b.n * a.d - a.n * b.d; // > 0 when j's fraction is larger
      if (byFraction !== 0n) return byFraction > 0n ? 1 : -1;
      if (units[i].area !== units[j].area) return units[j].area - units[i].area;
      return idOrder(units[i].id, units[j].id);
    });
  const leftover = amount - floors.reduce((s, f) => s + f, 0n);
  const fen = [...floors];
  for (const i of order.slice(0, Number(leftover))) fen[i] += 1n;
  return units.map((u, i) => ({ id: u.id, fen: Number(fen[i]) }));
}

// Ids that sort differently by code point, by UTF-16 code unit, by number and by case; plus arbitrary strings.
const trickyIds = ['a', 'B', '10', '9', '1-101', '1-1010', 'é', 'e\u0301', '\uFF61', '\u{1F600}', '\u{10FFFF}', '栋'];
const ids = (n: number) =>
  fc.uniqueArray(fc.oneof(fc.constantFrom(...trickyIds), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 })), {
    minLength: n,
    maxLength: n,
  });
const area = fc.oneof(
  fc.integer({ min: 0, max: 4 }), // zeros and many equal areas, so ties on remainder and on area occur
  fc.integer({ min: 1, max: 30_000 }), // flats: up to 300.00 m²
  fc.integer({ min: 1, max: 1_000_000_000 }), // a city
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
);
const amount = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 1_000 }),
  fc.integer({ min: 0, max: 1_000_000_000_000 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);
const positiveTotal = (us: AreaUnit[]) => (us.some((u) => u.area > 0) ? us : [{ ...us[0], area: 1 }, ...us.slice(1)]);
const units = fc
  .array(area, { minLength: 1, maxLength: 30 })
  .chain((areas) => ids(areas.length).map((names) => areas.map((a, i) => ({ id: names[i], area: a }))))
  .map(positiveTotal);
// Few fen over a few small areas with only the tricky ids: equal remainders with different areas, equal areas
// with ids that order differently by code point and by UTF-16, and zero areas, all come up often.
const smallUnits = fc
  .uniqueArray(fc.constantFrom(...trickyIds), { minLength: 1, maxLength: 8 })
  .chain((names) =>
    fc.tuple(...names.map((id) => fc.record({ id: fc.constant(id), area: fc.integer({ min: 0, max: 6 }) }))),
  )
  .map(positiveTotal);
const cases = fc.oneof(fc.tuple(amount, units), fc.tuple(fc.integer({ min: 0, max: 30 }), smallUnits));

test('the apportionment equals the reference on random inputs (big numbers, ties, zero areas, zero amount)', () => {
  fc.assert(
    fc.property(cases, ([a, us]) => {
      assert.deepEqual(apportion(a, us), reference(a, us));
      assert.deepEqual(apportion(BigInt(a), us), reference(a, us), 'a bigint amount gives the same');
    }),
    { numRuns: 1000 },
  );
});

test('invariants: sums to the amount, within one fen of the exact share, input order, monotone in area', () => {
  fc.assert(
    fc.property(cases, ([a, us]) => {
      const got = apportion(a, us);
      const total = us.reduce((s, u) => s + BigInt(u.area), 0n);
      assert.deepEqual(
        got.map((g) => g.id),
        us.map((u) => u.id),
      );
      assert.equal(
        got.reduce((s, g) => s + BigInt(g.fen), 0n),
        BigInt(a),
      );
      got.forEach((g, i) => {
        // floor or floor + 1, and exactly the share when it is whole: (fen − 1)·T < A·area < (fen + 1)·T.
        const exact = BigInt(a) * BigInt(us[i].area);
        assert.ok(Number.isSafeInteger(g.fen) && g.fen >= 0);
        assert.ok((BigInt(g.fen) - 1n) * total < exact && exact < (BigInt(g.fen) + 1n) * total, g.id);
        if (exact % total === 0n) assert.equal(BigInt(g.fen) * total, exact);
      });
      for (let i = 0; i < us.length; i++)
        for (let j = 0; j < us.length; j++) {
          if (us[i].area > us[j].area) assert.ok(got[i].fen >= got[j].fen, 'a larger area never gets less');
          if (us[i].area === us[j].area && compareCodePoints(us[i].id, us[j].id) < 0)
            assert.ok(got[i].fen - got[j].fen === 0 || got[i].fen - got[j].fen === 1, 'equal areas: smaller id first');
        }
    }),
    { numRuns: 500 },
  );
});

test('the result does not depend on the order of the input', () => {
  fc.assert(
    fc.property(
      cases.chain(([a, us]) =>
        fc.tuple(fc.constant(a), fc.constant(us), fc.shuffledSubarray(us, { minLength: us.length })),
      ),
      ([a, us, shuffled]) => {
        const byId = new Map(apportion(a, us).map((g) => [g.id, g.fen]));
        for (const g of apportion(a, shuffled)) assert.equal(g.fen, byId.get(g.id));
      },
    ),
    { numRuns: 300 },
  );
});

test('code-point order: 😀 (U+1F600) comes after ｡ (U+FF61), though UTF-16 `<` says otherwise', () => {
  assert.ok('\u{1F600}' < '\uFF61', 'the trap: code-unit order');
  assert.ok(compareCodePoints('\uFF61', '\u{1F600}') < 0);
  assert.ok(compareCodePoints('10', '9') < 0 && compareCodePoints('9', 'B') < 0 && compareCodePoints('B', 'a') < 0);
  assert.ok(compareCodePoints('e\u0301', 'é') < 0, 'no Unicode normalisation: ids are compared as given');
  assert.ok(compareCodePoints('1-10', '1-101') < 0 && compareCodePoints('x', 'x') === 0);
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
      assert.equal(Math.sign(compareCodePoints(a, b)), Math.sign(idOrder(a, b)));
    }),
  );
});

test('hand examples: equal units, a worked example with its remainders, every tie-break', () => {
  const equal = (...names: string[]) => names.map((id) => ({ id, area: 10_000 }));
  // 100 fen over three equal units: 33 each and 1 left over, which goes to the smallest id.
  assert.deepEqual(apportion(100, equal('1-103', '1-101', '1-102')), [
    { id: '1-103', fen: 33 },
    { id: '1-101', fen: 34 },
    { id: '1-102', fen: 33 },
  ]);
  // 1000 fen over 90.00, 89.50 and 120.00 m² (total 29950):
  //   1-101: 1000 × 9000  = 9 000 000 = 300 × 29950 + 15 000
  //   1-102: 1000 × 8950  = 8 950 000 = 298 × 29950 + 24 900
  //   1-103: 1000 × 12000 = 12 000 000 = 400 × 29950 + 20 000
  // Floors sum to 998; the 2 fen left go to the remainders 24 900 and 20 000, not to the largest unit first.
  const worked = [
    { id: '1-101', area: 9000 },
    { id: '1-102', area: 8950 },
    { id: '1-103', area: 12000 },
  ];
  assert.deepEqual(
    apportion(1000, worked).map((g) => g.fen),
    [300, 299, 401],
  );
  // Equal remainders (2 fen over areas 1 and 3: shares 0.5 and 1.5): the larger area wins, whatever the ids.
  assert.deepEqual(
    apportion(2, [
      { id: 'a', area: 1 },
      { id: 'b', area: 3 },
    ]).map((g) => g.fen),
    [0, 2],
  );
  // Equal areas: code-point order of the ids, '10' < '9' < 'B' < 'a' and '｡' < '😀'.
  const mixed = equal('a', 'B', '10', '9');
  assert.deepEqual(
    apportion(2, mixed).map((g) => g.fen),
    [0, 0, 1, 1],
  );
  assert.deepEqual(
    apportion(3, mixed).map((g) => g.fen),
    [0, 1, 1, 1],
  );
  assert.deepEqual(
    apportion(1, equal('\u{1F600}', '\uFF61')).map((g) => g.fen),
    [0, 1],
  );
  // Zero amount: all zeros. A unit of area 0 gets nothing, even when fen are left over.
  assert.deepEqual(
    apportion(0, worked).map((g) => g.fen),
    [0, 0, 0],
  );
  assert.deepEqual(
    apportion(5, [...equal('x', 'y'), { id: '0', area: 0 }]).map((g) => g.fen),
    [3, 2, 0],
  );
  // A city: 10^12 fen over areas near 10^9 (total 1 876 553 615). amount × area passes 2^53: in floating point
  // B's share, 514 959 377 805.9999990…, reads as 514 959 377 806.0, so its floor would already be off by one.
  //   A: floor 485 038 031 807, remainder    89 167 695
  //   B: floor 514 959 377 805, remainder 1 876 484 925  → +1
  //   C: floor       2 590 386, remainder 1 787 454 610  → +1  (floors sum to 10^12 − 2)
  const city = [
    { id: 'A', area: 910_199_872 },
    { id: 'B', area: 966_348_882 },
    { id: 'C', area: 4_861 },
  ];
  assert.equal((1e12 * 966_348_882) / 1_876_553_615, 514_959_377_806, 'the floating-point trap');
  assert.deepEqual(
    apportion(1_000_000_000_000, city).map((g) => g.fen),
    [485_038_031_807, 514_959_377_806, 2_590_387],
  );
});

test('the pure function refuses what it cannot split', () => {
  assert.throws(() => apportion(1, []), RangeError);
  assert.throws(() => apportion(1, [{ id: 'a', area: 0 }]), RangeError);
  assert.throws(() => apportion(-1, [{ id: 'a', area: 1 }]), RangeError);
  assert.throws(() => apportion(BigInt(Number.MAX_SAFE_INTEGER) + 1n, [{ id: 'a', area: 1 }]), RangeError);
  assert.throws(() => apportion(1, [{ id: 'a', area: 1.5 }]), RangeError);
  assert.throws(
    () =>
      apportion(1, [
        { id: 'a', area: 1 },
        { id: 'a', area: 2 },
      ]),
    RangeError,
  );
});

test('the input check accepts what it returns and refuses any other JSON value with an ApportionInputError', () => {
  fc.assert(
    fc.property(amount, units, (a, us) => {
      const text = JSON.stringify({ amountFen: a, units: us, note: 'extra keys are ignored' });
      assert.deepEqual(readApportionInput(text), { amountFen: a, units: us });
    }),
    { numRuns: 200 },
  );
  const loose = fc.record({
    amountFen: fc.oneof(amount, fc.jsonValue()),
    units: fc.oneof(
      fc.array(fc.record({ id: fc.oneof(fc.constantFrom('a', 'b'), fc.jsonValue()), area: fc.jsonValue() })),
      fc.jsonValue(),
    ),
  });
  fc.assert(
    fc.property(fc.oneof(loose, fc.jsonValue()), (value) => {
      try {
        const input = apportionInput(value);
        assert.equal(apportion(input.amountFen, input.units).length, input.units.length);
      } catch (e) {
        assert.ok(e instanceof ApportionInputError, String(e));
      }
    }),
    { numRuns: 500 },
  );
});

const root = path.resolve(import.meta.dirname, '../../..');
const cli = (args: string[], stdin?: string) =>
  spawnSync(process.execPath, ['bin/anju.mjs', 'apportion', ...args], { cwd: root, encoding: 'utf8', input: stdin });

test('`anju apportion` prints the parts in input order, from a file or from standard input', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anju-apportion-'));
  const file = path.join(dir, 'in.json');
  const input = {
    amountFen: 1000,
    units: [
      { id: '1-101', area: 9000 },
      { id: '1-102', area: 8950 },
      { id: '1-103', area: 12000 },
    ],
  };
  fs.writeFileSync(file, JSON.stringify(input));
  const want = [
    { id: '1-101', fen: 300 },
    { id: '1-102', fen: 299 },
    { id: '1-103', fen: 401 },
  ];
  for (const run of [cli(['--file', file]), cli(['--file', '-'], JSON.stringify(input))]) {
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(JSON.parse(run.stdout), want);
  }
});

test('`anju apportion` names every bad input on stderr, in Chinese then English, and exits 2', () => {
  const unit = (id: string, area: unknown) => ({ id, area });
  const json = (amountFen: unknown, us: unknown) => JSON.stringify({ amountFen, units: us });
  const ok = [unit('1-101', 9000)];
  const cases: [string, string[], string | undefined, RegExp][] = [
    ['no --file', [], undefined, /用法.*usage: anju apportion --file/],
    ['--file without a value', ['--file'], undefined, /参数有误.*argument missing/],
    ['unknown option', ['--fil', 'x'], undefined, /参数有误.*Unknown option '--fil'/],
    [
      'unreadable file',
      ['--file', path.join(root, 'no-such-file.json')],
      undefined,
      /无法读取文件.*cannot read .*ENOENT/,
    ],
    ['invalid JSON', ['--file', '-'], '{"amountFen": 1, "units": [', /不是合法的 JSON.*not valid JSON/],
    ['not an object', ['--file', '-'], '[1, 2]', /must be a JSON object/],
    ['no amount', ['--file', '-'], JSON.stringify({ units: ok }), /缺少 amountFen.*amountFen is missing/],
    [
      'amount as a string',
      ['--file', '-'],
      json('100', ok),
      /amountFen 须为数字.*amountFen must be a number, not "100"/,
    ],
    ['negative amount', ['--file', '-'], json(-1, ok), /amountFen 不能为负数.*amountFen must not be negative: -1/],
    ['fractional amount', ['--file', '-'], json(10.5, ok), /amountFen 须为整数.*amountFen must be an integer \(fen\)/],
    ['unsafe amount', ['--file', '-'], json(2 ** 53, ok), /amountFen exceeds 2\^53−1/],
    [
      'rounded literal',
      ['--file', '-'],
      '{"amountFen": 5, "units": [{"id": "a", "area": 9000.0000000000001}]}',
      /9000\.0000000000001.*cannot be read exactly: it would become 9000/,
    ],
    [
      'units missing',
      ['--file', '-'],
      JSON.stringify({ amountFen: 1 }),
      /units 须为非空数组.*units must be a non-empty/,
    ],
    ['no units', ['--file', '-'], json(1, []), /units must be a non-empty array/],
    ['unit not an object', ['--file', '-'], json(1, [...ok, 7]), /units\[1\] 不是对象.*units\[1\] is not an object/],
    ['missing id', ['--file', '-'], json(1, [...ok, { area: 5 }]), /units\[1\]\.id must be a non-empty string/],
    ['numeric id', ['--file', '-'], json(1, [...ok, unit(7 as never, 5)]), /units\[1\]\.id must be a non-empty string/],
    [
      'duplicate id',
      ['--file', '-'],
      json(1, [...ok, unit('1-102', 5), unit('1-101', 5)]),
      /units\[2\]\.id.*1-101 重复.*units\[2\]\.id: unit 1-101 appears twice \(first at units\[0\]\)/,
    ],
    [
      'missing area',
      ['--file', '-'],
      json(1, [...ok, { id: 'x' }]),
      /缺少 units\[1\]\.area.*units\[1\]\.area is missing/,
    ],
    [
      'area as text',
      ['--file', '-'],
      json(1, [...ok, unit('x', 'big')]),
      /units\[1\]\.area must be a number, not "big"/,
    ],
    ['negative area', ['--file', '-'], json(1, [...ok, unit('x', -5)]), /units\[1\]\.area must not be negative: -5/],
    [
      'fractional area',
      ['--file', '-'],
      json(1, [...ok, unit('x', 89.5)]),
      /units\[1\]\.area must be an integer \(0\.01 m²\), not 89\.5/,
    ],
    ['unsafe area', ['--file', '-'], json(1, [...ok, unit('x', 1e16)]), /units\[1\]\.area exceeds 2\^53−1/],
    ['area null', ['--file', '-'], json(1, [...ok, unit('x', null)]), /units\[1\]\.area must be a number, not null/],
    ['zero total area', ['--file', '-'], json(1, [unit('a', 0), unit('b', 0)]), /总面积为 0.*total area of units is 0/],
  ];
  for (const [name, args, stdin, message] of cases) {
    const run = cli(args, stdin);
    assert.equal(run.status, 2, `${name}: ${run.stderr}`);
    assert.equal(run.stdout, '', name);
    assert.ok(run.stderr.startsWith('anju apportion: '), name);
    // Chinese first, then English after the last ' / ' (a file path has no space after its slashes).
    const cut = run.stderr.lastIndexOf('/ ');
    assert.match(run.stderr.slice(0, cut), /\p{Script=Han}/u, name);
    assert.doesNotMatch(run.stderr.slice(cut), /\p{Script=Han}/u, name);
    assert.match(run.stderr, message, name);
  }
});
