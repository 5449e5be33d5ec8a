/**
 * 信用评价, as pure rules over data the city edits (REFERENCES.md: Yantai 2022's score and grades, Yangzhou's items,
 * Chibi 2024's red and black lists). Points are integer hundredths (centipoints), so a score is exact and a grade
 * boundary is compared without floating point: 85 points is 8500.
 */

export type Grade = 'AAA' | 'AA' | 'A' | 'B' | 'C';

export interface CreditItem {
  code: string;
  /** Centipoints: positive for a good record, negative for a bad one; `fail` items fail the company outright. */
  points: number;
  kind: 'good' | 'bad' | 'fail';
}

export interface CreditScheme {
  /** The most the base information (资质、人员、项目) may contribute, in centipoints (80 points: 8000). */
  baseMax: number;
  /** The most good records may add (40 points: 4000). */
  goodMax: number;
  /** Lowest score of each grade, highest grade first; the last grade takes everything below. */
  grades: { grade: Grade; min: number }[];
  items: CreditItem[];
}

export const DEFAULT_SCHEME: CreditScheme = {
  baseMax: 8000,
  goodMax: 4000,
  grades: [
    { grade: 'AAA', min: 8500 },
    { grade: 'AA', min: 8000 },
    { grade: 'A', min: 7000 },
    { grade: 'B', min: 6000 },
    { grade: 'C', min: 0 }, // the last grade also takes every score below its minimum
  ],
  items: [
    { code: 'honour_national', points: 500, kind: 'good' },
    { code: 'honour_provincial', points: 400, kind: 'good' },
    { code: 'honour_city', points: 300, kind: 'good' },
    { code: 'honour_county', points: 200, kind: 'good' },
    { code: 'honour_street', points: 100, kind: 'good' },
    { code: 'charity', points: 100, kind: 'good' },
    { code: 'court_liable', points: -500, kind: 'bad' },
    { code: 'public_revenue_undisclosed', points: -500, kind: 'bad' },
    { code: 'unauthorised_charge', points: -500, kind: 'bad' },
    { code: 'rectification_overdue', points: -200, kind: 'bad' },
    { code: 'inspection_finding', points: -50, kind: 'bad' },
    { code: 'workorder_on_time_low', points: -200, kind: 'bad' },
    { code: 'workorder_satisfaction_low', points: -200, kind: 'bad' },
    { code: 'workorder_excellent', points: 100, kind: 'good' },
    { code: 'fund_misuse', points: 0, kind: 'fail' },
    { code: 'refuse_to_leave', points: 0, kind: 'fail' },
  ],
};

/**
 * Records drawn from a quarter's work-order figures (Chizhou judges companies by 按时办结率 and 满意率). Rates are
 * in basis points and compared by cross-multiplication; a company with fewer than `minTickets` due or rated
 * tickets is not judged on that rate, so one late ticket in a quiet estate is not a bad record.
 */
export interface WorkorderRules {
  minTickets: number;
  /** Below this 按时办结率 (bp): workorder_on_time_low. */
  onTimeBelow: number;
  /** Below this 满意率 (bp): workorder_satisfaction_low. */
  satisfactionBelow: number;
  /** Both rates at or above this (以上, bp): workorder_excellent. */
  excellentFrom: number;
}

export const DEFAULT_WORKORDER_RULES: WorkorderRules = {
  minTickets: 20,
  onTimeBelow: 9000,
  satisfactionBelow: 8000,
  excellentFrom: 9800,
};

export function workorderItems(
  rules: WorkorderRules,
  c: { due: number; onTime: number; rated: number; satisfied: number },
): string[] {
  const judged = (n: number) => n >= rules.minTickets && n > 0;
  const below = (num: number, den: number, bp: number) => num * 10_000 < bp * den;
  const items: string[] = [];
  if (judged(c.due) && below(c.onTime, c.due, rules.onTimeBelow)) items.push('workorder_on_time_low');
  if (judged(c.rated) && below(c.satisfied, c.rated, rules.satisfactionBelow)) items.push('workorder_satisfaction_low');
  if (
    judged(c.due) &&
    judged(c.rated) &&
    !below(c.onTime, c.due, rules.excellentFrom) &&
    !below(c.satisfied, c.rated, rules.excellentFrom)
  )
    items.push('workorder_excellent');
  return items;
}

/** A record as it counts on a day: approved, not withdrawn after an upheld objection, and still valid. */
export interface CreditRecord {
  item: string;
  /** ISO dates: when it happened, and the last day it counts (one year by default). */
  on: string;
  validUntil: string;
  /** Overrides the item's points (an item "each time" recorded with its count already multiplied, say). */
  points?: number;
}

export interface Score {
  base: number;
  good: number;
  bad: number;
  total: number;
  grade: Grade;
  failed: boolean;
}

/**
 * A company's score on a day: base information (capped) + good records (capped) − bad records. A `fail` record
 * in force grades the company C whatever its score. An unknown item code is an error: the scheme is the contract.
 */
export function scoreOf(scheme: CreditScheme, base: number, records: CreditRecord[], on: string): Score {
  const items = new Map(scheme.items.map((i) => [i.code, i]));
  let good = 0;
  let bad = 0;
  let failed = false;
  for (const r of records) {
    if (r.on > on || r.validUntil < on) continue;
    const item = items.get(r.item);
    if (!item) throw new RangeError(`no such credit item: ${r.item}`);
    const points = r.points ?? item.points;
    if (item.kind === 'fail') failed = true;
    else if (points > 0) good += points;
    else bad -= points;
  }
  return scoreFromSums(scheme, { base, good, bad, failed });
}

/**
 * The same score from sums already added up (by the database, for a whole city at once): good and bad as positive
 * centipoints, and whether any failing record is in force.
 */
export function scoreFromSums(
  scheme: CreditScheme,
  sums: { base: number; good: number; bad: number; failed: boolean },
): Score {
  const base = Math.min(Math.max(sums.base, 0), scheme.baseMax);
  const good = Math.min(sums.good, scheme.goodMax);
  const total = base + good - sums.bad;
  const grade = sums.failed ? lowest(scheme) : (scheme.grades.find((g) => total >= g.min)?.grade ?? lowest(scheme));
  return { base, good, bad: sums.bad, total, grade, failed: sums.failed };
}

const lowest = (scheme: CreditScheme) => scheme.grades[scheme.grades.length - 1].grade;

export interface Ranked {
  companyId: string;
  total: number;
  failed: boolean;
  rank: number;
}

/**
 * The published ranking: failed companies last, then by score, highest first. Equal scores share a rank
 * (1, 2, 2, 4), so a tie never depends on the order rows came from the database.
 */
export function rank(scores: { companyId: string; total: number; failed: boolean }[]): Ranked[] {
  const sorted = [...scores].sort(
    (a, b) => Number(a.failed) - Number(b.failed) || b.total - a.total || (a.companyId < b.companyId ? -1 : 1),
  );
  let place = 0;
  return sorted.map((s, i) => {
    const prev = sorted[i - 1];
    if (!prev || prev.failed !== s.failed || prev.total !== s.total) place = i + 1;
    return { ...s, rank: place };
  });
}

/** 红黑榜 rules (default Chibi 2024): top or bottom `size` in `consecutive` evaluations in a row. */
export interface ListRules {
  size: number;
  consecutive: number;
  /** Months a black-listed company may not tender. */
  barMonths: number;
}

export const DEFAULT_LIST_RULES: ListRules = { size: 5, consecutive: 3, barMonths: 12 };

/**
 * Who goes on the red and the black list after the latest of `periods` (oldest first, each a ranking): those in
 * the top `size` ranks — or the bottom `size` places — in each of the last `consecutive` periods, and ranked in each.
 */
export function redAndBlack(periods: Ranked[][], rules: ListRules = DEFAULT_LIST_RULES) {
  if (periods.length < rules.consecutive) return { red: [], black: [] };
  const last = periods.slice(-rules.consecutive);
  const top = last.map((p) => new Set(p.filter((r) => r.rank <= rules.size).map((r) => r.companyId)));
  const bottom = last.map((p) => new Set(bottomOf(p, rules.size)));
  const inAll = (sets: Set<string>[]) => [...sets[0]].filter((id) => sets.every((s) => s.has(id))).sort();
  return { red: inAll(top), black: inAll(bottom) };
}

/** The bottom `size` places, and any company tied with the last of them. */
function bottomOf(ranking: Ranked[], size: number): string[] {
  if (!ranking.length) return [];
  const sorted = [...ranking].sort((a, b) => b.rank - a.rank);
  const cut = sorted[Math.min(size, sorted.length) - 1].rank;
  return sorted.filter((r) => r.rank >= cut).map((r) => r.companyId);
}

/**
 * The last day of a bar of `months` decided on `from` (ISO date), by Civil Code arts. 201–202: the period is
 * counted from the next day and ends on the corresponding day of its last month, or that month's last day where
 * there is none. A year from 2026-03-31 ends 2027-03-31; a year from 2024-02-29 ends 2025-02-28.
 */
export function barEnds(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastDay)))
    .toISOString()
    .slice(0, 10);
}

/** Is a sanction in force on a day (both ends included)? */
export const inForce = (s: { from: string; until: string }, on: string) => s.from <= on && on <= s.until;
