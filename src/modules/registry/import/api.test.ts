import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { account, company, estate, region } from '../../../../test/factories/registry.ts';
import { type Client, startTestApp, type TestApp } from '../../../../test/helpers.ts';
import { residentId } from '../seed/names.ts';

/** The upload endpoint and its job, end to end through the HTTP API. */

type Cell = string | number | null;

async function workbook(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = `----anju${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface JobResult {
  imported: boolean;
  counts: Record<string, { sheet: string; inserted: number; updated: number; unchanged: number; invalid: number }>;
  errors: { sheet: string; row: number; column: string; code: string; message: string }[];
  errorCount: number;
}

describe('registry import API', () => {
  let t: TestApp;
  let regulator: Client;
  let admin: Client;
  const codes = { community: '', companyA: '', estateA: '', estateB: '' };

  async function upload(client: Client, content: Buffer, mode = 'all', lang = 'zh-CN'): Promise<JobResult> {
    const res = await client.request({
      method: 'POST',
      url: `/api/v1/imports?lang=${lang}`,
      ...multipart({ mode }, { name: 'registry.xlsx', content }),
    });
    assert.equal(res.statusCode, 202, res.body);
    const { jobId } = res.json();
    await t.worker.drain();
    const job = await client.get(`/api/v1/jobs/${jobId}`);
    assert.equal(job.json().status, 'succeeded', job.body);
    assert.equal(job.json().progress.done, job.json().progress.total, 'progress reaches the end');
    return job.json().result;
  }

  before(async () => {
    t = await startTestApp();
    const db = t.handle.db;
    const city = await region(db, 'city');
    const street = await region(db, 'street', await region(db, 'district', city));
    const community = await region(db, 'community', street);
    const a = await company(db);
    const b = await company(db);
    const ea = await estate(db, { community, companyId: a.id });
    const eb = await estate(db, { community, companyId: b.id });
    codes.community = (
      await db.selectFrom('regions').select('code').where('id', '=', community.id).executeTakeFirstOrThrow()
    ).code;
    codes.companyA = (
      await db.selectFrom('companies').select('uscc').where('id', '=', a.id).executeTakeFirstOrThrow()
    ).uscc;
    const estateCode = async (id: string) =>
      (await db.selectFrom('estates').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
    codes.estateA = await estateCode(ea.id);
    codes.estateB = await estateCode(eb.id);
    regulator = await t.as(
      await account(db, 'city_regulator', { scopeType: 'region', scopeId: city.id, scopePath: city.path }),
    );
    admin = await t.as(await account(db, 'company_admin', { scopeType: 'company', scopeId: a.id }));
  });
  after(() => t.close());

  const file = () =>
    workbook({
      小区: [
        ['小区编码', '小区名称', '地址', '所属社区代码', '物业企业信用代码', '服务等级'],
        ['API-1', '接口花园', '人民路1号', codes.community, codes.companyA, 3],
        ['API-2', '无名小区', '人民路2号', 'NOPE', null, 2],
      ],
      楼栋: [
        ['小区编码', '楼栋', '层数'],
        ['API-1', '1号楼', 18],
        ['API-2', '1号楼', 10],
        ['API-1', '2号楼', 'abc'],
      ],
      房屋: [
        ['小区编码', '楼栋', '房号', '楼层', '用途', '登记面积'],
        ['API-1', '1号楼', '101', 1, '住宅', 89.5],
        ['API-1', '1号楼', '102', 1, '住宅', '90.25'],
        ['API-1', '1号楼', '103', 1, '别墅', 80],
        ['API-1', '2号楼', '101', 1, '住宅', 80],
      ],
      业主: [
        ['小区编码', '楼栋', '房号', '姓名', '身份证号', '手机号', '代表人'],
        ['API-1', '1号楼', '101', '王芳', residentId(4242), '13912345678', '是'],
        ['API-1', '1号楼', '102', '李强', '110105194912310021', null, '是'],
      ],
      员工: [
        ['企业信用代码', '姓名', '手机号', '岗位', '派驻小区编码'],
        [codes.companyA, '刘强', '13712345678', '保洁', 'API-1'],
        [codes.companyA, '陈明', '1234', '保洁', null],
      ],
    });

  it('reports every bad row and imports nothing while any row is bad', async () => {
    const result = await upload(regulator, await file());
    assert.equal(result.imported, false);
    assert.deepEqual(
      result.errors.map((e) => [e.sheet, e.row, e.column, e.code]),
      [
        ['小区', 3, '所属社区代码', 'import.not_found'],
        ['楼栋', 3, '小区编码', 'import.depends_on_invalid'],
        ['楼栋', 4, '层数', 'import.integer'],
        ['房屋', 4, '用途', 'import.enum'],
        ['房屋', 5, '楼栋', 'import.depends_on_invalid'],
        ['业主', 3, '身份证号', 'registry.invalid_resident_id'],
        ['员工', 3, '手机号', 'registry.invalid_phone'],
      ],
    );
    assert.match(result.errors[0].message, /找不到区域“NOPE”/);
    assert.deepEqual(result.counts.units, { sheet: '房屋', inserted: 0, updated: 0, unchanged: 0, invalid: 2 });
    const db = t.handle.db;
    assert.equal((await db.selectFrom('estates').select('id').where('code', 'like', 'API-%').execute()).length, 0);
    assert.equal((await db.selectFrom('staff').select('id').where('phone', '=', '13712345678').execute()).length, 0);
  });

  it('answers in English when asked', async () => {
    const result = await upload(regulator, await file(), 'all', 'en');
    assert.match(
      result.errors.find((e) => e.code === 'import.enum')?.message ?? '',
      /must be one of: residence, shop, parking, other/,
    );
    assert.match(result.errors[0].message, /no region "NOPE" in the file or in the system/);
  });

  it('imports only the valid rows when asked, then a re-import changes nothing', async () => {
    const db = t.handle.db;
    const auditBefore = (await db.selectFrom('audit_log').select('id').execute()).length;
    const first = await upload(regulator, await file(), 'valid_only');
    assert.equal(first.imported, true);
    assert.equal(first.errorCount, 7);
    assert.deepEqual(first.counts.estates, { sheet: '小区', inserted: 1, updated: 0, unchanged: 0, invalid: 1 });
    assert.deepEqual(first.counts.buildings, { sheet: '楼栋', inserted: 1, updated: 0, unchanged: 0, invalid: 2 });
    assert.deepEqual(first.counts.units, { sheet: '房屋', inserted: 2, updated: 0, unchanged: 0, invalid: 2 });
    assert.deepEqual(first.counts.owners, { sheet: '业主', inserted: 1, updated: 0, unchanged: 0, invalid: 1 });
    assert.deepEqual(first.counts.staff, { sheet: '员工', inserted: 1, updated: 0, unchanged: 0, invalid: 1 });

    const units = await db
      .selectFrom('units')
      .innerJoin('estates', 'estates.id', 'units.estate_id')
      .select(['units.number', 'units.area_registered', 'units.version', 'units.updated_at'])
      .where('estates.code', '=', 'API-1')
      .orderBy('units.number')
      .execute();
    assert.deepEqual(
      units.map((u) => [u.number, u.area_registered, u.version]),
      [
        ['101', 8950, 1],
        ['102', 9025, 1],
      ],
    );
    const owner = await db
      .selectFrom('unit_owners')
      .innerJoin('persons', 'persons.id', 'unit_owners.person_id')
      .select(['persons.name', 'persons.phone', 'unit_owners.is_representative'])
      .where('persons.id_number', '=', residentId(4242))
      .executeTakeFirstOrThrow();
    assert.deepEqual(owner, { name: '王芳', phone: '13912345678', is_representative: true });
    const staff = await db
      .selectFrom('staff')
      .select(['name', 'position', 'estate_id'])
      .where('phone', '=', '13712345678')
      .executeTakeFirstOrThrow();
    assert.equal(staff.position, 'cleaner');
    assert.ok(staff.estate_id);
    const audits = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'after'])
      .where('action', '=', 'import')
      .execute();
    assert.ok(
      audits.some(
        (a) =>
          a.entity_type === 'unit' &&
          (a.after as { inserted: number }).inserted === 2 &&
          (a.after as { file: string }).file === 'registry.xlsx',
      ),
    );
    const auditAfterFirst = (await db.selectFrom('audit_log').select('id').execute()).length;
    assert.ok(auditAfterFirst > auditBefore);

    const again = await upload(regulator, await file(), 'valid_only');
    for (const kind of ['estates', 'buildings', 'units', 'owners', 'staff']) {
      const c = again.counts[kind];
      assert.equal(c.inserted + c.updated, 0, `${kind} unchanged`);
    }
    assert.equal(again.counts.units.unchanged, 2);
    const unitsAgain = await db
      .selectFrom('units')
      .innerJoin('estates', 'estates.id', 'units.estate_id')
      .select(['units.number', 'units.version', 'units.updated_at'])
      .where('estates.code', '=', 'API-1')
      .orderBy('units.number')
      .execute();
    assert.deepEqual(
      unitsAgain,
      units.map((u) => ({ number: u.number, version: u.version, updated_at: u.updated_at })),
      'no version or updated_at bumped',
    );
    assert.equal(
      (await db.selectFrom('audit_log').select('id').execute()).length,
      auditAfterFirst,
      'an unchanged import writes no audit entry',
    );

    // One changed cell changes one row.
    const changed = await workbook({
      房屋: [
        ['小区编码', '楼栋', '房号', '用途', '登记面积'],
        ['API-1', '1号楼', '101', '住宅', 90],
        ['API-1', '1号楼', '102', '住宅', '90.25'],
      ],
    });
    const third = await upload(regulator, changed);
    assert.deepEqual(third.counts.units, { sheet: '房屋', inserted: 0, updated: 1, unchanged: 1, invalid: 0 });
    const v = await db
      .selectFrom('units')
      .select(['number', 'version', 'area_registered'])
      .where('number', 'in', ['101', '102'])
      .where('building_id', 'in', (eb) =>
        eb
          .selectFrom('buildings')
          .innerJoin('estates', 'estates.id', 'buildings.estate_id')
          .select('buildings.id')
          .where('estates.code', '=', 'API-1'),
      )
      .orderBy('number')
      .execute();
    assert.deepEqual(v, [
      { number: '101', version: 2, area_registered: 9000 },
      { number: '102', version: 1, area_registered: 9025 },
    ]);
  });

  it('keeps a company admin to the estates its company manages', async () => {
    const content = await workbook({
      楼栋: [
        ['小区编码', '楼栋'],
        [codes.estateA, '9号楼'],
        [codes.estateB, '9号楼'],
      ],
    });
    const refused = await upload(admin, content);
    assert.equal(refused.imported, false);
    assert.deepEqual(
      refused.errors.map((e) => [e.sheet, e.row, e.column, e.code]),
      [['楼栋', 3, '小区编码', 'import.out_of_scope']],
    );
    const db = t.handle.db;
    assert.equal((await db.selectFrom('buildings').select('id').where('name', '=', '9号楼').execute()).length, 0);
    const partial = await upload(admin, content, 'valid_only');
    assert.equal(partial.counts.buildings.inserted, 1);
    const rows = await db
      .selectFrom('buildings')
      .innerJoin('estates', 'estates.id', 'buildings.estate_id')
      .select('estates.code')
      .where('buildings.name', '=', '9号楼')
      .execute();
    assert.deepEqual(rows, [{ code: codes.estateA }]);
    const estates = await workbook({
      小区: [
        ['小区编码', '小区名称', '地址', '所属社区代码', '服务等级'],
        ['ADMIN-1', '自建小区', '路', codes.community, 3],
      ],
    });
    assert.equal(
      (await upload(admin, estates)).errors[0].code,
      'import.out_of_scope',
      'a company admin does not create estates',
    );
  });

  it('refuses callers without an import role, and a request without a file', async () => {
    const street = await t.as(
      await account(t.handle.db, 'street_office', { scopeType: 'region', scopeId: null, scopePath: '/' }),
    );
    const res = await street.request({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart({}, { name: 'x.csv', content: Buffer.from('a') }),
    });
    assert.equal(res.statusCode, 403);
    const empty = await regulator.request({
      method: 'POST',
      url: '/api/v1/imports',
      ...multipart({ mode: 'everything' }, { name: 'x.csv', content: Buffer.from('小区编码,楼栋\n') }),
    });
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().code, 'import.bad_mode');
  });

  it('serves the template: every sheet with its headers and an example row', async () => {
    const res = await regulator.get('/api/v1/imports/template');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['区域', '企业', '小区', '楼栋', '房屋', '业主', '员工'],
    );
    const units = wb.getWorksheet('房屋');
    assert.equal(units?.getRow(1).getCell(1).value, '小区编码*');
    assert.equal(units?.getRow(2).getCell(5).value, '住宅');
    const en = await regulator.get('/api/v1/imports/template?lang=en');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    assert.equal(wbEn.worksheets[4].name, 'units');
  });
});
