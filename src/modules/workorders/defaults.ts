import type { SlaUnit } from './sla.ts';

/**
 * The default classification (place › category › problem). Routing follows the responsibility table of
 * chibi-2024-work-plan.txt section 四: the property company acts first where it can (首接负责, it must stop and
 * report), and the street whistles to the department named here when it cannot; things the company has no power
 * over (its own fees, school places, restaurant fumes…) go to the street for the department straight away.
 * Time limits are local practice (Guangdong: enquiries 2 working days, help 10, complaints 15): a city edits them.
 */
type Clock = [number, SlaUnit];
type Leaf = [
  code: string,
  name: string,
  nameEn: string,
  kind: 'repair' | 'complaint' | 'enquiry',
  handler: 'company' | 'street' | 'department',
  department: string | null,
  priority: 'urgent' | 'high' | 'normal' | 'low',
  response: Clock,
  resolution: Clock,
];
type Branch = [code: string, name: string, nameEn: string, leaves: Leaf[]];
type Root = [code: string, name: string, nameEn: string, branches: Branch[]];

const H = (n: number): Clock => [n, 'hours'];
const WD = (n: number): Clock => [n, 'working_days'];
const MIN = (n: number): Clock => [n, 'minutes'];

export const DEFAULT_CATEGORIES: Root[] = [
  [
    'UNIT',
    '户内',
    'Inside the home',
    [
      [
        'WATER',
        '水电',
        'Water and power',
        [
          ['LEAK', '漏水渗水', 'Leak', 'repair', 'company', null, 'high', H(2), WD(2)],
          ['OUTAGE', '停水停电', 'No water or power', 'repair', 'company', null, 'high', H(1), H(24)],
          ['DRAIN', '下水堵塞', 'Blocked drain', 'repair', 'company', null, 'normal', H(4), WD(2)],
        ],
      ],
      [
        'DOOR',
        '门窗门禁',
        'Doors and entry',
        [['INTERCOM', '门禁对讲故障', 'Intercom fault', 'repair', 'company', null, 'normal', H(4), WD(3)]],
      ],
      [
        'NEIGHBOUR',
        '邻里',
        'Neighbours',
        [
          [
            'NOISE',
            '社会生活噪音',
            'Household noise',
            'complaint',
            'company',
            'public_security',
            'normal',
            H(4),
            WD(5),
          ],
          ['PETS', '宠物扰民', 'Pets', 'complaint', 'company', 'public_security', 'normal', H(4), WD(5)],
          [
            'HOME_BUSINESS',
            '住改商',
            'Home turned into business',
            'complaint',
            'company',
            'market_regulation',
            'normal',
            WD(1),
            WD(10),
          ],
        ],
      ],
    ],
  ],
  [
    'BUILDING',
    '楼栋',
    'Building',
    [
      [
        'ELEVATOR',
        '电梯',
        'Elevator',
        [
          // TSG T5002: rescuers reach a trapped passenger within 30 minutes.
          ['TRAPPED', '困人', 'Person trapped', 'repair', 'company', 'market_regulation', 'urgent', MIN(30), H(2)],
          ['STOPPED', '停运故障', 'Out of service', 'repair', 'company', 'market_regulation', 'high', H(2), WD(2)],
        ],
      ],
      [
        'FACADE',
        '外立面',
        'Facade',
        [
          ['FALLING', '外墙脱落', 'Facade falling', 'repair', 'company', 'urban_management', 'urgent', H(1), H(24)],
          [
            'ALTERED',
            '擅自改变外立面',
            'Unauthorised facade change',
            'complaint',
            'company',
            'urban_management',
            'normal',
            WD(1),
            WD(15),
          ],
        ],
      ],
      [
        'STAIRS',
        '楼道',
        'Stairwell',
        [
          ['LIGHT', '楼道照明', 'Stairwell lights', 'repair', 'company', null, 'normal', H(8), WD(2)],
          [
            'CLUTTER',
            '楼道堆物',
            'Things left in stairwell',
            'complaint',
            'company',
            'fire_rescue',
            'normal',
            H(8),
            WD(3),
          ],
        ],
      ],
      [
        'FIRE',
        '消防',
        'Fire safety',
        [
          ['EXIT', '消防通道堵塞', 'Fire lane blocked', 'complaint', 'company', 'fire_rescue', 'high', H(2), WD(1)],
          [
            'EQUIPMENT',
            '消防设施损坏',
            'Fire equipment broken',
            'repair',
            'company',
            'fire_rescue',
            'high',
            H(2),
            WD(3),
          ],
          [
            'VIOLATION',
            '消防违法',
            'Fire-law violation',
            'complaint',
            'department',
            'fire_rescue',
            'high',
            WD(1),
            WD(10),
          ],
        ],
      ],
    ],
  ],
  [
    'COMMON',
    '公共区域',
    'Common areas',
    [
      [
        'BUILDING_LAW',
        '违法建设',
        'Illegal building',
        [
          [
            'ADDITION',
            '违法搭建',
            'Illegal addition',
            'complaint',
            'company',
            'urban_management',
            'normal',
            WD(1),
            WD(15),
          ],
          [
            'ADVERT',
            '户外广告',
            'Outdoor advertising',
            'complaint',
            'company',
            'urban_management',
            'normal',
            WD(1),
            WD(10),
          ],
        ],
      ],
      [
        'SANITATION',
        '环境卫生',
        'Sanitation',
        [
          [
            'GARBAGE',
            '垃圾清运',
            'Rubbish not collected',
            'repair',
            'company',
            'urban_management',
            'normal',
            H(4),
            WD(1),
          ],
          [
            'FUMES',
            '餐饮油烟',
            'Restaurant fumes',
            'complaint',
            'department',
            'ecology_environment',
            'normal',
            WD(1),
            WD(15),
          ],
          ['POULTRY', '养殖家禽', 'Keeping poultry', 'complaint', 'street', null, 'normal', WD(1), WD(10)],
        ],
      ],
      [
        'GREEN',
        '绿化',
        'Greenery',
        [
          [
            'DAMAGE',
            '毁绿种菜',
            'Green space dug up for vegetables',
            'complaint',
            'street',
            null,
            'normal',
            WD(1),
            WD(10),
          ],
          ['TRIM', '绿化养护', 'Greenery upkeep', 'repair', 'company', null, 'low', WD(1), WD(5)],
        ],
      ],
      [
        'PARKING',
        '停车',
        'Parking',
        [
          [
            'MECHANICAL',
            '机械式停车设备故障',
            'Mechanical parking fault',
            'repair',
            'company',
            'market_regulation',
            'high',
            H(2),
            WD(2),
          ],
          [
            'PLANNING',
            '停车位规划',
            'Parking space planning',
            'complaint',
            'department',
            'natural_resources',
            'low',
            WD(2),
            WD(15),
          ],
          ['STREET_TRADE', '占道经营', 'Street trading on roads', 'complaint', 'street', null, 'normal', WD(1), WD(5)],
        ],
      ],
      [
        'PUBLIC',
        '公共服务',
        'Public services',
        [
          [
            'EPIDEMIC',
            '传染病防治',
            'Infectious disease control',
            'complaint',
            'department',
            'health',
            'high',
            H(4),
            WD(5),
          ],
          [
            'TUTORING',
            '违规培训班',
            'Unlicensed tutoring',
            'complaint',
            'department',
            'education',
            'normal',
            WD(1),
            WD(15),
          ],
          ['SCHOOL', '就近入学', 'School places', 'enquiry', 'department', 'education', 'normal', WD(1), WD(10)],
          [
            'PROPERTY_ROOMS',
            '侵占物业用房',
            'Property rooms taken over',
            'complaint',
            'department',
            'public_security',
            'normal',
            WD(1),
            WD(15),
          ],
          [
            'ROOMS_PLANNING',
            '物业用房配置',
            'Property rooms planning',
            'complaint',
            'department',
            'natural_resources',
            'low',
            WD(2),
            WD(15),
          ],
        ],
      ],
    ],
  ],
  [
    'SERVICE',
    '物业服务',
    'Property service',
    [
      [
        'CONDUCT',
        '服务质量',
        'Service quality',
        [
          ['ATTITUDE', '服务态度', 'Staff attitude', 'complaint', 'company', null, 'normal', WD(1), WD(5)],
          [
            'SECURITY',
            '秩序维护',
            'Security and order',
            'complaint',
            'company',
            'public_security',
            'normal',
            H(4),
            WD(3),
          ],
        ],
      ],
      [
        'FEES',
        '收费',
        'Fees',
        // A complaint about the company's own charges is never the company's to judge.
        [
          [
            'DISPUTE',
            '物业收费纠纷',
            'Fee dispute',
            'complaint',
            'department',
            'development_reform',
            'normal',
            WD(2),
            WD(15),
          ],
        ],
      ],
    ],
  ],
];

export interface CategoryRow {
  code: string;
  parentCode: string | null;
  level: 1 | 2 | 3;
  name: string;
  nameEn: string;
  sort: number;
  leaf?: Leaf;
}

/** Flattens the tree into rows, parents first; leaf codes are PLACE.CATEGORY.PROBLEM. */
export function flattenDefaults(): CategoryRow[] {
  const rows: CategoryRow[] = [];
  DEFAULT_CATEGORIES.forEach(([rc, rn, re, branches], i) => {
    rows.push({ code: rc, parentCode: null, level: 1, name: rn, nameEn: re, sort: i });
    branches.forEach(([bc, bn, be, leaves], j) => {
      const code = `${rc}.${bc}`;
      rows.push({ code, parentCode: rc, level: 2, name: bn, nameEn: be, sort: j });
      leaves.forEach((leaf, k) => {
        rows.push({
          code: `${code}.${leaf[0]}`,
          parentCode: code,
          level: 3,
          name: leaf[1],
          nameEn: leaf[2],
          sort: k,
          leaf,
        });
      });
    });
  });
  return rows;
}
