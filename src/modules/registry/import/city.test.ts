import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { freshDatabase } from '../../../../test/helpers.ts';
import type { DatabaseHandle } from '../../../kernel/db.ts';
import '../index.ts';
import { isValidResidentId, isValidUscc } from '../identifiers.ts';
import { parseCityArgs, seedCityCommand, writeCityFiles } from './city.ts';
import { importPaths } from './cli.ts';
import { CITY_HEADERS, generateCity } from './generate.ts';
import { columnOf } from './sheets.ts';

/** The city generator: plausible, valid, deterministic, and its files import cleanly. */

const SMALL = { estates: 9, companies: 3, staff: 80, units: 1500, seed: 7 };

describe('city generator', () => {
  let handle: DatabaseHandle;
  let dir: string;
  before(async () => {
    handle = await freshDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anju-city-test-'));
  });
  after(async () => {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is deterministic for a seed and produces the requested sizes with valid identifiers', () => {
    const a = generateCity(SMALL);
    assert.deepEqual(generateCity(SMALL), a);
    assert.notDeepEqual(generateCity({ ...SMALL, seed: 8 }).owners, a.owners);
    assert.equal(a.estates.length, 9);
    assert.equal(a.companies.length, 3);
    assert.equal(a.staff.length, 80);
    assert.equal(a.units.length, 1500);
    assert.ok(
      a.regions.every((r) => String(r[0]).startsWith('CZ')),
      'codes apart from the demo city',
    );
    assert.ok(a.companies.every((c) => isValidUscc(String(c[0]))));
    const ids = a.owners.map((o) => String(o[4]));
    assert.ok(ids.every(isValidResidentId));
    for (const [kind, headers] of Object.entries(CITY_HEADERS)) {
      for (const h of headers) assert.ok(columnOf(kind as never, h), `${kind}: ${h} is a known header`);
    }
  });

  it('writes CSV files that import cleanly, and importing them again changes nothing', async () => {
    const rows = generateCity(SMALL);
    const files = await writeCityFiles(rows, path.join(dir, 'csv'), 'csv');
    assert.equal(files.length, 7);
    const first = await importPaths(handle.db, files);
    assert.deepEqual(first.errors, []);
    assert.equal(first.imported, true);
    assert.equal(first.counts.units?.inserted, 1500);
    assert.equal(first.counts.owners?.inserted, rows.owners.length);
    assert.equal(first.counts.staff?.inserted, 80);
    const n = async (table: 'units' | 'unit_owners' | 'staff') =>
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    assert.equal(Number(await n('units')), 1500);
    assert.equal(Number(await n('unit_owners')), rows.owners.length);
    const again = await importPaths(handle.db, files);
    for (const c of Object.values(again.counts)) assert.equal(c.inserted + c.updated, 0, `${c.sheet} unchanged`);
  });

  it('writes a workbook for a small city, and the same data imports as unchanged', async () => {
    const files = await writeCityFiles(generateCity(SMALL), path.join(dir, 'xlsx'), 'xlsx');
    assert.equal(path.basename(files[0]), 'city.xlsx');
    const res = await importPaths(handle.db, files);
    assert.deepEqual(res.errors, []);
    assert.equal(res.counts.units?.unchanged, 1500);
    assert.equal(res.counts.units?.sheet, '房屋');
  });

  it('runs as `anju seed city` with --no-import, and picks a format by size', async () => {
    assert.equal(parseCityArgs(['--units', '1000', '--estates', '5', '--staff', '10']).format, 'xlsx');
    assert.equal(parseCityArgs([]).format, 'csv');
    assert.deepEqual(
      [parseCityArgs([]).estates, parseCityArgs([]).companies, parseCityArgs([]).staff, parseCityArgs([]).units],
      [583, 160, 18000, 300000],
    );
    assert.throws(() => parseCityArgs(['--units', '3', '--estates', '5']));
    const out = path.join(dir, 'cmd');
    const log = mock.method(console, 'log', () => {});
    try {
      await seedCityCommand(handle, [
        '--estates',
        '3',
        '--companies',
        '1',
        '--staff',
        '5',
        '--units',
        '100',
        '--out',
        out,
        '--format',
        'csv',
        '--no-import',
      ]);
    } finally {
      log.mock.restore();
    }
    assert.equal(fs.readdirSync(out).length, 7);
    assert.match(fs.readFileSync(path.join(out, '5-units.csv'), 'utf8'), /^\uFEFF小区编码,楼栋,房号/);
  });
});
