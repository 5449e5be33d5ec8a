import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../../kernel/auth/roles.ts';
import type { Lang } from '../../../kernel/i18n.ts';
import { residentId, uscc } from '../seed/names.ts';
import { localize } from './issues.ts';
import { type Existing, emptyExisting } from './plan.ts';
import { parseCsv, readFiles } from './read.ts';
import { kindOfName } from './sheets.ts';
import { neededKeys, parseTables, resolve } from './validate.ts';

/** Pure validation: no database; what the database holds is given as `Existing`. */

const everywhere: Actor = {
  accountId: null,
  kind: 'integration',
  displayName: 'test',
  personId: null,
  bindings: [{ role: 'city_regulator', scopeType: 'region', scopeId: null, scopePath: '/' }],
  via: 'anonymous',
};

async function check(files: Record<string, string>, opts: { existing?: Existing; actor?: Actor } = {}) {
  const { tables, issues } = await readFiles(
    Object.entries(files).map(([name, text]) => ({ name, content: Buffer.from(text) })),
  );
  const parsed = parseTables(tables, issues);
  neededKeys(parsed);
  const plan = resolve(parsed, opts.existing ?? emptyExisting(), opts.actor ?? everywhere, issues);
  const errors = (lang: Lang) => issues.map((i) => localize(i, lang));
  return {
    plan,
    issues,
    zh: errors('zh-CN'),
    en: errors('en'),
    rows: (kind: string) => plan.find((p) => p.kind === kind)?.rows ?? [],
  };
}

const find = <E extends { code: string }>(errors: E[], code: string) => errors.find((e) => e.code === code);

const REGIONS =
  '区域代码,区域名称,级别,上级区域代码\nCZ,秋浦市,市,\nCZ-1,秋浦区,区,CZ\nCZ-1-1,池阳街道,街道,CZ-1\nCZ-1-1-1,池阳社区,社区,CZ-1-1\n';
const COMPANY = uscc(1, '341700');
const COMPANIES = `统一社会信用代码,企业名称,法定代表人,联系电话\n${COMPANY},秋浦物业服务有限公司,张伟,13800000001\n`;
const ESTATES = `小区编码,小区名称,地址,所属社区代码,物业企业信用代码,服务等级\nE-1,锦绣花园,人民路1号,CZ-1-1-1,${COMPANY},3\n`;
const BUILDINGS = '小区编码,楼栋,层数\nE-1,1号楼,18\n';
const UNITS = '小区编码,楼栋,房号,用途,登记面积\nE-1,1号楼,101,住宅,89.5\nE-1,1号楼,102,住宅,90\n';

describe('import validation', () => {
  it('accepts a consistent city and resolves every reference inside the file', async () => {
    const owners = `小区编码,楼栋,房号,姓名,身份证号,手机号,代表人\nE-1,1号楼,101,王芳,${residentId(1)},13900000001,是\nE-1,1号楼,101,李强,${residentId(2)},,否\nE-1,1号楼,102,王芳,${residentId(1)},13900000001,\n`;
    const staff = `企业信用代码,姓名,手机号,岗位,派驻小区编码\n${COMPANY},刘强,13700000001,项目经理,E-1\n`;
    const r = await check({
      'regions.csv': REGIONS,
      'companies.csv': COMPANIES,
      'estates.csv': ESTATES,
      'buildings.csv': BUILDINGS,
      'units.csv': UNITS,
      'owners.csv': owners,
      'staff.csv': staff,
    });
    assert.deepEqual(r.zh, []);
    const regions = r.rows('regions');
    assert.equal(regions.length, 4);
    const community = regions.find((x) => x.code === 'CZ-1-1-1') as Record<string, string>;
    assert.ok(
      community.path.startsWith((regions[0] as Record<string, string>).path),
      'a community path lies under its city',
    );
    const estate = r.rows('estates')[0];
    assert.equal(estate.region_path, community.path);
    assert.equal(estate.management_mode, 'company');
    assert.equal(r.rows('units')[0].area_registered, 8950, 'areas in 0.01 m²');
    const o = r.rows('owners');
    assert.equal(o.length, 3);
    assert.deepEqual(
      o.map((x) => x.is_representative),
      [true, false, true],
      'the marked co-owner represents 101; the sole owner of 102 represents it',
    );
    assert.equal(o[0].person_id, o[2].person_id, 'one person owning two units');
    assert.equal(r.rows('staff')[0].position, 'project_manager');
  });

  it('reports cell errors with sheet, Excel row, column header, in Chinese and English', async () => {
    const units =
      '小区编码,楼栋,房号,楼层,用途,登记面积,测绘面积,持有人\n' +
      'E-1,1号楼,101,一楼,住宅,89.555,,业主\n' + // row 2: floor not a number, area with 3 decimals
      'E-1,1号楼,,3,别墅,,,\n' + // row 3: number missing, use not allowed, no area
      'E-1,1号楼,103,3,住宅,0,,谁\n'; // row 4: area 0, holder not allowed
    const r = await check({
      'estates.csv': ESTATES,
      'units.csv': units,
      'buildings.csv': BUILDINGS,
      'regions.csv': REGIONS,
      'companies.csv': COMPANIES,
    });
    const at = (row: number, column: string) =>
      r.zh.filter((e) => e.sheet === 'units.csv' && e.row === row && e.column === column);
    assert.equal(at(2, '楼层')[0]?.code, 'import.integer');
    assert.equal(at(2, '登记面积')[0]?.code, 'registry.invalid_area');
    assert.equal(at(3, '房号')[0]?.code, 'import.required');
    assert.equal(at(3, '用途')[0]?.code, 'import.enum');
    assert.match(at(3, '用途')[0].message, /住宅、商铺、车位、其他/);
    assert.equal(at(3, '登记面积')[0]?.code, 'registry.area_required');
    assert.equal(at(4, '登记面积')[0]?.code, 'registry.invalid_area');
    assert.equal(at(4, '持有人')[0]?.code, 'import.enum');
    const en = r.en.find((e) => e.row === 3 && e.column === '用途');
    assert.match(en?.message ?? '', /must be one of: residence, shop, parking, other/);
    assert.equal(r.rows('units').length, 0, 'no unit row passes');
  });

  it('checks the GB 11643 and GB 32100 check digits, phones, dates, booleans, codes and lengths', async () => {
    const id = residentId(7);
    const badId = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const badUscc = COMPANY.slice(0, 17) + (COMPANY[17] === 'A' ? 'B' : 'A');
    const r = await check({
      'regions.csv': '区域代码,区域名称,级别,上级区域代码\nC Z,市,市,\n',
      'companies.csv': `统一社会信用代码,企业名称,法定代表人,联系电话\n${badUscc},${'长'.repeat(101)},张伟,12345\n`,
      'owners.csv': `小区编码,楼栋,房号,姓名,身份证号,手机号,代表人,取得日期\nE-1,1号楼,101,王芳,${badId},1380000000,也许,2020-02-30\n`,
    });
    const codes = r.zh.map((e) => `${e.sheet}:${e.row}:${e.column}:${e.code}`);
    for (const expected of [
      'regions.csv:2:区域代码:import.code',
      'companies.csv:2:统一社会信用代码:registry.invalid_uscc',
      'companies.csv:2:企业名称:import.too_long',
      'companies.csv:2:联系电话:registry.invalid_phone',
      'owners.csv:2:身份证号:registry.invalid_resident_id',
      'owners.csv:2:手机号:registry.invalid_phone',
      'owners.csv:2:代表人:import.bool',
      'owners.csv:2:取得日期:import.date',
    ]) {
      assert.ok(codes.includes(expected), `${expected} in ${codes.join(' | ')}`);
    }
    assert.match(find(r.en, 'registry.invalid_resident_id')?.message ?? '', /GB 11643/);
    assert.match(find(r.zh, 'registry.invalid_uscc')?.message ?? '', /GB 32100/);
  });

  it('reports header problems on row 1 and takes no row of a sheet that misses a required column', async () => {
    const r = await check({ 'units.csv': '小区编码,楼栋,用途,登记面积,颜色,用途\nE-1,1号楼,住宅,80,红,住宅\n' });
    assert.ok(r.zh.some((e) => e.row === 1 && e.code === 'import.missing_column' && e.message.includes('房号')));
    assert.ok(r.en.some((e) => e.row === 1 && e.code === 'import.missing_column' && e.message.includes('Unit number')));
    assert.ok(r.zh.some((e) => e.row === 1 && e.column === '颜色' && e.code === 'import.unknown_column'));
    assert.ok(r.zh.some((e) => e.row === 1 && e.column === '用途' && e.code === 'import.duplicate_column'));
    const noArea = await check({ 'units.csv': '小区编码,楼栋,房号,用途\nE-1,1号楼,101,住宅\n' });
    assert.equal(noArea.zh[0].code, 'import.missing_one_of');
    assert.match(noArea.zh[0].message, /登记面积、测绘面积、合同面积/);
  });

  it('accepts English headers and values, and labels with a unit or a required mark', async () => {
    const r = await check({
      'import.csv':
        'Estate code*,Building,Unit number,Use,Registered area (m²),Holder\nE-1,1号楼,101,shop,45.5,developer unsold\n',
      'estates.csv': ESTATES,
      'regions.csv': REGIONS,
      'companies.csv': COMPANIES,
      'buildings.csv': BUILDINGS,
    });
    assert.deepEqual(r.zh, []);
    assert.equal(r.rows('units')[0].use, 'shop');
    assert.equal(r.rows('units')[0].holder, 'developer_unsold');
  });

  it('finds duplicates within the file and names the first row', async () => {
    const r = await check({
      'units.csv': `${UNITS}E-1,1号楼,101,住宅,70\n`,
      'buildings.csv': BUILDINGS,
      'estates.csv': ESTATES,
      'regions.csv': REGIONS,
      'companies.csv': COMPANIES,
    });
    const dup = find(r.zh, 'import.duplicate_row');
    assert.equal(dup?.row, 4);
    assert.equal(dup?.column, '房号');
    assert.match(dup?.message ?? '', /第 2 行/);
    assert.match(find(r.en, 'import.duplicate_row')?.message ?? '', /duplicates row 2 \(E-1 \/ 1号楼 \/ 101\)/);
  });

  it('resolves references to the database, and reports missing ones and rows that depend on a bad row', async () => {
    const existing = emptyExisting();
    existing.estates.set('OLD-1', {
      id: '00000000-0000-7000-8000-000000000001',
      region_path: '/a/b/',
      company_id: null,
    });
    existing.buildings.set('00000000-0000-7000-8000-000000000001\t2号楼', '00000000-0000-7000-8000-000000000002');
    const r = await check(
      {
        'buildings.csv': '小区编码,楼栋,层数\nE-1,1号楼,0\nNOPE,1号楼,5\n', // E-1's building is bad (floors 0); NOPE exists nowhere
        'units.csv':
          '小区编码,楼栋,房号,用途,登记面积\nE-1,1号楼,101,住宅,80\nOLD-1,2号楼,101,住宅,80\nOLD-1,3号楼,101,住宅,80\n',
        'estates.csv': ESTATES,
        'regions.csv': REGIONS,
        'companies.csv': COMPANIES,
      },
      { existing },
    );
    assert.equal(find(r.zh, 'import.range')?.column, '层数');
    const missing = r.zh.filter((e) => e.code === 'import.not_found');
    assert.deepEqual(
      missing.map((e) => [e.sheet, e.row, e.column]),
      [
        ['buildings.csv', 3, '小区编码'],
        ['units.csv', 4, '楼栋'],
      ],
    );
    assert.match(missing[0].message, /找不到小区“NOPE”/);
    const depends = find(r.zh, 'import.depends_on_invalid');
    assert.deepEqual([depends?.sheet, depends?.row, depends?.column], ['units.csv', 2, '楼栋']);
    assert.match(depends?.message ?? '', /楼栋“E-1 \/ 1号楼”（buildings.csv第 2 行）有错误/);
    assert.match(
      find(r.en, 'import.depends_on_invalid')?.message ?? '',
      /the building "E-1 \/ 1号楼" it refers to \(buildings.csv row 2\) has errors/,
    );
    assert.deepEqual(
      r.rows('units').map((u) => u.building_id),
      ['00000000-0000-7000-8000-000000000002'],
      'the unit of the existing building passes',
    );
  });

  it('checks region levels, moves, communities and the company / management mode pair', async () => {
    const existing = emptyExisting();
    existing.regions.set('OLD', {
      id: '00000000-0000-7000-8000-00000000000a',
      level: 'district',
      path: '/c/old/',
      parentId: '00000000-0000-7000-8000-00000000000c',
    });
    const r = await check(
      {
        'regions.csv': `${REGIONS}BAD,坏社区,社区,CZ-1\nOLD,老区,区,CZ\n`,
        'estates.csv': `小区编码,小区名称,地址,所属社区代码,物业企业信用代码,管理方式,服务等级\nE-2,二号,路,CZ-1-1,,,3\nE-3,三号,路,CZ-1-1-1,,物业企业,3\n`,
      },
      { existing },
    );
    assert.equal(find(r.zh, 'import.region_parent_level')?.row, 6);
    assert.equal(find(r.zh, 'import.region_moved')?.row, 7);
    assert.equal(find(r.zh, 'import.not_community')?.column, '所属社区代码');
    assert.equal(find(r.zh, 'import.company_mode')?.column, '管理方式');
  });

  it('checks co-owners: one representative, one person one name, units held by the developer', async () => {
    const id1 = residentId(11);
    const id2 = residentId(12);
    const units = `${UNITS}E-1,1号楼,103,住宅,90,\nE-1,1号楼,104,住宅,90\n`
      .replace('小区编码,楼栋,房号,用途,登记面积', '小区编码,楼栋,房号,用途,登记面积,持有人')
      .replace('E-1,1号楼,104,住宅,90', 'E-1,1号楼,104,住宅,90,开发商未售');
    const owners =
      '小区编码,楼栋,房号,姓名,身份证号,代表人\n' +
      `E-1,1号楼,101,王芳,${id1},是\nE-1,1号楼,101,李强,${id2},是\n` + // two representatives
      `E-1,1号楼,102,王芳,${id1},否\nE-1,1号楼,102,李强,${id2},否\n` + // explicit: neither (allowed)
      `E-1,1号楼,103,王芳,${id1},\nE-1,1号楼,103,张三,${residentId(13)},\n` + // co-owned, nobody marked
      `E-1,1号楼,104,赵六,${residentId(14)},是\n` + // the developer holds 104
      `E-1,1号楼,101,王小芳,${id1},\n`; // a different name for the same ID number (and a duplicate)
    const r = await check({
      'regions.csv': REGIONS,
      'companies.csv': COMPANIES,
      'estates.csv': ESTATES,
      'buildings.csv': BUILDINGS,
      'units.csv': units,
      'owners.csv': owners,
    });
    assert.equal(find(r.zh, 'import.two_representatives')?.row, 3);
    assert.deepEqual(
      r.zh.filter((e) => e.code === 'import.needs_representative').map((e) => e.row),
      [6, 7],
    );
    assert.equal(find(r.zh, 'import.unit_not_owned')?.row, 8);
    assert.equal(find(r.zh, 'import.duplicate_row')?.row, 9);
    assert.deepEqual(
      r.rows('owners').map((o) => [o.row, o.is_representative]),
      [
        [2, true],
        [4, false],
        [5, false],
      ],
    );
    const conflict = await check({
      'regions.csv': REGIONS,
      'companies.csv': COMPANIES,
      'estates.csv': ESTATES,
      'buildings.csv': BUILDINGS,
      'units.csv': UNITS,
      'owners.csv': `小区编码,楼栋,房号,姓名,身份证号\nE-1,1号楼,101,王芳,${id1}\nE-1,1号楼,102,王小芳,${id1}\n`,
    });
    assert.equal(find(conflict.zh, 'import.person_conflict')?.column, '姓名');
    assert.match(find(conflict.en, 'import.person_conflict')?.message ?? '', /different 姓名 in row 2/);
  });

  it('keeps the importing user to their scope: region path for regulators, own estates for a company admin', async () => {
    const existing = emptyExisting();
    const mine = {
      id: '00000000-0000-7000-8000-0000000000e1',
      region_path: '/city/d1/s1/c1/',
      company_id: '00000000-0000-7000-8000-0000000000c1',
    };
    const theirs = {
      id: '00000000-0000-7000-8000-0000000000e2',
      region_path: '/city/d2/s2/c2/',
      company_id: '00000000-0000-7000-8000-0000000000c2',
    };
    existing.estates.set('MINE', mine);
    existing.estates.set('THEIRS', theirs);
    existing.companies.set(COMPANY, { id: mine.company_id });
    existing.companies.set(uscc(2, '341700'), { id: theirs.company_id });
    const admin: Actor = {
      ...everywhere,
      bindings: [{ role: 'company_admin', scopeType: 'company', scopeId: mine.company_id, scopePath: null }],
    };
    const files = {
      'buildings.csv': '小区编码,楼栋\nMINE,1号楼\nTHEIRS,1号楼\n',
      'staff.csv': `企业信用代码,姓名,手机号,岗位\n${COMPANY},刘强,13700000001,保洁\n${uscc(2, '341700')},陈明,13700000002,保洁\n`,
      'companies.csv': COMPANIES,
    };
    const r = await check(files, { existing, actor: admin });
    const out = r.zh.filter((e) => e.code === 'import.out_of_scope').map((e) => `${e.sheet}:${e.row}:${e.column}`);
    assert.deepEqual(out, ['companies.csv:2:统一社会信用代码', 'buildings.csv:3:小区编码', 'staff.csv:3:企业信用代码']);
    assert.equal(r.rows('buildings').length, 1);
    assert.equal(
      r.rows('staff').length,
      0,
      'its company row is out of scope, so the staff row depending on it fails too',
    );

    const district: Actor = {
      ...everywhere,
      bindings: [{ role: 'district_regulator', scopeType: 'region', scopeId: 'd1', scopePath: '/city/d1/' }],
    };
    const d = await check({ 'buildings.csv': files['buildings.csv'] }, { existing, actor: district });
    assert.deepEqual(
      d.zh.map((e) => [e.row, e.code]),
      [[3, 'import.out_of_scope']],
    );
  });

  it('assigns staff only to estates of their own company', async () => {
    const other = uscc(3, '341700');
    const r = await check({
      'regions.csv': REGIONS,
      'companies.csv': `${COMPANIES}${other},另一家物业,李四\n`,
      'estates.csv': ESTATES,
      'staff.csv': `企业信用代码,姓名,手机号,岗位,派驻小区编码\n${other},刘强,13700000001,保洁,E-1\n`,
    });
    assert.equal(find(r.zh, 'import.staff_estate_company')?.column, '派驻小区编码');
  });
});

describe('import files', () => {
  it('parses CSV with quotes, doubled quotes, commas and line breaks inside a field', () => {
    assert.deepEqual(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n\nlast,1'), [
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      [''],
      ['last', '1'],
    ]);
  });

  it('reads GB18030 CSV as saved by Excel on Chinese Windows, and keeps Excel row numbers over blank lines', async () => {
    const gbk = Buffer.from([0xd0, 0xa1, 0xc7, 0xf8, 0xb1, 0xe0, 0xc2, 0xeb, 0x0a, 0x41, 0x0a, 0x0a, 0x42, 0x0a]); // 小区编码\nA\n\nB\n
    const { tables } = await readFiles([{ name: 'x.csv', content: gbk, kind: 'buildings' }]);
    assert.equal(tables[0].headers[0], '小区编码');
    assert.deepEqual(
      tables[0].rows.map((r) => r.row),
      [2, 4],
    );
  });

  it('tells the kind of a CSV by its name or, failing that, its headers', async () => {
    assert.equal(kindOfName('2-企业.csv'.replace(/\.csv$/, '')), 'companies');
    assert.equal(kindOfName('city-units'), 'units');
    assert.equal(kindOfName('房屋清单'), 'units');
    const byHeaders = await readFiles([
      { name: 'data.csv', content: Buffer.from('小区编码,楼栋,房号,姓名,身份证号\n') },
    ]);
    assert.equal(byHeaders.tables[0].kind, 'owners');
    const unknown = await readFiles([{ name: 'data.csv', content: Buffer.from('甲,乙\n1,2\n') }]);
    assert.equal(unknown.issues[0].code, 'import.unknown_kind');
  });

  it('reads a workbook sheet by sheet, refuses unknown sheets and long numbers Excel has damaged', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const owners = wb.addWorksheet('业主');
    owners.addRow(['小区编码', '楼栋', '房号', '姓名', '身份证号']);
    owners.addRow(['E-1', '1号楼', 101, '王芳', 110105194912310000]);
    wb.addWorksheet('Sheet2');
    wb.addWorksheet('说明').addRow(['随便写点']);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const { tables, issues } = await readFiles([{ name: 'book.xlsx', content }]);
    assert.deepEqual(
      tables.map((t) => t.sheet),
      ['业主'],
    );
    assert.equal(issues[0].code, 'import.unknown_sheet');
    const errors = issues.slice();
    parseTables(tables, errors);
    const lossy = errors.find((e) => e.code === 'import.number_as_text');
    assert.deepEqual([lossy?.sheet, lossy?.row, lossy?.column], ['业主', 2, '身份证号']);
    assert.equal(tables[0].rows[0].cells[2], '101', 'numbers become text');
  });
});
