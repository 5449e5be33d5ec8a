import { sql } from 'kysely';
import { audit } from '../../../kernel/audit.ts';
import { type BindingInput, createPasswordAccount } from '../../../kernel/auth/accounts.ts';
import { ANONYMOUS } from '../../../kernel/auth/roles.ts';
import { insertChunks } from '../../../kernel/bulk.ts';
import type { Db } from '../../../kernel/db.ts';
import { newId } from '../../../kernel/ids.ts';
import { COMPANY_WORDS, ESTATE_NAMES, mobile, personName, prng, ROAD_NAMES, residentId, uscc } from './names.ts';

/**
 * The demo city 江城市: 2 districts, 4 streets, 8 communities, 12 estates with about 5,000 units,
 * 5 companies, the departments of the Chibi responsibility table, and one login per role.
 * Idempotent: it does nothing when the city already exists.
 */

export const DEMO_PASSWORD = 'Anju@2026';
export const DEMO_RESIDENT_PHONE = '13800000001';

/** Departments and what they answer for (seed chibi-2024-work-plan.txt, 四、职责分工). */
export const DEPARTMENTS: { kind: string; name: string; categories: string[] }[] = [
  {
    kind: 'urban_management',
    name: '城管执法局',
    categories: ['违法建设', '户外广告', '外立面', '施工噪声', '商业经营噪声', '环卫保洁', '垃圾分类'],
  },
  {
    kind: 'public_security',
    name: '公安局',
    categories: ['社会生活噪音', '宠物', '侵占物业用房', '治安', '流动人口', '物业退出秩序'],
  },
  { kind: 'fire_rescue', name: '消防救援大队', categories: ['消防违法', '消防通道', '消防设施'] },
  { kind: 'market_regulation', name: '市场监管局', categories: ['电梯', '机械式停车设备', '住改商'] },
  { kind: 'development_reform', name: '发改局', categories: ['物业收费纠纷', '前期物业收费'] },
  { kind: 'ecology_environment', name: '生态环境分局', categories: ['餐饮油烟'] },
  { kind: 'health', name: '卫健局', categories: ['传染病防治'] },
  { kind: 'education', name: '教育局', categories: ['违规培训班', '就近入学'] },
  { kind: 'natural_resources', name: '自然资源和规划局', categories: ['物业用房', '停车位规划', '垃圾收集点规划'] },
  { kind: 'emergency', name: '应急管理局', categories: ['应急预案'] },
];

export interface DemoLogin {
  role: string;
  label: string;
  username: string;
  password?: string;
  phone?: string;
}

export async function demoExists(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('regions').select('id').where('code', '=', 'JC').executeTakeFirst());
}

export async function seedDemo(db: Db): Promise<{ created: boolean; logins: DemoLogin[] }> {
  if (await demoExists(db)) return { created: false, logins: demoLogins() };
  const r = prng(2026);
  await db.transaction().execute(async (trx) => {
    // One writer seeds at a time when several instances start together.
    await sql`SELECT pg_advisory_xact_lock(7320003)`.execute(trx);
    if (await trx.selectFrom('regions').select('id').where('code', '=', 'JC').executeTakeFirst()) return;

    const regions: Record<string, { id: string; path: string }> = {};
    const addRegion = async (
      code: string,
      name: string,
      level: 'city' | 'district' | 'street' | 'community',
      parent?: string,
    ) => {
      const id = newId();
      const path = `${parent ? regions[parent].path : '/'}${id}/`;
      regions[code] = { id, path };
      await trx
        .insertInto('regions')
        .values({ id, code, name, level, parent_id: parent ? regions[parent].id : null, path })
        .execute();
    };
    await addRegion('JC', '江城市', 'city');
    const tree = {
      JN: {
        name: '江南区',
        streets: { WJ: ['望江街道', ['望江社区', '临江社区']], BH: ['滨湖街道', ['滨湖社区', '翠湖社区']] },
      },
      JB: {
        name: '江北区',
        streets: { CB: ['城北街道', ['北门社区', '红星社区']], XH: ['新华街道', ['新华社区', '光明社区']] },
      },
    } as const;
    const communities: string[] = [];
    for (const [dCode, d] of Object.entries(tree)) {
      await addRegion(dCode, d.name, 'district', 'JC');
      for (const [sCode, [sName, cNames]] of Object.entries(d.streets)) {
        await addRegion(sCode, sName, 'street', dCode);
        for (const [i, cName] of cNames.entries()) {
          await addRegion(`${sCode}${i + 1}`, cName, 'community', sCode);
          communities.push(`${sCode}${i + 1}`);
        }
      }
    }

    await insertChunks(
      trx,
      'departments',
      DEPARTMENTS.map((d) => ({
        id: newId(),
        region_id: regions.JC.id,
        kind: d.kind,
        name: `江城市${d.name}`,
        phone: `0513-8${r.int(100, 999)}${r.int(1000, 9999)}`,
        categories: d.categories,
      })),
    );

    const companies = COMPANY_WORDS.slice(0, 5).map((w, i) => ({
      id: newId(),
      uscc: uscc(1000 + i),
      name: `江城${w}物业服务有限公司`,
      legal_representative: personName(r),
      contact_name: personName(r),
      contact_phone: mobile(r, 90_000_000 + i),
      address: `江城市${r.pick(ROAD_NAMES)}${r.int(1, 300)}号`,
      region_id: regions.JC.id,
    }));
    await insertChunks(trx, 'companies', companies);

    let staffSerial = 80_000_000;
    const staff: Record<string, unknown>[] = [];
    const estates: Record<string, unknown>[] = [];
    const buildings: Record<string, unknown>[] = [];
    const units: Record<string, unknown>[] = [];
    const persons: Record<string, unknown>[] = [];
    const owners: Record<string, unknown>[] = [];
    let personSerial = 1;

    for (let e = 0; e < 12; e++) {
      const community = communities[e % communities.length];
      const streetCode = community.slice(0, 2);
      // Two estates without a company: one self-managed, one in community custody.
      const mode = e === 10 ? 'self_managed' : e === 11 ? 'community_custody' : 'company';
      const company = mode === 'company' ? companies[e % companies.length] : null;
      const estateId = newId();
      let pmId: string | null = null;
      if (company) {
        for (const [k, position] of [
          'project_manager',
          'engineer',
          'customer_service',
          'security',
          'cleaner',
        ].entries()) {
          const id = newId();
          if (k === 0) pmId = id;
          staff.push({
            id,
            company_id: company.id,
            name: personName(r),
            phone: mobile(r, staffSerial++),
            id_number: residentId(5_000_000 + staffSerial),
            position,
            certificates: JSON.stringify(
              k === 0 ? [{ name: '物业管理项目经理证书', number: `PM${r.int(100000, 999999)}` }] : [],
            ),
            estate_id: estateId,
          });
        }
      }
      const buildingCount = 4 + (e % 4);
      const floors = 11 + (e % 3) * 6;
      let totalArea = 0;
      const estateUnits: Record<string, unknown>[] = [];
      for (let b = 1; b <= buildingCount; b++) {
        const buildingId = newId();
        buildings.push({ id: buildingId, estate_id: estateId, name: `${b}号楼`, floors });
        for (let f = 1; f <= floors; f++) {
          for (let n = 1; n <= 4; n++) {
            const area = r.int(6000, 14000) + r.pick([0, 50]);
            totalArea += area;
            // Mostly registered areas; some only surveyed or contract, as in older estates.
            const source = r.next();
            const unit = {
              id: newId(),
              estate_id: estateId,
              building_id: buildingId,
              number: `${f}${String(n).padStart(2, '0')}`,
              floor: f,
              use: 'residence',
              area_registered: source < 0.85 ? area : null,
              area_surveyed: source >= 0.85 && source < 0.95 ? area : null,
              area_contract: source >= 0.95 ? area : null,
              holder: r.next() < 0.03 ? 'developer_unsold' : 'owner',
            };
            units.push(unit);
            estateUnits.push(unit);
          }
        }
      }
      const shopsBuilding = buildings[buildings.length - 1].id;
      for (let s = 1; s <= 6; s++) {
        const area = r.int(3000, 9000);
        totalArea += area;
        units.push({
          id: newId(),
          estate_id: estateId,
          building_id: shopsBuilding,
          number: `S${s}`,
          floor: 1,
          use: 'shop',
          area_registered: area,
          area_surveyed: null,
          area_contract: null,
          holder: 'owner',
        });
        estateUnits.push(units[units.length - 1]);
      }
      for (let p = 1; p <= 20; p++) {
        const area = 1250;
        totalArea += area;
        units.push({
          id: newId(),
          estate_id: estateId,
          building_id: shopsBuilding,
          number: `P${String(p).padStart(3, '0')}`,
          floor: -1,
          use: 'parking',
          area_registered: null,
          area_surveyed: area,
          area_contract: null,
          holder: r.next() < 0.3 ? 'developer_unsold' : 'owner',
        });
        estateUnits.push(units[units.length - 1]);
      }
      // Owners: one person per unit, except buyers of a flat and a parking space, and some co-owned flats.
      let previous: string | null = null;
      for (const unit of estateUnits) {
        const u = unit as { id: string };
        if (unit.holder !== 'owner') continue;
        if (unit.use === 'parking' && previous && r.next() < 0.7) {
          owners.push({ unit_id: u.id, person_id: previous, estate_id: estateId, is_representative: true });
          continue;
        }
        const personId = newId();
        const serial = personSerial++;
        const phone = e === 0 && serial === 1 ? DEMO_RESIDENT_PHONE : mobile(r, serial);
        persons.push({ id: personId, name: personName(r), phone, id_number: residentId(serial) });
        owners.push({ unit_id: u.id, person_id: personId, estate_id: estateId, is_representative: true });
        if (r.next() < 0.15) {
          const spouse = newId();
          const s2 = personSerial++;
          persons.push({ id: spouse, name: personName(r), phone: mobile(r, s2), id_number: residentId(s2) });
          owners.push({ unit_id: u.id, person_id: spouse, estate_id: estateId, is_representative: false });
        }
        previous = personId;
      }
      estates.push({
        id: estateId,
        code: `JC-${String(e + 1).padStart(3, '0')}`,
        name: ESTATE_NAMES[e],
        address: `江城市${r.pick(ROAD_NAMES)}${r.int(1, 500)}号`,
        lng: 120.86 + r.next() * 0.1,
        lat: 32.0 + r.next() * 0.06,
        street_id: regions[streetCode].id,
        community_id: regions[community].id,
        region_path: regions[community].path,
        service_grade: 1 + (e % 5),
        company_id: company?.id ?? null,
        management_mode: mode,
        total_area: totalArea,
        project_manager_id: null,
        _pm: pmId,
      });
    }
    await insertChunks(
      trx,
      'estates',
      estates.map(({ _pm, ...rest }) => rest),
    );
    await insertChunks(trx, 'staff', staff);
    for (const e of estates)
      if (e._pm)
        await trx
          .updateTable('estates')
          .set({ project_manager_id: e._pm as string })
          .where('id', '=', e.id as string)
          .execute();
    await insertChunks(trx, 'buildings', buildings);
    await insertChunks(trx, 'units', units);
    await insertChunks(trx, 'persons', persons);
    await insertChunks(trx, 'unit_owners', owners);

    // An owners' committee in the first estate, its director the demo committee login.
    const first = estates[0];
    const members = owners.filter((o) => o.estate_id === first.id && o.is_representative).slice(1, 6);
    const committeeId = newId();
    await trx
      .insertInto('committees')
      .values({
        id: committeeId,
        estate_id: first.id as string,
        kind: 'owners_committee',
        term_start: '2025-01-01',
        term_end: '2029-12-31',
        seats: members.length,
      })
      .execute();
    await trx
      .insertInto('committee_members')
      .values(
        members.map((m, i) => ({
          id: newId(),
          committee_id: committeeId,
          person_id: m.person_id as string,
          name: persons.find((p) => p.id === m.person_id)?.name as string,
          position: i === 0 ? 'director' : i === 1 ? 'deputy_director' : 'member',
          source: 'recorded' as const,
          joined_on: '2025-01-01',
        })),
      )
      .execute();

    const region = (code: string, role: BindingInput['role']): BindingInput => ({
      role,
      scopeType: 'region',
      scopeId: regions[code].id,
      scopePath: regions[code].path,
    });
    const dept = await trx
      .selectFrom('departments')
      .select(['id'])
      .where('kind', '=', 'urban_management')
      .executeTakeFirstOrThrow();
    const accounts: [string, string, BindingInput[]][] = [
      ['city.admin', '江城市住建局', [region('JC', 'city_regulator')]],
      ['jiangnan.admin', '江南区住建局', [region('JN', 'district_regulator')]],
      ['wangjiang.street', '望江街道办事处', [region('WJ', 'street_office')]],
      ['wangjiang.community', '望江社区居委会', [region('WJ1', 'community')]],
      [
        'dept.chengguan',
        '江城市城管执法局',
        [{ role: 'department', scopeType: 'department', scopeId: dept.id, scopePath: regions.JC.path }],
      ],
      ['company.admin', companies[0].name, [{ role: 'company_admin', scopeType: 'company', scopeId: companies[0].id }]],
      [
        'company.staff',
        `${companies[0].name} 客服`,
        [{ role: 'company_staff', scopeType: 'estate', scopeId: first.id as string }],
      ],
      [
        'project.manager',
        `${first.name}项目负责人`,
        [{ role: 'project_manager', scopeType: 'estate', scopeId: first.id as string }],
      ],
      [
        'committee.member',
        `${first.name}业主委员会`,
        [{ role: 'committee_member', scopeType: 'estate', scopeId: first.id as string }],
      ],
    ];
    for (const [username, displayName, bindings] of accounts) {
      await createPasswordAccount(trx, { username, password: DEMO_PASSWORD, displayName }, bindings);
    }
    await audit(
      trx,
      { actor: { ...ANONYMOUS, displayName: 'seed' } },
      {
        action: 'seed',
        entityType: 'demo_city',
        entityId: regions.JC.id,
        after: { estates: estates.length, units: units.length, persons: persons.length },
      },
    );
  });
  return { created: true, logins: demoLogins() };
}

export function demoLogins(): DemoLogin[] {
  const p = DEMO_PASSWORD;
  return [
    { role: 'city_regulator', label: '市住建局 City housing bureau', username: 'city.admin', password: p },
    { role: 'district_regulator', label: '区住建局 District bureau (江南区)', username: 'jiangnan.admin', password: p },
    { role: 'street_office', label: '街道 Street office (望江街道)', username: 'wangjiang.street', password: p },
    { role: 'community', label: '社区 Community (望江社区)', username: 'wangjiang.community', password: p },
    { role: 'department', label: '职能部门 Department (城管执法)', username: 'dept.chengguan', password: p },
    { role: 'company_admin', label: '物业企业管理员 Company admin', username: 'company.admin', password: p },
    { role: 'company_staff', label: '物业员工 Company staff', username: 'company.staff', password: p },
    { role: 'project_manager', label: '项目负责人 Project manager', username: 'project.manager', password: p },
    { role: 'committee_member', label: '业委会委员 Committee member', username: 'committee.member', password: p },
    {
      role: 'resident',
      label: '业主 Resident (手机验证码 phone code)',
      username: DEMO_RESIDENT_PHONE,
      phone: DEMO_RESIDENT_PHONE,
    },
  ];
}
