// China's working calendar: which days an SLA counted in working days (工作日) runs on.
// Pure: the database stores the rows so a city admin can correct them; the JSON is only the default seed.
import data from './data/cn-calendar.json' with { type: 'json' };

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
}

export interface WorkCalendar {
  /** `date` is a calendar day (YYYY-MM-DD) in Asia/Shanghai. */
  isWorkingDay(date: string): boolean;
}

export const DAY_MS = 86_400_000;
// China has observed no daylight saving time since 1991, so Asia/Shanghai is always UTC+8 and every day is 24 h;
// plain arithmetic is exact and needs no time-zone database.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The Asia/Shanghai calendar day (YYYY-MM-DD) containing the instant `ms`. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant (epoch ms) of 00:00 Asia/Shanghai on `date`; throws on anything that is not a real day. */
export function startOfShanghaiDay(date: string): number {
  const ms = DATE_RE.test(date) ? Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS : Number.NaN;
  // Round-trip so that "2025-02-30" (which Date.parse may roll over to March) is refused, not silently moved.
  if (Number.isNaN(ms) || shanghaiDate(ms) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return ms;
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD day. */
function weekday(date: string): number {
  return new Date(startOfShanghaiDay(date) + SHANGHAI_OFFSET_MS).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

/**
 * Saturdays and Sundays are off unless listed as a `workday` (调休上班); a listed `holiday` is off whatever
 * weekday it falls on. A date listed with both kinds is contradictory data and is refused.
 */
export function workCalendar(days: CalendarDay[]): WorkCalendar {
  const kinds = new Map<string, CalendarDayKind>();
  for (const { date, kind } of days) {
    startOfShanghaiDay(date);
    if (kind !== 'holiday' && kind !== 'workday') throw new RangeError(`unknown calendar day kind: ${kind}`);
    const seen = kinds.get(date);
    if (seen && seen !== kind) throw new RangeError(`${date} is listed both as a holiday and as a workday`);
    kinds.set(date, kind);
  }
  return {
    isWorkingDay(date) {
      const kind = kinds.get(date);
      if (kind) return kind === 'workday';
      return !isWeekend(date);
    },
  };
}

/** The State Council's published holidays and make-up workdays (data/cn-calendar.json), as calendar rows. */
export function defaultCalendarDays(): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (const year of Object.values(data.years)) {
    for (const date of year.holidays) out.push({ date, kind: 'holiday' });
    for (const date of year.workdays) out.push({ date, kind: 'workday' });
  }
  return out;
}

/** Years the bundled data covers; outside them only weekends are known to be off. */
export function defaultCalendarYears(): number[] {
  return Object.keys(data.years).map(Number);
}
