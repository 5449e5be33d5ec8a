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
