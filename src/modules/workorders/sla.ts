/**
 * SLA clocks for work orders (报事报修/投诉): response and resolution deadlines. Pure, no I/O.
 *
 * Semantics. An SLA is a budget of *counting time*: minutes × 60 000 ms, hours × 3 600 000 ms, working days ×
 * 86 400 000 ms.
 * - `minutes` / `hours` count on the wall clock, 24/7, holidays included: they are for urgent things (a person
 *   trapped in a lift) that no holiday may delay.
 * - `working_days` follow Civil Code art. 201 (开始的当日不计入，自下一日开始计算): the day (Asia/Shanghai) on
 *   which the clock starts never counts; after it, only whole working days count, 00:00–24:00 Asia/Shanghai, as
 *   the `WorkCalendar` says (weekends, holidays and 调休). Unpaused, N working days are therefore due at 24:00 of
 *   the Nth working day after the start day (returned as 00:00 of the next day), which also meets art. 203
 *   (a period ending on a holiday ends on the next working day).
 * - Pauses (waiting for the resident, for parts, …) remove their time from counting time. A pause therefore
 *   pushes the due out by exactly the counting time it covered: 1.5 working days of pause push a working-day due
 *   1.5 working days later, landing mid-day; a pause on a holiday, a weekend or the start day pushes nothing.
 *   Only the original start day is exempt: resuming after a pause does not start a new "first day".
 * - The due is the earliest instant at which counted time reaches the budget. While a pause is still open
 *   (`to: null`) no due can be known; given `now`, an open pause is taken to end at `now`, so the answer is
 *   "the due if the clock resumed now", which only moves later while the pause lasts.
 * - Breached means `now` is after the due. Counted time alone cannot say it: after a working-day due, counted
 *   time stands still over a holiday although the deadline has passed.
 *
 * All instants are epoch milliseconds; all arithmetic is on integers, so `countedMs(start, dueAt(…))` equals the
 * budget exactly.
 */
import { DAY_MS, shanghaiDate, startOfShanghaiDay, type WorkCalendar } from './calendar.ts';

export type SlaUnit = 'minutes' | 'hours' | 'working_days';

export interface Sla {
  amount: number;
  unit: SlaUnit;
}

/** A pause in epoch ms; `to: null` means still paused. */
export interface Interval {
  from: number;
  to: number | null;
}

const UNIT_MS: Record<SlaUnit, number> = { minutes: 60_000, hours: 3_600_000, working_days: DAY_MS };
// How far past the last pause a due may lie before we call the calendar or the SLA broken instead of looping on.
const MAX_SEARCH_DAYS = 3 * 366;

/** The SLA's budget of counting time in ms. */
export function budgetMs(sla: Sla): number {
  if (!Number.isFinite(sla.amount) || sla.amount < 0) throw new RangeError(`bad SLA amount: ${sla.amount}`);
  if (!(sla.unit in UNIT_MS)) throw new RangeError(`bad SLA unit: ${sla.unit}`);
  return Math.round(sla.amount * UNIT_MS[sla.unit]);
}

/** Closed pauses sorted and merged; open ones end at `openEnd`. Empty or inverted intervals drop out. */
function normalise(pauses: Interval[], openEnd: number): [number, number][] {
  const closed = pauses
    .map((p): [number, number] => [p.from, p.to ?? Math.max(p.from, openEnd)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of closed) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Spans [a, b) the unit's clock runs in, from `start`, in order; working-day spans stop before `horizon`. */
function* clockSpans(start: number, unit: SlaUnit, cal: WorkCalendar, horizon: number): Generator<[number, number]> {
  if (unit !== 'working_days') {
    yield [start, Number.POSITIVE_INFINITY];
    return;
  }
  // Art. 201: skip the start day; then one span per working day (a day loop, never a millisecond loop).
  for (let day = startOfShanghaiDay(shanghaiDate(start)) + DAY_MS; day < horizon; day += DAY_MS) {
    if (cal.isWorkingDay(shanghaiDate(day))) yield [day, day + DAY_MS];
  }
}

/** Counting spans: the clock's spans minus the (normalised) pauses, in order. */
function* countingSpans(
  start: number,
  unit: SlaUnit,
  cal: WorkCalendar,
  pauses: [number, number][],
  horizon: number,
): Generator<[number, number]> {
  let i = 0;
  for (const [spanFrom, spanTo] of clockSpans(start, unit, cal, horizon)) {
    let a = spanFrom;
    while (i < pauses.length && pauses[i][1] <= a) i++;
    // Pauses at index ≥ i end after `a`; walk those that begin inside this span, keeping `i` for the next span.
    let j = i;
    while (a < spanTo && j < pauses.length && pauses[j][0] < spanTo) {
      const [pFrom, pTo] = pauses[j];
      if (pFrom > a) yield [a, pFrom];
      a = Math.max(a, pTo);
      if (pTo <= spanTo) j++;
      else break;
    }
    i = j;
    if (a < spanTo) yield [a, spanTo];
  }
}

/** Counting time between `start` and `until` (0 if `until` ≤ `start`). Open pauses last past `until`. */
export function countedMs(
  start: number,
  until: number,
  sla: Sla | SlaUnit,
  cal: WorkCalendar,
  pauses: Interval[],
): number {
  if (!Number.isFinite(until)) throw new RangeError('countedMs needs a finite `until`');
  const unit = typeof sla === 'string' ? sla : sla.unit;
  let total = 0;
  for (const [a, b] of countingSpans(start, unit, cal, normalise(pauses, Number.POSITIVE_INFINITY), until)) {
    if (a >= until) break;
    total += Math.min(b, until) - a;
  }
  return total;
}

/** The earliest instant at which counting time reaches `target` ms; null while an open pause has no `now`. */
function instantAt(
  start: number,
  unit: SlaUnit,
  target: number,
  cal: WorkCalendar,
  pauses: Interval[],
  now: number | undefined,
): number | null {
  if (now === undefined && pauses.some((p) => p.to === null)) return null;
  if (target <= 0) return start;
  const merged = normalise(pauses, now ?? start);
  const horizon = Math.max(start, merged.at(-1)?.[1] ?? start) + MAX_SEARCH_DAYS * DAY_MS;
  let acc = 0;
  for (const [a, b] of countingSpans(start, unit, cal, merged, horizon)) {
    if (acc + (b - a) >= target) return a + (target - acc);
    acc += b - a;
  }
  throw new RangeError(`SLA not reached within ${MAX_SEARCH_DAYS} days after the last pause: check the calendar`);
}

/**
 * When the SLA falls due: the instant counting time reaches the budget. With an open pause: null without `now`,
 * otherwise the due as if the clock resumed at `now`.
 */
export function dueAt(start: number, sla: Sla, cal: WorkCalendar, pauses: Interval[], now?: number): number | null {
  return instantAt(start, sla.unit, budgetMs(sla), cal, pauses, now);
}

/**
 * When `fraction` of the budget is used (default 80 %), for a reminder before the breach. Same pause rules as
 * `dueAt`.
 */
export function reminderAt(
  start: number,
  sla: Sla,
  cal: WorkCalendar,
  pauses: Interval[],
  fraction = 0.8,
  now?: number,
): number | null {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`bad reminder fraction: ${fraction}`);
  return instantAt(start, sla.unit, Math.round(budgetMs(sla) * fraction), cal, pauses, now);
}

/** Counting time left at `now` (negative once more than the budget has been counted). */
export function remainingMs(now: number, start: number, sla: Sla, cal: WorkCalendar, pauses: Interval[]): number {
  return budgetMs(sla) - countedMs(start, now, sla, cal, pauses);
}

/** Whether the deadline has passed at `now` (an open pause counts as ending at `now`). */
export function isBreached(now: number, start: number, sla: Sla, cal: WorkCalendar, pauses: Interval[]): boolean {
  const due = dueAt(start, sla, cal, pauses, now);
  return due !== null && now > due;
}
