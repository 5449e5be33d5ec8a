import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../src/kernel/config.ts';
import { type DatabaseHandle, openDatabase } from '../src/kernel/db.ts';
import { migrate } from '../src/kernel/migrate.ts';
import '../src/modules/registry/index.ts';
import { writeCityFiles } from '../src/modules/registry/import/city.ts';
import { importPaths } from '../src/modules/registry/import/cli.ts';
import { generateCity } from '../src/modules/registry/import/generate.ts';
import type { ImportResult } from '../src/modules/registry/import/service.ts';

/**
 * The registry import benchmark. On a scratch database (in-memory PGlite, or a temporary database on
 * the PostgreSQL server of DATABASE_URL) it generates a city, imports it through the ordinary import
 * path (read → validate → set-based upsert), and then COPYs the very same unit rows into a scratch
 * table with the same columns: the machine's own raw insert rate, measured in the same run.
 * The ratio import/COPY is what to compare across machines.
 */

async function scratchDatabase(config: Config): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (!config.databaseUrl) {
    const handle = await openDatabase({ memory: true });
    return { handle, drop: () => handle.close() };
  }
  const name = `anju_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: config.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(config.databaseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  return {
    handle,
    async drop() {
      await handle.close();
      const a = new pg.Client({ connectionString: config.databaseUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);

async function timed(label: string, fn: () => Promise<ImportResult>): Promise<{ ms: number; result: ImportResult }> {
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  if (!result.imported || result.errorCount)
    throw new Error(`${label}: import failed: ${JSON.stringify(result.errors.slice(0, 5))}`);
  const t = result.timings;
  console.log(
    `  ${label.padEnd(26)} ${secs(ms).padStart(8)}  (read ${secs(t.read)}, validate ${secs(t.validate)}, write ${secs(t.write)})`,
  );
  return { ms, result };
}

const UNIT_COLUMNS = [
  'id',
  'estate_id',
  'building_id',
  'number',
  'floor',
  'use',
  'area_registered',
  'area_surveyed',
  'area_contract',
  'holder',
];

/**
 * COPYs the rows into a fresh table (through handle.copyRows, 50,000 rows per COPY) and returns the
 * better of two runs, so a hiccup of a shared machine does not flatter the import's ratio.
 * `like` picks what the table copies from units: its columns only, or also its indexes and checks.
 */
async function copyTime(handle: DatabaseHandle, rows: unknown[][], table: string, like: string): Promise<number> {
  let best = Infinity;
  for (let run = 0; run < 2; run++) {
    await sql.raw(`CREATE TABLE ${table} (LIKE units ${like})`).execute(handle.db);
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += 50_000) await handle.copyRows(table, UNIT_COLUMNS, rows.slice(i, i + 50_000));
    best = Math.min(best, performance.now() - t0);
    await sql.raw(`DROP TABLE ${table}`).execute(handle.db);
  }
  return best;
}

export async function benchImport(args: string[], config: Config): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      units: { type: 'string' },
      estates: { type: 'string' },
      companies: { type: 'string' },
      staff: { type: 'string' },
      chunk: { type: 'string' },
      writers: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const engine = config.databaseUrl ? 'postgres' : 'pglite';
  const units = Number(values.units ?? (engine === 'postgres' ? 300_000 : 100_000));
  // The Chizhou proportions (583 estates, 160 companies, 18,000 staff per 300,000 units), scaled.
  const scale = units / 300_000;
  const opts = {
    units,
    estates: Number(values.estates ?? Math.max(5, Math.round(583 * scale))),
    companies: Number(values.companies ?? Math.max(3, Math.round(160 * scale))),
    staff: Number(values.staff ?? Math.round(18_000 * scale)),
    seed: Number(values.seed ?? 2026),
  };
  const chunkSize = values.chunk ? Number(values.chunk) : undefined;
  const writers = values.writers ? Number(values.writers) : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anju-bench-'));
  console.log(
    `bench import: engine ${engine}, ${opts.units} units, ${opts.estates} estates, ${opts.companies} companies, ${opts.staff} staff`,
  );

  let t0 = performance.now();
  // Only the row counts are kept: the generated rows would otherwise sit in the heap during the import.
  const { files, rows } = await (async () => {
    const city = generateCity(opts);
    const written = await writeCityFiles(city, dir, 'csv');
    return { files: written, rows: { units: { length: city.units.length }, owners: { length: city.owners.length } } };
  })();
  console.log(
    `  generated CSV files         ${secs(performance.now() - t0).padStart(8)}  (${files.length} files in ${dir})`,
  );
  const file = (kind: string) => files.find((f) => f.endsWith(`-${kind}.csv`)) as string;

  const { handle, drop } = await scratchDatabase(config);
  try {
    await migrate(handle);
    const db = handle.db;
    const base = ['regions', 'companies', 'estates', 'buildings', 'staff'].map(file);
    await timed('regions…buildings, staff', () => importPaths(db, base, { chunkSize, writers }));
    const u = await timed(`units (${rows.units.length})`, () =>
      importPaths(db, [file('units')], { chunkSize, writers }),
    );
    const o = await timed(`owners (${rows.owners.length})`, () =>
      importPaths(db, [file('owners')], { chunkSize, writers }),
    );
    const again = await timed('units again (unchanged)', () =>
      importPaths(db, [file('units')], { chunkSize, writers }),
    );
    if (again.result.counts.units?.unchanged !== rows.units.length) throw new Error('re-import changed rows');

    t0 = performance.now();
    const all = await importPaths(db, files, { chunkSize, writers });
    const wholeMs = performance.now() - t0;
    console.log(`  whole city again (no-op)   ${secs(wholeMs).padStart(8)}`);
    if (!all.imported) throw new Error('whole-city re-import failed');

    const unitRows = (
      await sql.raw<Record<string, unknown>>(`SELECT ${UNIT_COLUMNS.join(', ')} FROM units`).execute(db)
    ).rows.map((r) => UNIT_COLUMNS.map((c) => r[c]));
    const copyBare = await copyTime(handle, unitRows, 'bench_units_copy', 'INCLUDING DEFAULTS');
    const copyIndexed = await copyTime(handle, unitRows, 'bench_units_copy_ix', 'INCLUDING ALL');

    const n = rows.units.length;
    const importRate = rate(n, u.ms);
    const writeRate = rate(n, u.result.timings.write);
    console.log('');
    console.log(
      `import: ${n} units in ${secs(u.ms)} = ${importRate} units/s; raw COPY: ${rate(n, copyBare)} units/s; ratio ${(importRate / rate(n, copyBare)).toFixed(2)} (engine ${engine})`,
    );
    const t = u.result.timings;
    console.log(
      `  raw COPY = the same rows, COPY into a scratch table with the units columns (LIKE units). Into one with its indexes and checks too (LIKE units INCLUDING ALL): ${rate(n, copyIndexed)} units/s, ratio ${(importRate / rate(n, copyIndexed)).toFixed(2)}`,
    );
    console.log(
      `  import phases: read ${secs(t.read)}, validate ${secs(t.validate)}, write ${secs(t.write)}; the write alone ${writeRate} units/s, ratio ${(writeRate / rate(n, copyBare)).toFixed(2)} to raw COPY`,
    );
    console.log(
      `  owners: ${o.result.counts.owners?.inserted} rows in ${secs(o.ms)} = ${rate(rows.owners.length, o.ms)} rows/s; unchanged re-import of units: ${rate(n, again.ms)} units/s`,
    );
  } finally {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
