/**
 * What a bill comes to, in whole fen, by the same rule in code and in the bill run's SQL (billing-sql.ts): the
 * exact amount rounded half up (四舍五入) to the fen, once per bill, never per step.
 */

/** 'YYYY-MM' → its first day, last day and number of days. */
export function periodDays(period: string) {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) throw new RangeError(`not a period: ${period}`);
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { start: `${period}-01`, end: `${period}-${String(days).padStart(2, '0')}`, days };
}

/**
 * Days of the period a unit is billed: all of them, or from its delivery (the first owner's `since`) to the end;
 * none when it is delivered after the period.
 */
export function billedDays(period: string, since: string | null): number {
  const { start, end, days } = periodDays(period);
  if (!since || since <= start) return days;
  if (since > end) return 0;
  return days - Number(since.slice(8, 10)) + 1;
}

/**
 * fen per m² per month × area (0.01 m²) × days / days in month, rounded half up; for a per-unit item the area
 * factor is 1 m². Integer arithmetic throughout (BigInt: the product passes 2^53 for a large shop).
 */
export function billAmount(priceFen: number, area: number | null, days: number, daysInMonth: number): number {
  const hundredths = BigInt(area ?? 100);
  const num = BigInt(priceFen) * hundredths * BigInt(days);
  const den = 100n * BigInt(daysInMonth);
  return Number((2n * num + den) / (2n * den));
}

/** Days from `from` to `to` (ISO dates), negative when `to` is earlier. */
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/**
 * 违约金 on one unpaid bill, as the contract's clause sets it: `bpPerDay` 万分之 of the unpaid amount for each day
 * past the due date (the last day of the billed month plus the grace days), up to `asOf`. Rounded down: a late fee
 * is never more than the clause allows.
 */
export function lateFee(unpaidFen: number, period: string, asOf: string, bpPerDay: number, graceDays: number): number {
  const due = new Date(Date.parse(periodDays(period).end) + graceDays * 86_400_000).toISOString().slice(0, 10);
  const days = daysBetween(due, asOf);
  if (days <= 0 || unpaidFen <= 0) return 0;
  return Number((BigInt(unpaidFen) * BigInt(bpPerDay) * BigInt(days)) / 10_000n);
}
