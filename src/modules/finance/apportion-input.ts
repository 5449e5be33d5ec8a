import type { AreaUnit } from './apportion.ts';

/**
 * The `anju apportion` input, `{"amountFen": 123456, "units": [{"id": "1-101", "area": 9000}, …]}`, checked
 * completely before anything is split. Every refusal names the field (`units[3].area`, zero-based like a JSON
 * path), in Chinese and then English.
 */
export class ApportionInputError extends Error {}

export interface ApportionInput {
  amountFen: number;
  units: AreaUnit[];
}

const fail = (zh: string, en: string): never => {
  throw new ApportionInputError(`${zh} / ${en}`);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fen and areas are counts: a safe integer ≥ 0, or the reason it is not (one message per reason). */
function checkCount(v: unknown, at: string, [unitZh, unitEn]: [string, string]): number {
  if (v === undefined) fail(`缺少 ${at}`, `${at} is missing`);
  if (typeof v !== 'number')
    fail(`${at} 须为数字，而不是 ${JSON.stringify(v)}`, `${at} must be a number, not ${JSON.stringify(v)}`);
  const n = v as number;
  if (!Number.isFinite(n) || !Number.isInteger(n))
    fail(`${at} 须为整数（单位：${unitZh}），不能是 ${n}`, `${at} must be an integer (${unitEn}), not ${n}`);
  if (n < 0) fail(`${at} 不能为负数：${n}`, `${at} must not be negative: ${n}`);
  if (!Number.isSafeInteger(n))
    fail(`${at} 超过 2^53−1，无法精确读取`, `${at} exceeds 2^53−1 and cannot be read exactly`);
  return n;
}

/** Checks an already parsed value. */
export function apportionInput(input: unknown): ApportionInput {
  if (!isObject(input)) return fail('输入须为 JSON 对象', 'the input must be a JSON object');
  const amountFen = checkCount(input.amountFen, 'amountFen', ['分', 'fen']);
  const raw = input.units;
  if (!Array.isArray(raw) || !raw.length) return fail('units 须为非空数组', 'units must be a non-empty array');
  const firstAt = new Map<string, number>();
  const units = raw.map((u: unknown, i): AreaUnit => {
    const at = `units[${i}]`;
    if (!isObject(u)) return fail(`${at} 不是对象`, `${at} is not an object`);
    if (typeof u.id !== 'string' || !u.id)
      return fail(`${at}.id 须为非空字符串`, `${at}.id must be a non-empty string`);
    const first = firstAt.get(u.id);
    if (first !== undefined)
      fail(
        `${at}.id：单元 ${u.id} 重复（已见于 units[${first}]）`,
        `${at}.id: unit ${u.id} appears twice (first at units[${first}])`,
      );
    firstAt.set(u.id, i);
    return { id: u.id, area: checkCount(u.area, `${at}.area`, ['0.01 平方米', '0.01 m²']) };
  });
  // Area 0 is allowed for a unit (it gets 0 fen, see apportion.ts), but not for all of them: no shares exist.
  if (units.every((u) => u.area === 0))
    fail('units 的总面积为 0，无法按面积分摊', 'the total area of units is 0: there is nothing to apportion by');
  return { amountFen, units };
}

/** The exact value of a JSON number literal if it is an integer, else null. */
function exactInteger(literal: string): bigint | null {
  const [, sign, int, frac = '', exp = '0'] = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal) ?? [];
  const digits = `${int}${frac}`.replace(/^0+/, '');
  if (!digits) return 0n;
  const e = Number(exp) - frac.length; // value = digits × 10^e
  // Only called for finite numbers, so a positive e is at most ~309.
  if (e >= 0) return BigInt(`${sign}${digits}`) * 10n ** BigInt(e);
  const cut = digits.length + e;
  if (cut <= 0 || /[^0]/.test(digits.slice(cut))) return null;
  return BigInt(`${sign}${digits.slice(0, cut)}`);
}

/**
 * JSON.parse rounds silently: `9000.0000000000001` reads as the integer 9000 and would pass every check above.
 * So each number literal outside a string must mean exactly the number it reads as, when that is an integer
 * (`9000.0` and `9e3` are fine). Fractions that stay fractions are left to the named field checks.
 */
function refuseRoundedLiterals(text: string) {
  for (const m of text.matchAll(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)) {
    const literal = m[0];
    if (literal.startsWith('"')) continue;
    const read = Number(literal);
    if (!Number.isInteger(read) || exactInteger(literal) === BigInt(read)) continue;
    const at = (m.index as number) + 1;
    const shown = literal.length > 40 ? `${literal.slice(0, 40)}…` : literal;
    fail(
      `第 ${at} 个字符处的数字 ${shown} 无法精确读取，会被舍入为 ${read}`,
      `the number ${shown} at character ${at} cannot be read exactly: it would become ${read}`,
    );
  }
}

/** Parses and checks the text of an input file. */
export function readApportionInput(text: string): ApportionInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail(`不是合法的 JSON：${(e as Error).message}`, `not valid JSON: ${(e as Error).message}`);
  }
  const input = apportionInput(value);
  refuseRoundedLiterals(text);
  return input;
}
