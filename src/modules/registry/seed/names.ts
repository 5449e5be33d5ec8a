import { residentIdCheckChar, usccCheckChar } from '../identifiers.ts';

/** Deterministic generators of plausible Chinese names and valid identifiers for demo and scale data. */

/** A small seeded PRNG (mulberry32), so the same seed gives the same city. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  return { next, int, pick };
}
export type Rng = ReturnType<typeof prng>;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建华文辉力鹏宇浩然子涵欣怡梓轩雨萱思远佳琪志强海燕晓东春梅国庆建国秋菊丹丹婷婷晨阳嘉怡俊杰';

export function personName(r: Rng): string {
  const given = r.next() < 0.4 ? r.pick([...GIVEN]) : r.pick([...GIVEN]) + r.pick([...GIVEN]);
  return r.pick([...SURNAMES]) + given;
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '177',
  '180',
  '181',
  '186',
  '187',
  '188',
  '189',
  '199',
];

/** A mobile number unique for each serial (the serial fills the last 8 digits). */
export function mobile(r: Rng, serial: number): string {
  return r.pick(MOBILE_PREFIXES) + String(serial % 100_000_000).padStart(8, '0');
}

/**
 * A GB 11643-valid resident ID, unique per serial below 18 million: the serial picks the birth date
 * (a permutation of the days 1950–1999) and the three order digits.
 */
export function residentId(serial: number, region = '320602'): string {
  const days = 18262; // 1950-01-01 … 1999-12-31
  const day = (Math.floor(serial / 1000) * 37) % days; // 37 is coprime to 18262, so this is a permutation
  const birth = new Date(Date.UTC(1950, 0, 1) + day * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${region}${birth}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** A GB 32100-valid unified social credit code for an enterprise (9…) registered in the region. */
export function uscc(serial: number, region = '320600'): string {
  // 91 (enterprise) + region + a 9-character organisation code (here MA + 7 digits) = 17, then the check.
  const first17 = `91${region}MA${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
}

export const ESTATE_NAMES = [
  '锦绣花园',
  '阳光新城',
  '翠湖苑',
  '金色家园',
  '和谐小区',
  '书香门第',
  '滨江一号',
  '世纪名苑',
  '丽景湾',
  '紫薇花园',
  '幸福里',
  '春晓苑',
  '碧水蓝天',
  '梧桐雅苑',
  '香榭丽舍',
  '御景华庭',
  '东方明珠苑',
  '江南春晓',
  '桂花园',
  '枫林湾',
  '海棠苑',
  '观澜府',
  '清风小区',
  '新华小区',
];
export const COMPANY_WORDS = [
  '锦绣',
  '华润',
  '万家',
  '安泰',
  '恒信',
  '嘉禾',
  '中和',
  '永安',
  '长江',
  '宏达',
  '瑞祥',
  '明德',
  '东升',
  '佳园',
  '诚信',
];
export const ROAD_NAMES = [
  '人民路',
  '解放路',
  '建设路',
  '中山路',
  '青年路',
  '工农路',
  '跃龙路',
  '濠河路',
  '崇川路',
  '钟秀路',
];
