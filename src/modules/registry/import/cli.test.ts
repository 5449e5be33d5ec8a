import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { freshDatabase } from '../../../../test/helpers.ts';
import type { DatabaseHandle } from '../../../kernel/db.ts';
import '../index.ts';
import { uscc } from '../seed/names.ts';
import { importCommand } from './cli.ts';

/** `anju import` on CSV files, as the system acting as the city regulator. */

const COMPANY = uscc(77, '341700');
const FILES: Record<string, string> = {
  '1-区域.csv':
    '区域代码,区域名称,级别,上级区域代码\nCLI,命令市,市,\nCLI-1,命令区,区,CLI\nCLI-1-1,命令街道,街道,CLI-1\nCLI-1-1-1,命令社区,社区,CLI-1-1\n',
  '2-企业.csv': `统一社会信用代码,企业名称,法定代表人\n${COMPANY},命令物业服务有限公司,张伟\n`,
  '3-小区.csv': `小区编码,小区名称,地址,所属社区代码,物业企业信用代码,服务等级\nCLI-E1,命令花园,"人民路1号,东门",CLI-1-1-1,${COMPANY},4\n`,
  '4-楼栋.csv': '小区编码,楼栋,层数\nCLI-E1,1号楼,6\n',
};

describe('anju import (command line)', () => {
  let handle: DatabaseHandle;
  let dir: string;
  let out: string[];

  const run = async (...args: string[]) => {
    out = [];
    const log = mock.method(console, 'log', (line: string) => out.push(line));
    const error = mock.method(console, 'error', (line: string) => out.push(line));
    try {
      return await importCommand(handle, args);
    } finally {
      log.mock.restore();
      error.mock.restore();
    }
  };

  before(async () => {
    handle = await freshDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anju-cli-'));
    for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, name), text);
  });
  after(async () => {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a directory of CSV files in dependency order and prints the counts', async () => {
    assert.equal(await run(dir, '--quiet'), 0);
    assert.ok(
      out.some((l) => /^1-区域\.csv \(区域\)\s+4\s+0\s+0\s+0$/.test(l)),
      out.join('\n'),
    );
    const e = await handle.db
      .selectFrom('estates')
      .select(['address', 'service_grade', 'management_mode'])
      .where('code', '=', 'CLI-E1')
      .executeTakeFirstOrThrow();
    assert.deepEqual(e, { address: '人民路1号,东门', service_grade: 4, management_mode: 'company' });
    assert.equal(await run(dir, '--quiet'), 0);
    assert.ok(
      out.some((l) => /^3-小区\.csv \(小区\)\s+0\s+0\s+1\s+0$/.test(l)),
      're-import: unchanged',
    );
  });

  it('exits non-zero and imports nothing when a row is bad; --valid-only imports the rest', async () => {
    const units = path.join(dir, 'data.csv');
    fs.writeFileSync(
      units,
      '小区编码,楼栋,房号,用途,登记面积\nCLI-E1,1号楼,101,住宅,88.8\nCLI-E1,1号楼,102,住宅,-3\nCLI-E1,9号楼,103,住宅,70\n',
    );
    const errorsOut = path.join(dir, 'errors.csv.out');
    assert.equal(await run(units, '--kind', 'units', '--quiet', '--errors-out', errorsOut), 1);
    assert.ok(out.includes('data.csv\t3\t登记面积\t面积应为正数，最多两位小数'), out.join('\n'));
    assert.ok(out.some((l) => l.startsWith('data.csv\t4\t楼栋\t找不到楼栋')));
    assert.ok(out.some((l) => l.includes('未导入任何数据')));
    assert.match(fs.readFileSync(errorsOut, 'utf8'), /data\.csv,3,登记面积,registry\.invalid_area/);
    const count = async () => (await handle.db.selectFrom('units').select('id').execute()).length;
    assert.equal(await count(), 0);

    assert.equal(await run(units, '--kind', 'units', '--quiet', '--lang', 'en'), 1);
    assert.ok(out.includes('data.csv\t3\t登记面积\tarea must be a positive number with at most two decimals'));
    assert.ok(out.some((l) => l.includes('Nothing was imported')));

    assert.equal(await run(units, '--kind', 'units', '--quiet', '--valid-only'), 0);
    assert.equal(await count(), 1);
  });

  it('finds the units owner rows name in the database, with their holder', async () => {
    const units = path.join(dir, 'more-units.csv');
    fs.writeFileSync(units, '小区编码,楼栋,房号,用途,测绘面积,持有人\nCLI-E1,1号楼,201,住宅,70,开发商未售\n');
    assert.equal(await run(units, '--quiet'), 0);
    const owners = path.join(dir, 'owners.csv');
    const id = '11010519491231002X';
    fs.writeFileSync(
      owners,
      `小区编码,楼栋,房号,姓名,身份证号\nCLI-E1,1号楼,101,王芳,${id}\nCLI-E1,1号楼,201,李强,${id}\nCLI-E1,1号楼,999,赵六,${id}\n`,
    );
    assert.equal(await run(owners, '--quiet'), 1);
    assert.ok(
      out.some((l) => l.startsWith('owners.csv\t3\t房号\t该房屋登记为开发商持有')),
      out.join('\n'),
    );
    assert.ok(out.some((l) => l.startsWith('owners.csv\t4\t房号\t找不到房屋“CLI-E1 / 1号楼 / 999”')));
    assert.equal(await run(owners, '--quiet', '--valid-only'), 0);
    const link = await handle.db
      .selectFrom('unit_owners')
      .innerJoin('units', 'units.id', 'unit_owners.unit_id')
      .innerJoin('persons', 'persons.id', 'unit_owners.person_id')
      .select(['units.number', 'persons.name', 'unit_owners.is_representative'])
      .execute();
    assert.deepEqual(link, [{ number: '101', name: '王芳', is_representative: true }]);
  });

  it('rejects a CSV whose kind it cannot tell, and bad arguments', async () => {
    const unknown = path.join(dir, 'mystery.csv');
    fs.writeFileSync(unknown, '甲,乙\n1,2\n');
    assert.equal(await run(unknown, '--quiet'), 1);
    assert.ok(out.some((l) => l.includes('无法判断 CSV 文件的数据类型')));
    assert.equal(await run(), 2);
    assert.equal(await run(unknown, '--kind', 'flats'), 2);
  });
});
