import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { DatabaseHandle } from '../../../kernel/db.ts';
import { importPaths, printResult, progressPrinter } from './cli.ts';
import { CITY_DEFAULTS, CITY_HEADERS, type CityOptions, type CityRows, generateCity } from './generate.ts';
import { KINDS, SHEET } from './sheets.ts';

/**
 * `anju seed city [--estates 583 --companies 160 --staff 18000 --units 300000] [--seed N] [--out DIR]
 * [--format csv|xlsx] [--no-import]`: writes a generated city as import files and imports them
 * through the ordinary import path.
 */

export type CityFormat = 'csv' | 'xlsx';

/** Writes one CSV per kind (fast, any size) or one workbook with a sheet per kind (small cities). */
export async function writeCityFiles(rows: CityRows, dir: string, format: CityFormat): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  if (format === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    for (const kind of KINDS) {
      const ws = wb.addWorksheet(SHEET[kind].name['zh-CN']);
      ws.addRow(CITY_HEADERS[kind]);
      // Identifiers stay text, so Excel users who open the file keep every digit.
      CITY_HEADERS[kind].forEach((_, i) => {
        ws.getColumn(i + 1).numFmt = '@';
      });
      for (const row of rows[kind]) ws.addRow(row);
    }
    const file = path.join(dir, 'city.xlsx');
    await wb.xlsx.writeFile(file);
    return [file];
  }
  const files: string[] = [];
  for (const [i, kind] of KINDS.entries()) {
    // Numbered so a directory listing shows the load order; the kind is in the name.
    const file = path.join(dir, `${i + 1}-${kind}.csv`);
    fs.writeFileSync(file, `\uFEFF${stringify([CITY_HEADERS[kind], ...rows[kind]])}`);
    files.push(file);
  }
  return files;
}

export interface CityArgs extends CityOptions {
  out: string;
  format: CityFormat;
  import: boolean;
  quiet: boolean;
}

export function parseCityArgs(args: string[]): CityArgs {
  const { values } = parseArgs({
    args,
    options: {
      estates: { type: 'string' },
      companies: { type: 'string' },
      staff: { type: 'string' },
      units: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      'no-import': { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
  });
  const num = (v: string | undefined, d: number, min = 0) => {
    const n = v === undefined ? d : Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`expected a whole number ≥ ${min}, got ${v}`);
    return n;
  };
  const o = {
    estates: num(values.estates, CITY_DEFAULTS.estates, 1),
    companies: num(values.companies, CITY_DEFAULTS.companies),
    staff: num(values.staff, CITY_DEFAULTS.staff),
    units: num(values.units, CITY_DEFAULTS.units, 1),
    seed: num(values.seed, CITY_DEFAULTS.seed),
  };
  if (o.units < o.estates) throw new Error('--units must be at least --estates');
  const format = (values.format ?? (o.units + o.staff <= 20_000 ? 'xlsx' : 'csv')) as CityFormat;
  if (format !== 'csv' && format !== 'xlsx') throw new Error('--format must be csv or xlsx');
  return {
    ...o,
    out: path.resolve(values.out ?? path.join(os.tmpdir(), `anju-city-${o.seed}`)),
    format,
    import: !values['no-import'],
    quiet: !!values.quiet,
  };
}

export async function seedCityCommand(handle: DatabaseHandle, args: string[]): Promise<void> {
  const opts = parseCityArgs(args);
  const started = performance.now();
  const rows = generateCity(opts);
  const files = await writeCityFiles(rows, opts.out, opts.format);
  const sizes = KINDS.map((k) => `${SHEET[k].name['zh-CN']} ${rows[k].length}`).join(', ');
  console.log(`generated ${sizes} in ${((performance.now() - started) / 1000).toFixed(1)} s → ${opts.out}`);
  if (!opts.import) return;
  const t0 = performance.now();
  const result = await importPaths(handle.db, files, {
    requestId: 'seed-city',
    onProgress: opts.quiet ? undefined : progressPrinter(),
  });
  if (!opts.quiet && process.stderr.isTTY) process.stderr.write('\n');
  printResult(result, 'zh-CN');
  console.log(
    `imported in ${((performance.now() - t0) / 1000).toFixed(1)} s (read ${result.timings.read} ms, validate ${result.timings.validate} ms, write ${result.timings.write} ms)`,
  );
  if (!result.imported) process.exitCode = 1;
}
