/**
 * Check digits and masks for the identifiers the registry holds. Pure functions, no I/O.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 citizen identity number: 17 digits, a valid birth date, and the ISO 7064 MOD 11-2 check character. */
export function isValidResidentId(value: string): boolean {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const y = +id.slice(6, 10);
  const m = +id.slice(10, 12);
  const d = +id.slice(12, 14);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > Date.now()) return false;
  return residentIdCheckChar(id.slice(0, 17)) === id[17];
}

export function residentIdCheckChar(first17: string): string {
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return ID_CHECK[sum % 11];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 unified social credit code: 18 characters from a 31-letter alphabet, the last a MOD 31 check. */
export function isValidUscc(value: string): boolean {
  const code = value.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}

export function usccCheckChar(first17: string): string {
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + w * USCC_CHARS.indexOf(first17[i]), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

export const isValidMobile = (value: string) => /^1[3-9]\d{9}$/.test(value);

/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string | null): string | null =>
  phone ? (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****') : null;

/** 11010519491231002X → 1101**********002X */
export const maskResidentId = (id: string | null): string | null =>
  id ? `${id.slice(0, 4)}**********${id.slice(-4)}` : null;

/** Areas are integer hundredths of a square metre. '89.5' → 8950; refuses more than two decimals. */
export function parseArea(text: string | number): number | null {
  const s = String(text).trim();
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const formatArea = (centi: number): string =>
  `${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;

/** SPC interpretation art. 8: the registered area, else the surveyed area, else the contract area. */
export function effectiveArea(u: {
  area_registered: number | null;
  area_surveyed: number | null;
  area_contract: number | null;
}) {
  if (u.area_registered != null) return { area: u.area_registered, source: 'registered' as const };
  if (u.area_surveyed != null) return { area: u.area_surveyed, source: 'surveyed' as const };
  return { area: u.area_contract as number, source: 'contract' as const };
}
