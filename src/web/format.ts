import type { Lang } from './i18n.tsx';

/** Areas arrive as integer hundredths of a m²; format them without floating point: 8950 → "89.50 ㎡". */
export function formatArea(centi: number | null | undefined): string {
  if (centi === null || centi === undefined) return '—';
  const whole = Math.trunc(centi / 100);
  const cents = String(Math.abs(centi % 100)).padStart(2, '0');
  return `${whole.toLocaleString('en-US')}.${cents} ㎡`;
}

/** Timestamps are stored UTC and shown in Asia/Shanghai, whatever the browser's zone. */
export function formatTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

/** A file size for people: 2048 → "2.0 KB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1048576).toFixed(1)} MB`;
}

/** Money arrives as integer fen; shown as yuan without floating point: 12345 → "¥123.45". */
export function formatFen(fen: number): string {
  return `${fen < 0 ? '-' : ''}¥${yuanText(Math.abs(fen), true)}`;
}

/** Fen as a bare yuan amount, "1234.50" (with thousands separators if asked): for prices and input fields. */
export function yuanText(fen: number, grouped = false): string {
  const whole = Math.trunc(fen / 100);
  const cents = String(Math.abs(fen % 100)).padStart(2, '0');
  return `${grouped ? whole.toLocaleString('en-US') : whole}.${cents}`;
}

/**
 * Yuan typed by a person, to fen, exactly (the string is split, never multiplied as a float): "123.4" → 12340.
 * Full-width digits from a Chinese keyboard, separators and a ¥ are accepted; more than 2 decimals are not (null).
 */
export function parseYuan(text: string): number | null {
  const plain = text
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，¥￥元]/g, '');
  const m = /^(\d{1,10})(?:\.(\d{0,2}))?$|^\.(\d{1,2})$/.exec(plain);
  if (!m) return null;
  return Number(m[1] ?? 0) * 100 + Number((m[2] ?? m[3] ?? '').padEnd(2, '0'));
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿'];

/** The amount in capital numerals, as a 收据 states it beside the figures (below 1 万亿): 10005 → "壹佰元零伍分". */
export function fenInWords(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const jiao = Math.trunc(fen / 10) % 10;
  const cents = fen % 10;
  let out = '';
  let zeros = false;
  let sectionUsed = false;
  const digits = String(yuan);
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    const pos = digits.length - 1 - i;
    if (d === 0) zeros = out !== '';
    else {
      // One 零 stands for any run of zeros between two digits: 1001 → 壹仟零壹.
      out += `${zeros ? '零' : ''}${DIGITS[d]}${PLACES[pos % 4]}`;
      zeros = false;
      sectionUsed = true;
    }
    if (pos % 4 === 0 && pos > 0 && sectionUsed) {
      out += SECTIONS[pos / 4];
      sectionUsed = false;
    }
  }
  if (out) out += '元';
  if (!jiao && !cents) return `${out || '零元'}整`;
  if (jiao) out += `${DIGITS[jiao]}角`;
  else if (out) out += '零';
  return cents ? `${out}${DIGITS[cents]}分` : out;
}
