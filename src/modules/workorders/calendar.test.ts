import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  defaultCalendarDays,
  defaultCalendarYears,
  isWeekend,
  shanghaiDate,
  startOfShanghaiDay,
  workCalendar,
} from './calendar.ts';
import data from './data/cn-calendar.json' with { type: 'json' };

// Transcribed by hand from the State Council General Office notices (国务院办公厅关于XXXX年部分节假日安排的通知):
// each block as [first day, days off], and the weekend days worked instead (调休上班).
const NOTICES: Record<string, { blocks: [string, number][]; workdays: string[] }> = {
  // 国办发明电〔2023〕7号. 元旦 and 端午 are "与周末连休": the weekend days of those blocks are listed too.
  '2024': {
    blocks: [
      ['2024-01-01', 1], // 元旦 (12.30–31 are 2023 weekend days)
      ['2024-02-10', 8], // 春节
      ['2024-04-04', 3], // 清明
      ['2024-05-01', 5], // 劳动节
      ['2024-06-08', 3], // 端午 6.10 with the weekend
      ['2024-09-15', 3], // 中秋
      ['2024-10-01', 7], // 国庆
    ],
    workdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  // 国办发明电〔2024〕12号, the first year of the revised 全国年节及纪念日放假办法 (除夕 and 5.2 added).
  '2025': {
    blocks: [
      ['2025-01-01', 1],
      ['2025-01-28', 8], // 春节 from 除夕
      ['2025-04-04', 3],
      ['2025-05-01', 5],
      ['2025-05-31', 3],
      ['2025-10-01', 8], // 国庆 + 中秋 merged
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  // Notice of 2025-11-04.
  '2026': {
    blocks: [
      ['2026-01-01', 3],
      ['2026-02-15', 9], // 春节 from 腊月二十八
      ['2026-04-04', 3],
      ['2026-05-01', 5],
      ['2026-06-19', 3],
      ['2026-09-25', 3],
      ['2026-10-01', 7],
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

const nextDay = (date: string) => shanghaiDate(startOfShanghaiDay(date) + 86_400_000);

/** Runs of consecutive dates as [first day, length]. */
function blocks(dates: string[]): [string, number][] {
  const out: [string, number][] = [];
  let prev = '';
  for (const d of [...dates].sort()) {
    if (prev && nextDay(prev) === d) out[out.length - 1][1]++;
    else out.push([d, 1]);
    prev = d;
  }
  return out;
}

test('the bundled calendar holds exactly the years we transcribed (2027 is not published yet)', () => {
  assert.deepEqual(defaultCalendarYears(), [2024, 2025, 2026]);
  assert.deepEqual(Object.keys(data.years), Object.keys(NOTICES));
});

for (const [year, notice] of Object.entries(NOTICES)) {
  const listed = data.years[year as keyof typeof data.years];
  test(`${year}: holiday blocks and make-up workdays match the State Council notice`, () => {
    assert.deepEqual(blocks(listed.holidays), notice.blocks);
    assert.deepEqual([...listed.workdays].sort(), notice.workdays);
  });

  test(`${year}: dates are real, in the year, unique, never both kinds, and make-up workdays are weekends`, () => {
    for (const d of [...listed.holidays, ...listed.workdays]) {
      assert.equal(shanghaiDate(startOfShanghaiDay(d)), d);
      assert.equal(d.slice(0, 4), year);
    }
    assert.equal(new Set(listed.holidays).size, listed.holidays.length);
    assert.equal(new Set(listed.workdays).size, listed.workdays.length);
    for (const d of listed.workdays) {
      assert.ok(!listed.holidays.includes(d), `${d} both holiday and workday`);
      assert.ok(isWeekend(d), `${d} is a make-up workday but not a weekend day`);
    }
  });
}

test('totals per year: 2024 30 days off / 8 make-up days, 2025 28 / 5, 2026 33 / 6', () => {
  const counts = Object.fromEntries(
    Object.entries(data.years).map(([y, v]) => [y, [v.holidays.length, v.workdays.length]]),
  );
  assert.deepEqual(counts, { '2024': [30, 8], '2025': [28, 5], '2026': [33, 6] });
});

test('workCalendar: weekends off unless 调休, listed holidays off, weekdays on', () => {
  const cal = workCalendar(defaultCalendarDays());
  assert.equal(cal.isWorkingDay('2025-09-27'), false); // Saturday
  assert.equal(cal.isWorkingDay('2025-09-28'), true); // Sunday worked for 国庆
  assert.equal(cal.isWorkingDay('2025-10-08'), false); // Wednesday inside 国庆+中秋
  assert.equal(cal.isWorkingDay('2025-10-09'), true); // Thursday
  assert.equal(cal.isWorkingDay('2026-02-14'), true); // Saturday worked for 春节
  assert.equal(cal.isWorkingDay('2030-06-03'), true); // Monday of a year without data: weekday rule only
  assert.equal(cal.isWorkingDay('2030-06-01'), false);
});

test('workCalendar refuses contradictory or malformed rows', () => {
  assert.throws(() =>
    workCalendar([
      { date: '2025-10-01', kind: 'holiday' },
      { date: '2025-10-01', kind: 'workday' },
    ]),
  );
  assert.throws(() => workCalendar([{ date: '2025-02-30', kind: 'holiday' }]));
  assert.throws(() => workCalendar([{ date: '2025-2-3', kind: 'holiday' }]));
});

test('Shanghai days are UTC+8 all year', () => {
  assert.equal(shanghaiDate(Date.parse('2025-09-30T16:00:00Z')), '2025-10-01');
  assert.equal(shanghaiDate(Date.parse('2025-09-30T15:59:59.999Z')), '2025-09-30');
  assert.equal(startOfShanghaiDay('2025-10-01'), Date.parse('2025-10-01T00:00:00+08:00'));
  assert.equal(startOfShanghaiDay('2025-07-01'), Date.parse('2025-06-30T16:00:00Z'));
  assert.throws(() => startOfShanghaiDay('2025-02-29'));
});
