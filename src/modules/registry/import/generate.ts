import { formatArea } from '../identifiers.ts';
import { COMPANY_WORDS, ESTATE_NAMES, mobile, personName, prng, ROAD_NAMES, residentId, uscc } from '../seed/names.ts';
import type { Kind } from './sheets.ts';

/**
 * A generated city at the scale of the Chizhou platform (583 estates, 160 companies, 18,000 staff,
 * 300,000 units), as import rows: the same files a city would upload, so loading it exercises the
 * real import path. Deterministic for a seed; pure (the caller writes the files).
 * Codes start with CZ so the city sits beside the demo city (JC…); resident IDs use Chizhou's
 * area codes (3417xx) and phone serials above the demo's, so nobody collides with a demo person.
 */

export interface CityOptions {
  estates: number;
  companies: number;
  staff: number;
  units: number;
  seed: number;
}

export const CITY_DEFAULTS: CityOptions = { estates: 583, companies: 160, staff: 18_000, units: 300_000, seed: 2026 };

type Cell = string | number | null;
/** Rows per kind, cells in the column order of the Chinese headers in CITY_HEADERS. */
export type CityRows = Record<Kind, Cell[][]>;

export const CITY_HEADERS: Record<Kind, string[]> = {
  regions: ['区域代码', '区域名称', '级别', '上级区域代码'],
  companies: ['统一社会信用代码', '企业名称', '法定代表人', '联系人', '联系电话', '地址', '所在区域代码', '状态'],
  estates: [
    '小区编码',
    '小区名称',
    '地址',
    '所属社区代码',
    '物业企业信用代码',
    '管理方式',
    '服务等级',
    '经度',
    '纬度',
    '总建筑面积',
  ],
  buildings: ['小区编码', '楼栋', '层数'],
  units: ['小区编码', '楼栋', '房号', '楼层', '用途', '登记面积', '测绘面积', '合同面积', '持有人'],
  owners: ['小区编码', '楼栋', '房号', '姓名', '身份证号', '手机号', '代表人', '取得日期'],
  staff: ['企业信用代码', '姓名', '手机号', '身份证号', '岗位', '派驻小区编码', '在职状态'],
};

const DISTRICTS = ['秋浦区', '清溪区', '杏花区', '九华区', '平天区', '齐山区', '梅龙区', '牛头区'];
const PLACE =
  '池阳江口马衙墩上梅街牌楼涓桥唐田乌沙殷汇棠溪梅村清风孝肃长江秀山翠微白洋平湖龙舒昭明齐山天堂湖滨东湖西园南门北门'.match(
    /../g,
  ) as string[];
const COMMUNITY_WORDS = [
  '新村',
  '花园',
  '民主',
  '幸福',
  '和平',
  '光明',
  '建设',
  '团结',
  '胜利',
  '红旗',
  '友谊',
  '东风',
  '文化',
  '育才',
  '康乐',
  '安康',
];
const ESTATE_SUFFIX = ['花园', '苑', '小区', '家园', '新村', '雅居', '公馆', '华庭', '名都', '府', '佳苑', '广场'];
const ESTATE_WORDS = [
  '锦绣',
  '阳光',
  '翠湖',
  '金色',
  '和谐',
  '书香',
  '滨江',
  '世纪',
  '丽景',
  '紫薇',
  '幸福',
  '春晓',
  '碧水',
  '梧桐',
  '御景',
  '江南',
  '桂花',
  '枫林',
  '海棠',
  '观澜',
  '清风',
  '新华',
  '杏花',
  '秋浦',
  '九华',
  '平天',
  '白沙',
  '长江',
  '翡翠',
  '香樟',
];
const COMPANY_SUFFIX = ['', '嘉园', '华府', '安居', '鑫源', '城建', '置业', '和美', '康居', '金盾', '盛世'];
const STAFF_POSITIONS = ['engineer', 'customer_service', 'security', 'security', 'cleaner', 'cleaner', 'gardener'];
const POSITION_ZH: Record<string, string> = {
  general_manager: '总经理',
  project_manager: '项目负责人',
  engineer: '工程维修',
  customer_service: '客服',
  security: '秩序维护',
  cleaner: '保洁',
  gardener: '绿化',
  other: '其他',
};
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Splits total into n positive parts around total/n, varying by ±50%. */
function quotas(r: ReturnType<typeof prng>, total: number, n: number): number[] {
  const weights = Array.from({ length: n }, () => 0.5 + r.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % n, rest--) parts[i]++;
  return parts;
}

export function generateCity(opts: CityOptions): CityRows {
  const r = prng(opts.seed);
  const rows: CityRows = { regions: [], companies: [], estates: [], buildings: [], units: [], owners: [], staff: [] };

  // Regions: about six estates per community, five communities per street, five streets per district.
  const communityCount = Math.max(1, Math.ceil(opts.estates / 6));
  const streetCount = Math.max(1, Math.ceil(communityCount / 5));
  const districtCount = Math.max(1, Math.min(DISTRICTS.length, Math.ceil(streetCount / 5)));
  rows.regions.push(['CZ', '秋浦市', '市', null]);
  for (let d = 0; d < districtCount; d++) rows.regions.push([`CZ-${pad(d + 1, 2)}`, DISTRICTS[d], '区', 'CZ']);
  const streets: string[] = [];
  for (let s = 0; s < streetCount; s++) {
    const district = `CZ-${pad((s % districtCount) + 1, 2)}`;
    const code = `${district}-${pad(Math.floor(s / districtCount) + 1, 2)}`;
    const name = `${PLACE[s % PLACE.length]}${s >= PLACE.length ? Math.floor(s / PLACE.length) + 1 : ''}街道`;
    rows.regions.push([code, name, '街道', district]);
    streets.push(code);
  }
  const communities: string[] = [];
  for (let c = 0; c < communityCount; c++) {
    const street = streets[c % streets.length];
    const code = `${street}-${pad(Math.floor(c / streets.length) + 1, 2)}`;
    rows.regions.push([
      code,
      `${PLACE[(c * 7) % PLACE.length]}${COMMUNITY_WORDS[c % COMMUNITY_WORDS.length]}社区`,
      '社区',
      street,
    ]);
    communities.push(code);
  }

  const companies: string[] = [];
  for (let i = 0; i < opts.companies; i++) {
    const code = uscc(i + 1, '341700');
    const base = `${COMPANY_WORDS[i % COMPANY_WORDS.length]}${COMPANY_SUFFIX[Math.floor(i / COMPANY_WORDS.length) % COMPANY_SUFFIX.length]}`;
    const round = Math.floor(i / (COMPANY_WORDS.length * COMPANY_SUFFIX.length));
    const name = `秋浦${base}${round ? round + 1 : ''}物业服务有限公司`;
    rows.companies.push([
      code,
      name,
      personName(r),
      personName(r),
      mobile(r, 20_000_000 + i),
      `秋浦市${r.pick(ROAD_NAMES)}${r.int(1, 400)}号`,
      'CZ',
      '正常',
    ]);
    companies.push(code);
  }

  const unitQuota = quotas(r, opts.units, opts.estates);
  const managed = new Map<string, string[]>();
  let personSerial = 1;
  let lastOwner: Cell[] | null = null;
  for (let e = 0; e < opts.estates; e++) {
    const code = `CZ-E${pad(e + 1, 4)}`;
    const roll = r.next();
    const mode = !companies.length || roll >= 0.9 ? (roll >= 0.97 ? '社区托管' : '业主自管') : '物业企业';
    const company = mode === '物业企业' ? companies[(e * 37) % companies.length] : null;
    if (company) managed.set(company, [...(managed.get(company) ?? []), code]);
    const name =
      e < ESTATE_NAMES.length
        ? ESTATE_NAMES[e]
        : `${ESTATE_WORDS[e % ESTATE_WORDS.length]}${ESTATE_SUFFIX[Math.floor(e / ESTATE_WORDS.length) % ESTATE_SUFFIX.length]}${e >= ESTATE_WORDS.length * ESTATE_SUFFIX.length ? `${Math.floor(e / (ESTATE_WORDS.length * ESTATE_SUFFIX.length)) + 1}期` : ''}`;
    let totalArea = 0;
    const quota = unitQuota[e];
    const parking = quota >= 100 ? Math.floor(quota * 0.12) : 0;
    const shops = quota >= 100 ? Math.floor(quota * 0.03) : 0;
    let residences = quota - parking - shops;
    const addUnit = (
      building: string,
      number: string,
      floor: number,
      use: string,
      area: number,
      holder: string,
      source: number,
    ) => {
      totalArea += area;
      const a = formatArea(area);
      rows.units.push([
        code,
        building,
        number,
        floor,
        use,
        source < 0.85 ? a : null,
        source >= 0.85 && source < 0.95 ? a : null,
        source >= 0.95 ? a : null,
        holder,
      ]);
      if (holder !== '业主') return;
      // A parking space usually belongs to the owner of the flat before it.
      if (use === '车位' && lastOwner && r.next() < 0.7) {
        rows.owners.push([code, building, number, lastOwner[3], lastOwner[4], lastOwner[5], '是', lastOwner[7]]);
        return;
      }
      const serial = personSerial++;
      const since = `${r.int(2005, 2024)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;
      const owner: Cell[] = [
        code,
        building,
        number,
        personName(r),
        residentId(serial, '341702'),
        mobile(r, 30_000_000 + serial),
        '是',
        since,
      ];
      rows.owners.push(owner);
      lastOwner = owner;
      if (r.next() < 0.15) {
        const s2 = personSerial++;
        rows.owners.push([
          code,
          building,
          number,
          personName(r),
          residentId(s2, '341702'),
          mobile(r, 30_000_000 + s2),
          '否',
          since,
        ]);
      }
    };
    lastOwner = null;
    for (let b = 1; residences > 0; b++) {
      const floors = r.int(6, 33);
      const perFloor = r.int(2, 4);
      const here = Math.min(residences, floors * perFloor);
      const building = `${b}号楼`;
      rows.buildings.push([code, building, Math.ceil(here / perFloor)]);
      for (let k = 0; k < here; k++) {
        const floor = Math.floor(k / perFloor) + 1;
        const holder = r.next() < 0.04 ? (r.next() < 0.75 ? '开发商未售' : '开发商未交付') : '业主';
        addUnit(
          building,
          `${floor}${pad((k % perFloor) + 1, 2)}`,
          floor,
          '住宅',
          r.int(6000, 14000) + r.pick([0, 25, 50]),
          holder,
          r.next(),
        );
      }
      residences -= here;
    }
    if (shops) {
      rows.buildings.push([code, '商业街', 2]);
      for (let k = 1; k <= shops; k++)
        addUnit(
          '商业街',
          `S${pad(k, 3)}`,
          1 + (k % 2),
          '商铺',
          r.int(3000, 20000),
          r.next() < 0.1 ? '开发商未售' : '业主',
          r.next() * 0.8,
        );
    }
    if (parking) {
      rows.buildings.push([code, '地下车库', 1]);
      for (let k = 1; k <= parking; k++)
        addUnit('地下车库', `P${pad(k, 4)}`, -1, '车位', 1250, r.next() < 0.3 ? '开发商未售' : '业主', 0.9);
    }
    const [lng, lat] = [(117.4 + r.next() * 0.2).toFixed(5), (30.6 + r.next() * 0.12).toFixed(5)];
    rows.estates.push([
      code,
      name,
      `秋浦市${r.pick(ROAD_NAMES)}${r.int(1, 800)}号`,
      communities[e % communities.length],
      company,
      mode,
      r.int(1, 5),
      lng,
      lat,
      formatArea(totalArea),
    ]);
  }

  // Staff: shared out by the number of estates each company manages; one project manager per estate.
  const weights = companies.map((c) => 1 + (managed.get(c)?.length ?? 0) * 4);
  const sum = weights.reduce((a, b) => a + b, 0);
  let serial = 1;
  let left = opts.staff;
  companies.forEach((company, i) => {
    const estates = managed.get(company) ?? [];
    const count = i === companies.length - 1 ? left : Math.min(left, Math.round((opts.staff * weights[i]) / sum));
    left -= count;
    for (let k = 0; k < count; k++) {
      const s = serial++;
      // The general manager and every 20th person at head office; one project manager per estate; the rest on site.
      let position = 'other';
      let estate: string | null = null;
      if (k === 0) position = 'general_manager';
      else if (k <= estates.length) [position, estate] = ['project_manager', estates[k - 1]];
      else if (estates.length && k % 20 !== 0)
        [position, estate] = [r.pick(STAFF_POSITIONS), estates[k % estates.length]];
      rows.staff.push([
        company,
        personName(r),
        mobile(r, 40_000_000 + s),
        residentId(s, '341721'),
        POSITION_ZH[position],
        estate,
        r.next() < 0.05 ? '离职' : '在职',
      ]);
    }
  });
  return rows;
}
